// Placing orders: one transaction that checks the catalog, reserves stock and writes the order.
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Store } from '../store/db.js';
import { orderItems, orders, products, sessions, type Order, type Product } from '../store/schema.js';
import { lineAmountFen, roundQty, toMilli } from '../quantity.js';
import { preparedFor } from '../store/prepared.js';

/** A line to order: the product as the caller's catalog cache knows it, and how much. */
export interface OrderLineInput { product: Pick<Product, 'id' | 'name' | 'unit' | 'priceFen'>; qty: number }

export interface PlacedLine { product: OrderLineInput['product']; qty: number; amountFen: number }

/** What an order needs to know of a product (a narrow row: the hot path reads no more). */
export type LineProduct = Pick<Product, 'id' | 'name' | 'unit' | 'priceFen' | 'stock' | 'reserved' | 'status'>;

/** A line that asked for more than is left: how much was wanted and how much can still be sold. */
export interface ShortLine { product: LineProduct; wanted: number; left: number }

export type PlaceOrderResult =
  /** `short`: lines not placed because less is left than asked (the rest of the order was placed). */
  | { ok: true; order: Order; lines: PlacedLine[]; short: ShortLine[] }
  | { ok: false; reason: 'duplicate' }
  | { ok: false; reason: 'empty' }
  | { ok: false; reason: 'unknown_product'; name: string }
  | { ok: false; reason: 'bad_qty'; name: string; qty: number }
  /** Not one line could be placed: every line asked for more than is left (`short`, in message order). */
  | { ok: false; reason: 'sold_out'; product: LineProduct; left: number; short: ShortLine[] }
  /** The price changed since the caller's catalog was read: refresh it and try again. */
  | { ok: false; reason: 'stale_price'; name: string };

/** Largest quantity one resident may order of one product in one message. */
export const MAX_LINE_QTY = 999;

// Placing an order is the per-message hot path: its statements are prepared once per store, and none
// uses RETURNING (it costs several times the write itself in SQLite).
const statements = preparedFor((store: Store) => {
  const { db, sqlite } = store;
  const p = sql.placeholder;
  return {
    product: db.select({
      id: products.id, name: products.name, unit: products.unit, priceFen: products.priceFen, stock: products.stock,
      reserved: products.reserved, status: products.status,
    }).from(products).where(and(eq(products.id, p('id')), eq(products.communityId, p('communityId')))).prepare(),
    // Conditional decrement: two residents racing for the last units cannot both succeed, the presale
    // reserve is never sold to an ordinary order, and the price must still be the one the caller read.
    // Quantities in raw SQL are thousandths (the columns are qty_milli, see src/quantity.ts).
    take: db.update(products).set({ stock: sql`${products.stock} - ${p('milli')}` })
      .where(and(
        eq(products.id, p('id')), eq(products.communityId, p('communityId')), eq(products.priceFen, p('price')),
        sql`${products.status} != 'inactive'`, sql`${products.stock} - ${products.reserved} >= ${p('milli')}`,
      )).prepare(),
    // The source message id is UNIQUE: a re-delivered message inserts nothing.
    order: db.insert(orders).values({
      communityId: p('communityId'), groupId: p('groupId'), memberId: p('memberId'), sessionId: p('sessionId'),
      pickupCode: p('code'), sourceMsgId: p('src'),
      // The community's next order number (orders_community_no makes this a single index probe).
      orderNo: sql`(SELECT coalesce(max(${orders.orderNo}), 0) + 1 FROM ${orders} WHERE ${orders.communityId} = ${p('communityId')})`,
      status: 'placed', totalFen: p('total'), linesAsked: p('asked'), note: p('note'), address: p('address'), recipientName: p('recipient'),
      createdAt: p('now'), updatedAt: p('now'),
    }).onConflictDoNothing({ target: orders.sourceMsgId }).prepare(),
    giveBack: db.update(products).set({ stock: sql`${products.stock} + ${p('milli')}` }).where(eq(products.id, p('id'))).prepare(),
    orderNo: db.select({ no: orders.orderNo }).from(orders).where(eq(orders.id, p('id'))).prepare(),
    total: db.update(orders).set({ totalFen: sql`${p('total')}` }).where(eq(orders.id, p('id'))).prepare(),
    remove: db.delete(orders).where(eq(orders.id, p('id'))).prepare(),
    item: db.insert(orderItems).values({
      orderId: p('orderId'), productId: p('productId'), qty: p('qty'), unitPriceFen: p('price'), amountFen: p('amount'),
    }).prepare(),
    // better-sqlite3's own transaction wrapper, built once (a savepoint when nested; rolls back on throw).
    tx: sqlite.transaction((fn: () => PlaceOrderResult) => fn()),
  };
});

