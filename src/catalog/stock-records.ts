// What the metrics need of stock and is not in the stock itself: write-offs (损耗: spoiled, broken, QC-failed)
// with their value, the order lines refused or cut for lack of stock (断货率 by line), and a daily snapshot
// of the stock on hand (仓储周转天数 averages it).
import { and, eq, ne } from 'drizzle-orm';
import type { Store } from '../store/db.js';
import { products, type Product } from '../store/schema.js';
import { centreStock, orderShortfalls, stockSnapshots, writeOffs, type WriteOff } from '../store/schema-stock.js';
import { lineAmountFen, roundQty } from '../quantity.js';
import { shanghaiDay } from '../time.js';
import { changeStock } from './catalog.js';

export type WriteOffReason = WriteOff['reason'];
export const WRITE_OFF_NAMES: Record<WriteOffReason, string> = { spoiled: '变质', broken: '破损', qc_failed: '质检不合格' };

/** Records units taken off sale as lost, valued at the product's selling price (the caller moved the stock). */
export function recordWriteOff(
  store: Store,
  input: { communityId: number; product: Pick<Product, 'id' | 'priceFen'>; reason: WriteOffReason; qty: number; batchId?: number | null; by: string },
  now: number,
): WriteOff {
  const qty = roundQty(input.qty);
  return store.db.insert(writeOffs).values({
    communityId: input.communityId, productId: input.product.id, reason: input.reason, qty,
    valueFen: lineAmountFen(qty, input.product.priceFen), batchId: input.batchId ?? null, byContactId: input.by, at: now,
  }).returning().get();
}

export type SpoilResult = { ok: true; writeOff: WriteOff; product: Product } | { ok: false; reason: 'unknown' | 'negative'; product?: Product };

/** /报损: takes spoiled or broken units out of the front warehouse stock and records the loss. One transaction. */
export function writeOffStock(
  store: Store,
  input: { communityId: number; productId: number; qty: number; reason: 'spoiled' | 'broken'; by: string },
  now: number,
): SpoilResult {
  return store.db.transaction(() => {
    const r = changeStock(store, input.communityId, input.productId, { kind: 'add', delta: -input.qty }, now);
    if (!r.ok) return { ok: false as const, reason: r.reason === 'negative' ? 'negative' as const : 'unknown' as const, product: r.product };
    const writeOff = recordWriteOff(store, { communityId: input.communityId, product: r.before, reason: input.reason, qty: input.qty, by: input.by }, now);
    return { ok: true as const, writeOff, product: r.product };
  });
}

export interface ShortLineRecord { productId: number; wanted: number; left: number }

/**
 * The lines of one order message that were not placed for lack of stock: `placed` says whether the rest of the
 * order was (a cut line) or the whole message was refused. A re-delivered message records nothing twice.
 */
export function recordShortfalls(store: Store, input: { communityId: number; sourceMsgId: string; lines: readonly ShortLineRecord[]; placed: boolean }, now: number): void {
  if (input.lines.length === 0) return;
  store.db.insert(orderShortfalls).values(input.lines.map((l) => ({
    communityId: input.communityId, productId: l.productId, sourceMsgId: input.sourceMsgId, wanted: roundQty(l.wanted), left: roundQty(l.left),
    placed: input.placed, at: now,
  }))).onConflictDoNothing().run();
}

/**
 * Today's stock on hand per product not delisted (front + centre warehouse) and its value at the selling price:
 * one row per product and Shanghai day (a second run the same day keeps the first). Returns the rows written.
 */
export function snapshotStock(store: Store, communityId: number, now: number): number {
  const rows = store.db.select({ id: products.id, stock: products.stock, priceFen: products.priceFen, centre: centreStock.qty })
    .from(products).leftJoin(centreStock, eq(centreStock.productId, products.id))
    .where(and(eq(products.communityId, communityId), ne(products.status, 'inactive'))).all();
  if (rows.length === 0) return 0;
  const day = shanghaiDay(now);
  return store.db.insert(stockSnapshots).values(rows.map((r) => {
    const qty = roundQty(r.stock + (r.centre ?? 0));
    return { communityId, day, productId: r.id, qty, valueFen: lineAmountFen(qty, r.priceFen) };
  })).onConflictDoNothing().run().changes;
}
