// "+1", "我+2", "我也要", "同上", "跟张姐一样": an order that follows what the group just saw — the last
// order in this group (someone else's) or the leader's last post about products, within FOLLOW_WINDOW_MS.
// "+N" takes N of that one product and asks which when several fit; the others copy the whole order,
// and say nothing when there is nothing to follow (neighbours say "同上" to each other too).
import { and, desc, eq, gte, inArray, isNull, ne } from 'drizzle-orm';
import type { App, Handler, MessageContext } from '../../core/types.js';
import type { ParseResult } from '../../nlu/index.js';
import { normalize } from '../../nlu/index.js';
import { parseNumber } from '../../nlu/text/numbers.js';
import { orderItems, orders, products } from '../../store/schema.js';
import { resolveMember } from '../../growth/members.js';
import { placeAndConfirm } from './order.js';

export const FOLLOW_WINDOW_MS = 30 * 60_000;

const PLUS_RE = /^(?:我|俺)?也?\+\s*(\d{1,3})[!！。.~]*$/;
const ME_TOO_RE = /^(?:我|俺)也要(?:(\d{1,3}|[一两二三四五六七八九十])(?:份|个|盒|斤|瓶|袋|箱)?)?[!！。.~]*$/;
const SAME_RE = /^(?:同上|(?:我|俺)?(?:跟|和|同)(.{1,12}?)(?:的)?一样(?:的)?)[!！。.~]*$/;

type Follow = { kind: 'plus'; qty: number } | { kind: 'copy'; of?: string };

function readFollow(text: string): Follow | null {
  const t = normalize(text).trim();
  if (t.length > 20) return null;
  let m = PLUS_RE.exec(t);
  if (m) return { kind: 'plus', qty: Number(m[1]) };
  m = ME_TOO_RE.exec(t);
  if (m) return m[1] ? { kind: 'plus', qty: parseNumber(m[1]) } : { kind: 'copy' };
  m = SAME_RE.exec(t);
  if (m) return m[1] ? { kind: 'copy', of: m[1].replace(/^@/, '').trim() } : { kind: 'copy' };
  return null;
}

type Line = { product: string; qty: number; unit: string };

/** The group's latest order within the window (by `memberId` when given, else by anyone but the sender). */
function lastOrder(app: App, ctx: MessageContext, since: number, memberId?: number): { at: number; lines: Line[] } | null {
  const { db } = app.store;
  const who = memberId !== undefined ? eq(orders.memberId, memberId) : ne(orders.memberId, ctx.member!.id);
  const order = db.select({ id: orders.id, at: orders.createdAt }).from(orders)
    .where(and(eq(orders.groupId, ctx.group!.id), gte(orders.createdAt, since), who, inArray(orders.status, ['placed', 'confirmed'])))
    .orderBy(desc(orders.id)).limit(1).get();
  if (!order) return null;
  const lines = db.select({ product: products.name, qty: orderItems.qty, unit: products.unit }).from(orderItems)
    .innerJoin(products, eq(products.id, orderItems.productId))
    .where(and(eq(orderItems.orderId, order.id), isNull(orderItems.cancelledAt))).orderBy(orderItems.id).all();
  return lines.length ? { at: order.at, lines } : null;
}

function ask(names: string[], app: App, ctx: MessageContext): string {
  const list = names.map((n) => `「${n}」`);
  const product = app.catalogs.get(ctx.community!.id).byName.get(names[0]!);
  const which = list.length === 2 ? `${list[0]}还是${list[1]}` : `${list.slice(0, -1).join('、')}还是${list.at(-1)}`;
  return `您要的是${which}？请直接发商品和数量，例如「${names[0]}1${product?.unit ?? '份'}」`;
}

export const followHandler: Handler = {
  name: 'follow',
  atomic: true,
  match: (ctx) => ctx.group !== null && ctx.community !== null && ctx.member !== null && readFollow(ctx.text) !== null,
  handle(ctx, app) {
    const follow = readFollow(ctx.text)!;
    const now = app.now();
    const since = now - FOLLOW_WINDOW_MS;
    const order = (lines: Line[]) => {
      const p: ParseResult = { intent: 'order', items: lines.map((l) => ({ ...l })) };
      placeAndConfirm(ctx, app, p);
    };
    if (follow.kind === 'copy' && follow.of) {
      const member = resolveMember(app.store, ctx.community!.id, ctx.mentionIds, follow.of);
      const theirs = member ? lastOrder(app, ctx, since, member.id) : null;
      if (!theirs) return; // neighbours agreeing with each other: nothing to order, nothing to say
      return order(theirs.lines);
    }
    const group = ctx.group!;
    const latest = lastOrder(app, ctx, since);
    const post = group.recentPostAt !== null && group.recentPostAt >= since && group.recentPostProducts
      ? { at: group.recentPostAt, names: JSON.parse(group.recentPostProducts) as string[] } : null;
    const catalog = app.catalogs.get(ctx.community!.id);
    // The newer of the two is what "+1" answers.
    if (latest && (!post || latest.at >= post.at)) {
      if (follow.kind === 'copy') return order(latest.lines);
      const names = [...new Set(latest.lines.map((l) => l.product))];
      if (names.length > 1) return ctx.reply(ask(names, app, ctx));
      return order([{ ...latest.lines[0]!, qty: follow.qty }]);
    }
    if (post) {
      const names = post.names.filter((n) => catalog.byName.has(n));
      if (names.length > 1) return ctx.reply(ask(names, app, ctx));
      if (names.length === 1) return order([{ product: names[0]!, qty: follow.kind === 'plus' ? follow.qty : 1, unit: catalog.byName.get(names[0]!)!.unit }]);
    }
    // "+1" is always meant for us; "同上" / "我也要" with nothing to follow is chatter.
    if (follow.kind === 'plus') ctx.reply('30 分钟内群里没有可以跟的订单，请直接发商品和数量，例如「苹果2斤」');
  },
};