/**
 * A random 6-digit pickup code, unique among the community's uncollected orders (see the partial
 * index). Even at a big-sale peak of 5,000 open orders a retry is needed for 1 order in 200; four
 * digits would collide for every other order by then.
 */
function insertWithPickupCode(order: Order, insert: (code: string) => { changes: number; lastInsertRowid: number | bigint }) {
  for (let attempt = 0; ; attempt++) {
    const code = String(Math.floor(Math.random() * 1e6)).padStart(6, '0');
    try {
      const res = insert(code);
      if (res.changes > 0) order.pickupCode = code;
      return res;
    } catch (err) {
      const taken = err instanceof Error && /UNIQUE constraint failed: orders\.community_id, orders\.pickup_code/.test(err.message);
      if (!taken || attempt >= 20) throw err;
    }
  }
}

export function placeOrder(
  store: Store,
  input: {
    communityId: number; groupId: number | null; memberId: number; sourceMsgId: string; lines: OrderLineInput[];
    sessionId?: number | null; note?: string | null; address?: string | null; recipientName?: string | null;
  },
  now: number,
): PlaceOrderResult {
  if (input.lines.length === 0) return { ok: false, reason: 'empty' };
  for (const l of input.lines) {
    if (!Number.isFinite(l.qty) || l.qty <= 0 || l.qty > MAX_LINE_QTY) return { ok: false, reason: 'bad_qty', name: l.product.name, qty: l.qty };
  }
  const st = statements(store);
  const lines: PlacedLine[] = input.lines.map((l) => ({ product: l.product, qty: l.qty, amountFen: lineAmountFen(l.qty, l.product.priceFen) }));
  const order: Order = {
    id: 0, communityId: input.communityId, groupId: input.groupId, memberId: input.memberId, sourceMsgId: input.sourceMsgId,
    sessionId: input.sessionId ?? null, pickupCode: null, orderNo: 0,
    status: 'placed', totalFen: lines.reduce((sum, l) => sum + l.amountFen, 0), linesAsked: lines.length, note: input.note ?? null,
    address: input.address ?? null, recipientName: input.recipientName ?? null, createdAt: now, updatedAt: now,
  };
  const place = (): PlaceOrderResult => {
    // The order row first: a re-delivered message stops here, before any stock is touched.
    const inserted = insertWithPickupCode(order, (code) => st.order.run({
      communityId: order.communityId, groupId: order.groupId, memberId: order.memberId, sessionId: order.sessionId, code,
      src: order.sourceMsgId, total: order.totalFen, asked: order.linesAsked, note: order.note, address: order.address, recipient: order.recipientName, now,
    }));
    if (inserted.changes === 0) return { ok: false, reason: 'duplicate' };
    order.id = Number(inserted.lastInsertRowid);
    const taken: PlacedLine[] = [];
    const short: ShortLine[] = [];
    const undo = () => {
      // Rare, so no savepoint is paid for on every order: give back what this order took, drop the row.
      for (const done of taken) st.giveBack.run({ id: done.product.id, milli: toMilli(done.qty) });
      st.remove.run({ id: order.id });
    };
    for (const l of lines) {
      const key = { id: l.product.id, communityId: input.communityId };
      if (st.take.run({ ...key, price: l.product.priceFen, milli: toMilli(l.qty) }).changes > 0) { taken.push(l); continue; }
      const current = st.product.get(key);
      if (!current || current.status === 'inactive') { undo(); return { ok: false, reason: 'unknown_product', name: l.product.name }; }
      if (current.priceFen !== l.product.priceFen) { undo(); return { ok: false, reason: 'stale_price', name: l.product.name }; }
      // Less left than asked: the other lines are still placed; this one is named in the reply.
      short.push({ product: current, wanted: l.qty, left: Math.max(0, roundQty(current.stock - current.reserved)) });
    }
    if (taken.length === 0) {
      undo();
      return { ok: false, reason: 'sold_out', product: short[0]!.product, left: short[0]!.left, short };
    }
    if (short.length) {
      order.totalFen = taken.reduce((sum, l) => sum + l.amountFen, 0);
      st.total.run({ id: order.id, total: order.totalFen });
    }
    order.orderNo = st.orderNo.get({ id: order.id })!.no;
    for (const l of taken) {
      st.item.run({ orderId: order.id, productId: l.product.id, qty: l.qty, price: l.product.priceFen, amount: l.amountFen });
    }
    return { ok: true, order, lines: taken, short };
  };
  // Inside a write batch (the bot's path) the caller's savepoint already makes this all-or-nothing on
  // an exception; called on its own it gets a transaction of its own.
  return store.sqlite.inTransaction ? place() : st.tx(place);
}

