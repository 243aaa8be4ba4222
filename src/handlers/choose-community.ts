// Private chat from a member of several communities: which one do they mean? Asked until they choose,
// then remembered (private_choices); "切换小区" asks again.
import type { App, Handler, MessageContext } from '../core/types.js';
import type { Member } from '../store/schema.js';
import { choosePrivateCommunity, clearPrivateChoice } from '../community/private-choice.js';

const SWITCH_RE = /^(?:切换|更换|换|重选|选择)小区$/;

function question(app: App, list: Member[]): string {
  const names = list.map((m, i) => `${i + 1}. ${app.directory.community(m.communityId)?.name ?? `小区${m.communityId}`}`);
  return `您在 ${list.length} 个小区的群里，私聊要按哪个小区处理？请回复序号或小区名：\n${names.join('\n')}\n选好后会记住，发「切换小区」可以重选`;
}

/** "2", "２", "绿城", "绿城小区" → the membership picked, if exactly one fits. */
function picked(app: App, list: Member[], text: string): Member | undefined {
  const t = text.normalize('NFKC').trim();
  if (/^\d{1,2}$/.test(t)) return list[Number(t) - 1];
  const fits = list.filter((m) => {
    const name = app.directory.community(m.communityId)?.name ?? '';
    return name !== '' && (t === name || t.includes(name) || name.includes(t));
  });
  return fits.length === 1 ? fits[0] : undefined;
}

/** Contacts asked since start-up (only changes the wording of the next question). */
const asked = new WeakMap<App, Set<string>>();

/** Notes that the contact was asked; returns whether they had been already. */
function markAsked(app: App, contactId: string): boolean {
  const set = asked.get(app) ?? new Set<string>();
  asked.set(app, set);
  const before = set.has(contactId);
  set.add(contactId);
  return before;
}

const several = (ctx: MessageContext, app: App) => ctx.chat.kind === 'private' && app.directory.memberships(ctx.sender.contactId).length > 1;

export const chooseCommunityHandler: Handler = {
  name: 'choose-community',
  match: (ctx, app) => ctx.chat.kind === 'private' && ctx.media === null
    && (ctx.member === null || SWITCH_RE.test(ctx.text.trim())) && several(ctx, app),
  handle(ctx, app) {
    const contactId = ctx.sender.contactId;
    const list = app.directory.memberships(contactId);
    if (SWITCH_RE.test(ctx.text.trim())) {
      clearPrivateChoice(app.store, contactId);
      markAsked(app, contactId);
      return ctx.reply(question(app, list));
    }
    const choice = picked(app, list, ctx.text);
    if (!choice) {
      // The first message is what they wanted done: just ask. Anything after that is an answer we did not understand.
      const before = markAsked(app, contactId);
      return ctx.reply(before ? `没看懂「${ctx.text.trim().slice(0, 20)}」。${question(app, list)}` : question(app, list));
    }
    choosePrivateCommunity(app.store, contactId, choice.communityId, app.now());
    asked.get(app)?.delete(contactId);
    ctx.reply(`好的，以后私聊按「${app.directory.community(choice.communityId)?.name ?? ''}」处理。请再发一次您要办的事`);
  },
};
