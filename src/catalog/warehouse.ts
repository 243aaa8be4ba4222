// Stock by location (区域中心仓 / 社区前置仓), purchases as batches, transfers, and QC checkpoints per batch.
// products.stock is the front warehouse (what orders take); centre_stock the regional centre warehouse.
import { and, desc, eq, gte, isNull, lt, lte, notInArray, sql } from 'drizzle-orm';
import { roundQty, toMilli } from '../quantity.js';
import type { Store } from '../store/db.js';
import { orderItems, orders, products, type Product } from '../store/schema.js';
import { MAX_STOCK } from './catalog.js';
import { recordWriteOff } from './stock-records.js';
import {
  batches, centreStock, qcChecks, replenishments, stockMovements, QC_STAGES, type Batch, type QcCheck, type Replenishment,
} from '../store/schema-stock.js';

export type Location = 'centre' | 'front';
export const LOCATION_NAMES: Record<Location, string> = { centre: '区域中心仓', front: '社区前置仓' };
export type QcStage = (typeof QC_STAGES)[number];


/** A product of this community by id (another community's id finds nothing). */
export function productOf(store: Store, communityId: number, productId: number): Product | undefined {
  return store.db.select().from(products).where(and(eq(products.id, productId), eq(products.communityId, communityId))).get();
}

export function centreQty(store: Store, productId: number): number {
  return store.db.select({ qty: centreStock.qty }).from(centreStock).where(eq(centreStock.productId, productId)).get()?.qty ?? 0;
}

function addCentre(store: Store, communityId: number, productId: number, delta: number, now: number): void {
  store.db.insert(centreStock).values({ productId, communityId, qty: roundQty(delta), updatedAt: now })
    .onConflictDoUpdate({ target: centreStock.productId, set: { qty: sql`${centreStock.qty} + ${toMilli(roundQty(delta))}`, updatedAt: now } }).run();
}

function addFront(store: Store, productId: number, delta: number, now: number): void {
  // Taking off never goes below 0, and the presale reserve never exceeds what is left.
  store.db.update(products).set({
    // Thousandths in SQL (see src/quantity.ts).
    stock: sql`max(0, ${products.stock} + ${toMilli(roundQty(delta))})`,
    reserved: sql`min(${products.reserved}, max(0, ${products.stock} + ${toMilli(roundQty(delta))}))`, updatedAt: now,
  }).where(eq(products.id, productId)).run();
}

export type PurchaseResult =
  | { ok: true; batch: Batch; product: Product; confirmed: Replenishment[] }
  | { ok: false; reason: 'too_high' };

/**
 * /补货 确认: records the purchase as the product's next batch, puts it into the location's stock, and
 * marks the product's pending suggestions confirmed. One transaction; scoped by community.
 */
export function receivePurchase(store: Store, input: { communityId: number; product: Product; qty: number; location: Location; by: string }, now: number): PurchaseResult {
  const { communityId, product, qty, location, by } = input;
  return store.db.transaction(() => {
    const current = location === 'front'
      ? store.db.select({ stock: products.stock }).from(products).where(eq(products.id, product.id)).get()!.stock
      : centreQty(store, product.id);
    if (current + qty > MAX_STOCK) return { ok: false as const, reason: 'too_high' as const };
    const seq = (store.db.select({ n: sql<number>`coalesce(max(${batches.seq}), 0)` }).from(batches).where(eq(batches.productId, product.id)).get()!.n) + 1;
    const batch = store.db.insert(batches).values({
      communityId, productId: product.id, seq, qty: roundQty(qty), location, status: 'pending', createdBy: by, receivedAt: now,
    }).returning().get();
    if (location === 'front') addFront(store, product.id, qty, now);
    else addCentre(store, communityId, product.id, qty, now);
    store.db.insert(stockMovements).values({ communityId, productId: product.id, kind: 'purchase', location, qty, batchId: batch.id, byContactId: by, at: now }).run();
    const confirmed = store.db.update(replenishments).set({ status: 'confirmed', confirmedAt: now, batchId: batch.id })
      .where(and(eq(replenishments.communityId, communityId), eq(replenishments.productId, product.id), eq(replenishments.status, 'pending')))
      .returning().all();
    const after = store.db.select().from(products).where(eq(products.id, product.id)).get()!;
    return { ok: true as const, batch, product: after, confirmed };
  });
}

export type TransferResult = { ok: true; centre: number; front: number } | { ok: false; reason: 'not_enough'; centre: number };

/** /补货 调拨: moves units from the regional centre warehouse to the community front warehouse. */
export function transferToFront(store: Store, communityId: number, productId: number, qty: number, by: string, now: number): TransferResult {
  return store.db.transaction(() => {
    const taken = store.db.update(centreStock).set({ qty: sql`${centreStock.qty} - ${toMilli(qty)}`, updatedAt: now })
      .where(and(eq(centreStock.productId, productId), eq(centreStock.communityId, communityId), sql`${centreStock.qty} >= ${toMilli(qty)}`)).run();
    if (taken.changes === 0) return { ok: false as const, reason: 'not_enough' as const, centre: centreQty(store, productId) };
    addFront(store, productId, qty, now);
    store.db.insert(stockMovements).values({ communityId, productId, kind: 'transfer', location: 'front', qty, byContactId: by, at: now }).run();
    const front = store.db.select({ stock: products.stock }).from(products).where(eq(products.id, productId)).get()!.stock;
    return { ok: true as const, centre: centreQty(store, productId), front };
  });
}

export function batchesOf(store: Store, communityId: number, productId: number): Batch[] {
  return store.db.select().from(batches).where(and(eq(batches.communityId, communityId), eq(batches.productId, productId))).orderBy(batches.seq).all();
}

