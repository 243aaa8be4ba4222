// Is a question or complaint about the group-buy? The parser's reading decides: the relevance-first model only
// reads a complaint when it has a group-buy target, and says how sure it is (`confidence`). A reading without
// that (the rule layer alone, or today's rule parser) needs a general sign that the message is for us: a private
// chat, words to the leader or the bot, or a product of the catalog. No word list: property, neighbours and
// weather stay neighbourhood life. The member's own order shortly before (orderedRecently) is the other sign,
// used where a wrong guess is cheap: see feedback.ts and held.ts.
import { and, desc, eq, gte, inArray } from 'drizzle-orm';
import type { App, MessageContext } from '../../core/types.js';
import type { Store } from '../../store/db.js';
import { orders } from '../../store/schema.js';
import { LIVE_STATUSES } from '../../ordering/summary.js';

/** A message within this long after the member's own order is about the group-buy. */
export const RECENT_ORDER_MS = 2 * 3600_000;

/** Whether the member placed an order (still live) within RECENT_ORDER_MS before now. */
export function orderedRecently(store: Store, memberId: number, now: number): boolean {
  return store.db.select({ id: orders.id }).from(orders)
    .where(and(eq(orders.memberId, memberId), gte(orders.createdAt, now - RECENT_ORDER_MS), inArray(orders.status, [...LIVE_STATUSES])))
    .orderBy(desc(orders.id)).limit(1).get() !== undefined;
}

/** Said to the bot or the leader: the parser's own reading, else 团长 or an @ in the text; a private chat always is. */
export function isAddressed(ctx: MessageContext): boolean {
  if (ctx.chat.kind === 'private') return true;
  return ctx.parsed()?.addressed ?? /团长|[@＠]/.test(ctx.text);
}

export function aboutGroupBuy(ctx: MessageContext, app: App): boolean {
  if (!ctx.community) return false;
  const p = ctx.parsed();
  if (p?.confidence !== undefined) return true; // the model read it, relevance first
  if (isAddressed(ctx)) return true;
  return app.catalogs.get(ctx.community.id).mentions(ctx.text).length > 0;
}
