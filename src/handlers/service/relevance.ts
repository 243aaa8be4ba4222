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
import { ELSEWHERE_RE, GROUP_BUY_RE } from '../../nlu/models/features.js';

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

/** Somebody else's business: another shop, the property, a courier, a takeaway or online order. */
const OTHER_TARGET_RE = new RegExp(`${ELSEWHERE_RE.source}|外卖|网购|淘宝|京东|美团|饿了么|拼多多|快递`);

/** The text names somebody else's business (and no product or group-buy word was found first). */
export function aboutSomethingElse(text: string): boolean {
  return OTHER_TARGET_RE.test(text);
}

/**
 * A complaint is a ticket only with a target in the group-buy: a product of the catalog, a group-buy word, words
 * to the leader or the bot (你们 included), or a private chat. Without one, a complaint about another shop, the
 * property, a courier or a takeaway is neighbourhood life; any other (a delivery complaint, or one of a definite type
 * right after the member's own order: "吃了拉肚子") is ours.
 */
export function complaintIsOurs(ctx: MessageContext, app: App, type: string): boolean {
  if (!ctx.community || !ctx.member) return false;
  const t = ctx.text;
  if (app.catalogs.get(ctx.community.id).mentions(t).length > 0 || GROUP_BUY_RE.test(t) || isAddressed(ctx) || /你们/.test(t)) return true;
  if (aboutSomethingElse(t)) return false;
  return DELIVERY_TYPES.has(type) || (type !== '其他' && orderedRecently(app.store, ctx.member.id, app.now()));
}

const DELIVERY_TYPES = new Set(['配送延迟', '未送达']);
