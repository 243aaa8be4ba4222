// Placing orders: one transaction that checks the catalog, reserves stock and writes the order.
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Store } from '../store/db.js';
import { orderItems, orders, products, type Order, type Product } from '../store/schema.js';
import { lineAmountFen } from '../money.js';

export interface OrderLineInput { productName: string; qty: number }

export interface PlacedLine { product: Product; qty: number; amountFen: number }

export type PlaceOrderResult =
  | { ok: true; order: Order; lines: PlacedLine[] }
  | { ok: false; reason: 'duplicate' }
  | { ok: false; reason: 'empty' }
  | { ok: false; reason: 'unknown_product'; name: string }
  | { ok: false; reason: 'bad_qty'; name: string; qty: number }
  | { ok: false; reason: 'sold_out'; product: Product; left: number };

/** Largest quantity one resident may order of one product in one message. */
export const MAX_LINE_QTY = 999;

class Rollback extends Error {
  constructor(readonly result: PlaceOrderResult) { super(result.ok ? 'ok' : result.reason); }
}

// Placing an order is the per-message hot path: its statements are prepared once per store.
function prepareStatements(store: Store) {
  const { db, sqlite } = store;
  const p = sql.placeholder;
  return {
    dup: db.select({ id: orders.id }).from(orders).where(eq(orders.sourceMsgId, p('src'))).prepare(),
    product: db.select().from(products)
      .where(and(eq(products.communityId, p('communityId')), eq(products.name, p('name')))).prepare(),
    // Conditional decrement: two residents racing for the last units cannot both succeed.
    take: db.update(products).set({ stock: sql`${products.stock} - ${p('qty')}` })
      .where(and(eq(products.id, p('id')), sql`${products.stock} >= ${p('qty')}`)).prepare(),
    stock: db.select({ stock: products.stock }).from(products).where(eq(products.id, p('id'))).prepare(),
    order: db.insert(orders).values({
      communityId: p('communityId'), groupId: p('groupId'), memberId: p('memberId'), sourceMsgId: p('src'),
      status: 'placed', totalFen: p('total'), note: p('note'), createdAt: p('now'), updatedAt: p('now'),
    }).returning().prepare(),
    item: db.insert(orderItems).values({
      orderId: p('orderId'), productId: p('productId'), qty: p('qty'), unitPriceFen: p('price'), amountFen: p('amount'),
    }).prepare(),
    // better-sqlite3's own transaction wrapper, built once (rolls back when the function throws).
    tx: sqlite.transaction((fn: () => PlaceOrderResult) => fn()),
  };
}

const prepared = new WeakMap<Store, ReturnType<typeof prepareStatements>>();

function statements(store: Store) {
  let s = prepared.get(store);
  if (!s) prepared.set(store, (s = prepareStatements(store)));
  return s;
}

export function placeOrder(
  store: Store,
  input: { communityId: number; groupId: number | null; memberId: number; sourceMsgId: string; lines: OrderLineInput[]; note?: string | null },
  now = Date.now(),
): PlaceOrderResult {
  if (input.lines.length === 0) return { ok: false, reason: 'empty' };
  for (const l of input.lines) {
    if (!Number.isFinite(l.qty) || l.qty <= 0 || l.qty > MAX_LINE_QTY) return { ok: false, reason: 'bad_qty', name: l.productName, qty: l.qty };
  }
  const st = statements(store);
  try {
    return st.tx(() => {
      if (st.dup.get({ src: input.sourceMsgId })) return { ok: false, reason: 'duplicate' };
      const lines: PlacedLine[] = [];
      for (const l of input.lines) {
        const product = st.product.get({ communityId: input.communityId, name: l.productName });
        if (!product || product.status === 'inactive') throw new Rollback({ ok: false, reason: 'unknown_product', name: l.productName });
        if (st.take.run({ id: product.id, qty: l.qty }).changes === 0) {
          throw new Rollback({ ok: false, reason: 'sold_out', product, left: st.stock.get({ id: product.id })!.stock });
        }
        lines.push({ product, qty: l.qty, amountFen: lineAmountFen(l.qty, product.priceFen) });
      }
      const order = st.order.get({
        communityId: input.communityId, groupId: input.groupId, memberId: input.memberId, src: input.sourceMsgId,
        total: lines.reduce((sum, l) => sum + l.amountFen, 0), note: input.note ?? null, now,
      })!;
      for (const l of lines) {
        st.item.run({ orderId: order.id, productId: l.product.id, qty: l.qty, price: l.product.priceFen, amount: l.amountFen });
      }
      return { ok: true, order, lines };
    });
  } catch (err) {
    if (err instanceof Rollback) return err.result;
    throw err;
  }
}

export interface OrderView { order: Order; items: { name: string; unit: string; qty: number; amountFen: number }[] }

/** A member's most recent orders with their items, newest first. */
export function recentOrdersOf(store: Store, memberId: number, limit = 5): OrderView[] {
  const list = store.db.select().from(orders).where(eq(orders.memberId, memberId))
    .orderBy(desc(orders.id)).limit(limit).all();
  if (list.length === 0) return [];
  const items = store.db.select({
    orderId: orderItems.orderId, name: products.name, unit: products.unit, qty: orderItems.qty, amountFen: orderItems.amountFen,
  }).from(orderItems).innerJoin(products, eq(products.id, orderItems.productId))
    .where(inArray(orderItems.orderId, list.map((o) => o.id))).all();
  return list.map((order) => ({ order, items: items.filter((i) => i.orderId === order.id) }));
}