export interface OrderView { order: Order; items: { itemId: number; name: string; unit: string; qty: number; amountFen: number }[] }

/** A member's most recent orders with their items, newest first. */
export function recentOrdersOf(store: Store, memberId: number, limit = 5): OrderView[] {
  const list = store.db.select().from(orders).where(eq(orders.memberId, memberId))
    .orderBy(desc(orders.id)).limit(limit).all();
  if (list.length === 0) return [];
  const items = store.db.select({
    itemId: orderItems.id, orderId: orderItems.orderId, name: products.name, unit: products.unit, qty: orderItems.qty, amountFen: orderItems.amountFen,
  }).from(orderItems).innerJoin(products, eq(products.id, orderItems.productId))
    .where(and(inArray(orderItems.orderId, list.map((o) => o.id)), isNull(orderItems.cancelledAt))).all();
  return list.map((order) => ({ order, items: items.filter((i) => i.orderId === order.id) }));
}

/** How an order's status reads to residents and leaders. */
export const ORDER_STATUS_NAMES: Record<Order['status'], string> = {
  placed: '已下单', confirmed: '已确认', delivered: '已送达', picked_up: '已取货', done: '已完成', cancelled: '已取消', refunded: '已退款',
};

/** Orders a resident can still change: placed or confirmed, not yet delivered. */
export const OPEN_STATUSES = ['placed', 'confirmed'] as const;

export interface OpenLine {
  itemId: number; orderId: number; /** The community's order number, for texts. */ orderNo: number; productId: number; name: string; unit: string; qty: number; unitPriceFen: number;
  /** The order's session was cut off (截单, or its cut-off passed): only a leader may change the line. */
  locked: boolean;
  sessionTitle: string | null;
}

/** A member's live (not cancelled) lines in open orders, oldest first. */
export function openLinesOf(store: Store, memberId: number, now: number): OpenLine[] {
  return store.db.select({
    itemId: orderItems.id, orderId: orderItems.orderId, orderNo: orders.orderNo, productId: orderItems.productId, name: products.name,
    unit: products.unit, qty: orderItems.qty, unitPriceFen: orderItems.unitPriceFen,
    status: orders.status, sessionStatus: sessions.status, cutoffAt: sessions.cutoffAt, sessionTitle: sessions.title,
  }).from(orderItems)
    .innerJoin(orders, eq(orders.id, orderItems.orderId))
    .innerJoin(products, eq(products.id, orderItems.productId))
    .leftJoin(sessions, eq(sessions.id, orders.sessionId))
    .where(and(eq(orders.memberId, memberId), inArray(orders.status, [...OPEN_STATUSES]), isNull(orderItems.cancelledAt)))
    .orderBy(orderItems.id).all()
    .map(({ status, sessionStatus, cutoffAt, ...l }) => ({
      ...l,
      // 'confirmed' is what 截单 makes of an order; a passed cut-off locks before the closer has run.
      locked: status !== 'placed' || (sessionStatus !== null && (sessionStatus !== 'open' || (cutoffAt ?? 0) <= now)),
    }));
}

