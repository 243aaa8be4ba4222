// When unsure, don't act. The parser sets `held` on a message where it considered an action (order, cancel,
// complaint …) but was not sure enough of it; the intent is then a non-action. Three outcomes:
// - the member ordered within RECENT_ORDER_MS (service/relevance.ts): what they say next is about the group-buy,
//   so a held complaint or suggestion is taken as one (never a held order, cancel or modify: no money on a guess);
// - said to the bot or the leader (团长, @) or in private chat: ONE short question;
// - otherwise silence, and the message is recorded (unhandled_messages) for the leader's morning digest.
import type { App, Handler, MessageContext } from '../core/types.js';
import type { Intent, ParseResult } from '../nlu/index.js';
import type { Store } from '../store/db.js';
import { unhandledMessages } from '../store/schema-service.js';
import { render, type ReplyKey } from '../messaging/replies.js';
import { complaintHandler, suggestionHandler } from './service/feedback.js';
import { aboutSomethingElse, isAddressed, orderedRecently } from './service/relevance.js';

/** How much of a left-alone message is kept (the digest shows a line of it). */
export const UNHANDLED_TEXT_MAX = 200;

/** The handlers a held intent is handed to when the member's recent order says it is about us. */
const BY_CONTEXT: Partial<Record<Intent, Handler>> = { complaint: complaintHandler, suggestion: suggestionHandler };

const QUESTIONS: Partial<Record<Intent, ReplyKey>> = {
  order: 'held_order', cancel: 'held_cancel', modify: 'held_modify', complaint: 'held_complaint',
  suggestion: 'held_suggestion', redeem: 'held_redeem',
};

export function recordUnhandled(store: Store, row: { communityId: number; groupId: number | null; memberId: number | null; sourceMsgId: string; text: string; heldIntent: Intent }, now: number): void {
  store.db.insert(unhandledMessages).values({ ...row, text: row.text.slice(0, UNHANDLED_TEXT_MAX), at: now })
    .onConflictDoNothing().run();
}

/** The same message as the parser would have read it had it been sure of the held action. */
function asHeld(ctx: MessageContext, p: ParseResult): MessageContext {
  const taken: ParseResult = { ...p, intent: p.held! };
  return { ...ctx, parsed: () => taken };
}

function question(ctx: MessageContext, app: App, held: Intent): string {
  const product = app.catalogs.get(ctx.community!.id).products[0];
  const name = product?.name ?? '草莓';
  const unit = product?.unit ?? '盒';
  return render(QUESTIONS[held] ?? 'held_other', { example: `${name}2${unit}`, product: name, unit });
}

export const heldHandler: Handler = {
  name: 'held',
  atomic: true,
  match: (ctx) => ctx.community !== null && ctx.parsed()?.held !== undefined,
  handle(ctx, app) {
    const p = ctx.parsed()!;
    const held = p.held!;
    const now = app.now();
    const byContext = BY_CONTEXT[held];
    // The recent order is the relevance the parser lacked: the handler's own gate is not asked again.
    // …unless it names somebody else's business (another shop, the property, a courier, a takeaway).
    if (byContext && ctx.member && orderedRecently(app.store, ctx.member.id, now) && !(held === 'complaint' && aboutSomethingElse(ctx.text))) return byContext.handle(asHeld(ctx, p), app);
    if (isAddressed(ctx)) return ctx.reply(question(ctx, app, held));
    recordUnhandled(app.store, {
      communityId: ctx.community!.id, groupId: ctx.group?.id ?? null, memberId: ctx.member?.id ?? null,
      sourceMsgId: ctx.messageId, text: ctx.text, heldIntent: held,
    }, now);
  },
};
