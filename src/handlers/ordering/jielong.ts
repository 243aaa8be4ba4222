// 接龙 lists: every version is remembered per group; the lines a sender added are their order. The first
// version a group shows has no previous one: there each line that names a member is that member's order.
import type { App, Handler, MessageContext } from '../../core/types.js';
import type { Member } from '../../store/schema.js';
import { entries, isJielong, type JielongEntry } from '../../nlu/jielong.js';
import { normalize } from '../../nlu/index.js';
import { setLastJielong } from '../../community/groups.js';
import { resolveMember } from '../../growth/members.js';
import { enqueue } from '../../messaging/outbox.js';
import { notifyLeaders } from '../../messaging/notify.js';
import { placeAndConfirm } from './order.js';

const SEPARATORS = /^[\s:：,，、\-—]+|[\s:：,，、\-—]+$/g;

interface NamedLine { entry: JielongEntry; name: string; orderText: string }

/** Lines of a list that start with a name before the first product ("张姐 苹果2斤"). */
function namedLines(app: App, ctx: MessageContext): NamedLine[] {
  const catalog = app.catalogs.get(ctx.community!.id);
  const out: NamedLine[] = [];
  for (const entry of entries(normalize(ctx.text))) {
    const at = catalog.firstProductAt(entry.text);
    if (at <= 0) continue;
    const name = entry.text.slice(0, at).replace(SEPARATORS, '');
    if (name) out.push({ entry, name, orderText: entry.text.slice(at) });
  }
  return out;
}

/** The same message, as if the named member had written this one line: replies are collected, codes go to them. */
function lineContext(app: App, ctx: MessageContext, member: Member, line: NamedLine, parsed: ReturnType<MessageContext['parsed']>, out: string[]): MessageContext {
  let n = 0;
  const toMember = (body: string) => {
    enqueue(app.store, { conversationId: member.contactId, conversationKind: 'contact', body, dedupKey: `${ctx.messageId}#${line.entry.no}#p${n++}` }, app.now());
    app.notifyOutbox();
  };
  return {
    ...ctx,
    messageId: `${ctx.messageId}#${line.entry.no}`,
    member, who: member.displayName, sender: { contactId: member.contactId, nickname: member.displayName },
    parsed: () => parsed,
    reply: (text) => { out.push(text); },
    replyPrivately: toMember,
    replyConfidential: toMember,
  };
}

function firstSight(app: App, ctx: MessageContext, lines: NamedLine[]): void {
  const communityId = ctx.community!.id;
  const parser = app.catalogs.get(communityId).parser;
  const replies: string[] = [];
  const unmatched: NamedLine[] = [];
  for (const line of lines) {
    const member = resolveMember(app.store, communityId, [], line.name);
    if (!member || member.leftAt !== null) {
      unmatched.push(line);
      continue;
    }
    const parsed = parser.parse(line.orderText, { recent: ctx.group?.recentProduct ?? undefined });
    placeAndConfirm(lineContext(app, ctx, member, line, parsed, replies), app, parsed);
  }
  if (unmatched.length) {
    notifyLeaders(app.store, communityId, `【接龙未对上】${ctx.who} 在「${ctx.where}」发的接龙里，这些行的名字没有对上群成员，没有下单：\n${unmatched.map((l) => `${l.entry.no}. ${l.entry.text}`).join('\n')}`, `${ctx.messageId}#jielong-unmatched`, app.now());
    replies.push(`接龙里有 ${unmatched.length} 行的名字没有对上群成员，没有下单，已转告团长`);
  }
  if (replies.length) ctx.reply(replies.join('\n'));
}

export const jielongHandler: Handler = {
  name: 'jielong',
  atomic: true,
  // The cheap test first: a 接龙 is several lines, or says 接龙 (this runs for every group message).
  match: (ctx) => ctx.group !== null && ctx.member !== null && ctx.text.length <= 20_000
    && (ctx.text.includes('\n') || ctx.text.includes('接龙')) && isJielong(normalize(ctx.text)),
  handle(ctx, app) {
    const named = ctx.group!.lastJielong ? [] : namedLines(app, ctx);
    if (named.length) firstSight(app, ctx, named);
    else {
      const p = ctx.parsed()!; // parsed against the previous version
      if (p.intent === 'order') placeAndConfirm(ctx, app, p);
    }
    app.directory.updateGroup(setLastJielong(app.store, ctx.group!.id, ctx.text));
  },
};