/** Re-adds the order's live lines; an order with none left is cancelled. Returns the new total. */
function refreshOrderTotal(store: Store, orderId: number, now: number): number {
  const live = store.db.select({ total: sql<number>`coalesce(sum(${orderItems.amountFen}), 0)`, n: sql<number>`count(*)` })
    .from(orderItems).where(and(eq(orderItems.orderId, orderId), isNull(orderItems.cancelledAt))).get()!;
  store.db.update(orders).set({
    totalFen: live.total, updatedAt: now, ...(live.n === 0 ? { status: 'cancelled' as const } : {}),
  }).where(eq(orders.id, orderId)).run();
  return live.total;
}

export type CancelResult = { cancelled: OpenLine[]; missing: string[]; locked: OpenLine[] };

/**
 * Cancels the member's open lines of the named products (all open lines when `names` is empty),
 * returns their stock, and cancels an order whose last line went. Lines of a session that was cut off
 * are left alone and returned as `locked` (only a leader changes those, by /改单). One transaction.
 */
export function cancelLines(store: Store, memberId: number, names: string[], now: number): CancelResult {
  return store.db.transaction(() => {
    const open = openLinesOf(store, memberId, now);
    const named = names.length ? open.filter((l) => names.includes(l.name)) : open;
    const missing = names.filter((n) => !open.some((l) => l.name === n));
    const wanted = named.filter((l) => !l.locked);
    for (const l of wanted) cancelLine(store, l, now);
    for (const orderId of new Set(wanted.map((l) => l.orderId))) refreshOrderTotal(store, orderId, now);
    return { cancelled: wanted, missing, locked: named.filter((l) => l.locked) };
  });
}

function cancelLine(store: Store, l: OpenLine, now: number): void {
  store.db.update(orderItems).set({ cancelledAt: now }).where(eq(orderItems.id, l.itemId)).run();
  store.db.update(products).set({ stock: sql`${products.stock} + ${toMilli(l.qty)}` }).where(eq(products.id, l.productId)).run();
}

export type ModifyResult =
  | { ok: true; line: OpenLine; from: number; to: number; amountFen: number; orderTotalFen: number }
  | { ok: false; reason: 'not_ordered' }
  /** The new quantity is the one already ordered: nothing was written. */
  | { ok: false; reason: 'unchanged'; line: OpenLine }
  /** The line's session was cut off and the caller is not a leader. */
  | { ok: false; reason: 'locked'; line: OpenLine }
  | { ok: false; reason: 'sold_out'; left: number }
  | { ok: false; reason: 'bad_qty' };

/**
 * Sets the quantity of the member's latest open line of a product; stock follows the difference.
 * `leader` may change a line after its cut-off, and set 0 to remove it (see /改单).
 */
export function modifyLine(store: Store, memberId: number, name: string, qty: number, now: number, opts: { leader?: boolean } = {}): ModifyResult {
  const min = opts.leader ? 0 : Number.MIN_VALUE;
  if (!Number.isFinite(qty) || qty < min || qty > MAX_LINE_QTY) return { ok: false, reason: 'bad_qty' };
  return store.db.transaction(() => {
    const line = openLinesOf(store, memberId, now).filter((l) => l.name === name).pop();
    if (!line) return { ok: false as const, reason: 'not_ordered' as const };
    if (line.locked && !opts.leader) return { ok: false as const, reason: 'locked' as const, line };
    if (qty === line.qty) return { ok: false as const, reason: 'unchanged' as const, line };
    if (qty === 0) {
      cancelLine(store, line, now);
    } else {
      const delta = qty - line.qty;
      const taken = store.db.update(products).set({ stock: sql`${products.stock} - ${toMilli(delta)}` })
        .where(and(eq(products.id, line.productId), sql`${products.stock} >= ${toMilli(delta)}`)).run();
      if (taken.changes === 0) {
        const left = store.db.select({ stock: products.stock }).from(products).where(eq(products.id, line.productId)).get()!.stock;
        return { ok: false as const, reason: 'sold_out' as const, left: roundQty(left + line.qty) };
      }
      store.db.update(orderItems).set({ qty, amountFen: lineAmountFen(qty, line.unitPriceFen) }).where(eq(orderItems.id, line.itemId)).run();
    }
    const orderTotalFen = refreshOrderTotal(store, line.orderId, now);
    return { ok: true as const, line, from: line.qty, to: qty, amountFen: qty === 0 ? 0 : lineAmountFen(qty, line.unitPriceFen), orderTotalFen };
  });
}