export function checksOf(store: Store, batchId: number): QcCheck[] {
  const list = store.db.select().from(qcChecks).where(eq(qcChecks.batchId, batchId)).all();
  return list.sort((a, b) => QC_STAGES.indexOf(a.stage) - QC_STAGES.indexOf(b.stage));
}

/**
 * The batch an order line most likely came from: the latest batch of the product received by the order's
 * time, skipping batches already failed (withdrawn) by then. Undefined when the stock predates every batch.
 */
export function batchAt(store: Store, communityId: number, productId: number, at: number): { batch: Batch; checks: QcCheck[] } | undefined {
  const candidates = store.db.select().from(batches)
    .where(and(eq(batches.communityId, communityId), eq(batches.productId, productId), lte(batches.receivedAt, at)))
    .orderBy(desc(batches.receivedAt), desc(batches.seq)).all();
  for (const batch of candidates) {
    const checks = checksOf(store, batch.id);
    if (checks.some((c) => !c.passed && c.at <= at)) continue;
    return { batch, checks };
  }
  return undefined;
}

/** Units of a product ordered in [from, to) by live lines of orders not cancelled or refunded. */
function soldBetween(store: Store, productId: number, from: number, to: number): number {
  return store.db.select({ n: sql<number>`coalesce(sum(${orderItems.qty}), 0)`.mapWith(orderItems.qty) }).from(orderItems)
    .innerJoin(orders, eq(orders.id, orderItems.orderId))
    .where(and(eq(orderItems.productId, productId), isNull(orderItems.cancelledAt), gte(orders.createdAt, from), lt(orders.createdAt, to),
      notInArray(orders.status, ['cancelled', 'refunded']))).get()!.n;
}

export type QcResult =
  | { ok: true; batch: Batch; check: QcCheck; withdrawn: number; product: Product }
  | { ok: false; reason: 'rejected_before'; batch: Batch }
  | { ok: false; reason: 'already'; batch: Batch; check: QcCheck }
  | { ok: false; reason: 'out_of_order'; batch: Batch; missing: QcStage };

/**
 * /质检: records a checkpoint. Stages go in order (工厂质检 → 中心仓复检 → 社区验收), each once, only
 * after the previous one passed. A failed checkpoint rejects the batch and takes what is left of it off
 * sale. A batch is what sells from its arrival until the next batch arrives (the same rule trace codes
 * use), so what is left of it is its quantity minus what was ordered in that window, at most what is on
 * hand; it comes out of the centre warehouse first, then the front.
 */
export function recordQc(store: Store, input: { communityId: number; batch: Batch; stage: QcStage; passed: boolean; note: string | null; by: string }, now: number): QcResult {
  const { communityId, batch, stage, passed, note, by } = input;
  return store.db.transaction(() => {
    const fresh = store.db.select().from(batches).where(and(eq(batches.id, batch.id), eq(batches.communityId, communityId))).get()!;
    if (fresh.status === 'rejected') return { ok: false as const, reason: 'rejected_before' as const, batch: fresh };
    const checks = checksOf(store, fresh.id);
    const existing = checks.find((c) => c.stage === stage);
    if (existing) return { ok: false as const, reason: 'already' as const, batch: fresh, check: existing };
    const missing = QC_STAGES.slice(0, QC_STAGES.indexOf(stage)).find((s) => !checks.some((c) => c.stage === s));
    if (missing) return { ok: false as const, reason: 'out_of_order' as const, batch: fresh, missing };
    const check = store.db.insert(qcChecks).values({ batchId: fresh.id, stage, passed, note, byContactId: by, at: now }).returning().get();
    let withdrawn = 0;
    let status: Batch['status'] = fresh.status;
    if (!passed) {
      status = 'rejected';
      const product = store.db.select().from(products).where(eq(products.id, fresh.productId)).get()!;
      const centre = centreQty(store, fresh.productId);
      const next = store.db.select({ at: sql<number | null>`min(${batches.receivedAt})` }).from(batches)
        .where(and(eq(batches.productId, fresh.productId), sql`${batches.seq} > ${fresh.seq}`, sql`${batches.status} != 'rejected'`)).get()!.at;
      const sold = soldBetween(store, fresh.productId, fresh.receivedAt, next ?? Number.MAX_SAFE_INTEGER);
      const left = roundQty(Math.max(0, Math.min(fresh.qty - fresh.withdrawnQty - sold, product.stock + centre)));
      const fromCentre = Math.min(centre, left);
      const fromFront = roundQty(left - fromCentre);
      if (fromCentre > 0) addCentre(store, communityId, fresh.productId, -fromCentre, now);
      if (fromFront > 0) addFront(store, fresh.productId, -fromFront, now);
      for (const [location, qty] of [['centre', fromCentre], ['front', fromFront]] as const) {
        if (qty > 0) store.db.insert(stockMovements).values({ communityId, productId: fresh.productId, kind: 'withdraw', location, qty, batchId: fresh.id, byContactId: by, at: now }).run();
      }
      withdrawn = roundQty(left);
      if (withdrawn > 0) recordWriteOff(store, { communityId, product, reason: 'qc_failed', qty: withdrawn, batchId: fresh.id, by }, now);
    } else if (stage === QC_STAGES[QC_STAGES.length - 1]) {
      status = 'passed';
    }
    const updated = store.db.update(batches).set({ status, withdrawnQty: roundQty(fresh.withdrawnQty + withdrawn) })
      .where(eq(batches.id, fresh.id)).returning().get();
    const product = store.db.select().from(products).where(eq(products.id, fresh.productId)).get()!;
    return { ok: true as const, batch: updated, check, withdrawn, product };
  });
}
