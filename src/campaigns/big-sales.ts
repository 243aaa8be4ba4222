// 年度大促 SOP: 蓄水期 (presale: a share of each sale product's stock reserved) → 爆发期 (the reserve is
// released and a session opens until the end) → 返场期 (the encore, same session) → over.
import { and, eq, gt, gte, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { Store } from '../store/db.js';
import { toMilli } from '../quantity.js';
import { orders, products, type Product } from '../store/schema.js';
import { bigSales, presaleOrders, type BigSale } from '../store/schema-campaigns.js';
import { changeStock } from '../catalog/catalog.js';
import { openSession } from '../ordering/sessions.js';
import { placeOrder, type OrderLineInput, type PlaceOrderResult } from '../ordering/orders.js';

export type Phase = BigSale['phase'];
export const PHASE_NAMES: Record<Phase, string> = { pending: '未开始', presale: '蓄水期', burst: '爆发期', encore: '返场期', over: '已结束' };
/** Phases start at 09:00 Shanghai on their dates; the sale ends at 22:00 on its last day. */
export const PHASE_START_HOUR = 9;
export const SALE_END_HOUR = 22;
export const DEFAULT_RESERVE_PCT = 20;

export function phaseAt(sale: Pick<BigSale, 'presaleAt' | 'burstAt' | 'encoreAt' | 'endsAt'>, now: number): Phase {
  if (now < sale.presaleAt) return 'pending';
  if (now < sale.burstAt) return 'presale';
  if (now < sale.encoreAt) return 'burst';
  if (now < sale.endsAt) return 'encore';
  return 'over';
}

export interface CreateSaleInput {
  communityId: number; groupId: number; name: string; presaleAt: number; burstAt: number; encoreAt: number; endsAt: number;
  productIds: number[]; createdBy: string; reservePct?: number;
}

export type CreateSaleResult = { ok: true; sale: BigSale } | { ok: false; reason: 'exists' };

export function createBigSale(store: Store, input: CreateSaleInput, now: number): CreateSaleResult {
  const row = store.db.insert(bigSales).values({
    communityId: input.communityId, groupId: input.groupId, name: input.name, presaleAt: input.presaleAt, burstAt: input.burstAt,
    encoreAt: input.encoreAt, endsAt: input.endsAt, productIds: JSON.stringify(input.productIds),
    reservePct: input.reservePct ?? DEFAULT_RESERVE_PCT, createdBy: input.createdBy, createdAt: now,
  }).onConflictDoNothing().returning().get();
  return row ? { ok: true, sale: row } : { ok: false, reason: 'exists' };
}

export function saleProducts(store: Store, sale: BigSale): Product[] {
  const ids = JSON.parse(sale.productIds) as number[];
  if (ids.length === 0) return [];
  return store.db.select().from(products).where(and(eq(products.communityId, sale.communityId), inArray(products.id, ids))).all();
}

/** Sales of a community not yet over long ago (ended less than a day before `now`). */
export function currentSales(store: Store, communityId: number, now: number): BigSale[] {
  return store.db.select().from(bigSales).where(and(eq(bigSales.communityId, communityId), gt(bigSales.endsAt, now - 86_400_000))).all();
}

export function saleByName(store: Store, communityId: number, name: string): BigSale | undefined {
  return store.db.select().from(bigSales).where(and(eq(bigSales.communityId, communityId), eq(bigSales.name, name))).get();
}

/** Switches the sale's rules to `phase` (once): the presale reserve, its release and the sale session. */
export function applyPhase(store: Store, saleId: number, phase: Phase, now: number): BigSale | null {
  return store.db.transaction(() => {
    const sale = store.db.select().from(bigSales).where(eq(bigSales.id, saleId)).get();
    if (!sale || sale.phase === phase) return null;
    const list = saleProducts(store, sale);
    let sessionId = sale.sessionId;
    if (phase === 'presale') {
      for (const p of list) if (p.stock > 0) changeStock(store, sale.communityId, p.id, { kind: 'reserve_share', percent: sale.reservePct }, now);
    }
    if (phase === 'burst' || phase === 'encore' || phase === 'over') {
      for (const p of list) if (p.reserved > 0) changeStock(store, sale.communityId, p.id, { kind: 'reserve_units', units: 0 }, now);
    }
    if ((phase === 'burst' || phase === 'encore') && sessionId === null && sale.endsAt > now) {
      const opened = openSession(store, {
        communityId: sale.communityId, groupId: sale.groupId, title: `${sale.name}大促`, cutoffAt: sale.endsAt,
        productNames: list.filter((p) => p.status !== 'inactive').map((p) => p.name), createdBy: sale.createdBy,
      }, now);
      if (opened.ok) sessionId = opened.session.id;
    }
    // Presale orders belong to the sale's session once it opens: its summary, cut-off and pickup count them.
    if (sessionId !== null) {
      const presold = store.db.select({ id: presaleOrders.orderId }).from(presaleOrders).where(eq(presaleOrders.saleId, sale.id));
      store.db.update(orders).set({ sessionId }).where(and(inArray(orders.id, presold), isNull(orders.sessionId))).run();
    }
    return store.db.update(bigSales).set({ phase, sessionId }).where(eq(bigSales.id, sale.id)).returning().get();
  });
}

/** The community's sale whose presale (蓄水期) rules are in force, if any. */
export function salePresaleNow(store: Store, communityId: number, now: number): BigSale | undefined {
  return currentSales(store, communityId, now).find((s) => s.phase === 'presale' && phaseAt(s, now) === 'presale');
}

export type PresaleResult = PlaceOrderResult | { ok: false; reason: 'reserve_out'; left: number };

/**
 * 「想要+商品」 in the 蓄水期: an order taken from the presale reserve, recorded as the sale's presale order.
 * The units are released from the reserve and ordered in one transaction (all or nothing), so an
 * ordinary order can never take them in between and a refused order leaves the reserve as it was.
 */
export function placePresaleOrder(
  store: Store,
  input: { sale: BigSale; groupId: number | null; memberId: number; sourceMsgId: string; line: OrderLineInput; note?: string | null },
  now: number,
): PresaleResult {
  const { sale, line } = input;
  const where = and(eq(products.id, line.product.id), eq(products.communityId, sale.communityId), ne(products.status, 'inactive'));
  return store.sqlite.transaction((): PresaleResult => {
    const released = store.db.update(products).set({ reserved: sql`${products.reserved} - ${toMilli(line.qty)}` })
      .where(and(where, gte(products.reserved, line.qty))).run();
    if (released.changes === 0) {
      const left = store.db.select({ reserved: products.reserved }).from(products).where(eq(products.id, line.product.id)).get()?.reserved ?? 0;
      return { ok: false, reason: 'reserve_out', left };
    }
    const r = placeOrder(store, {
      communityId: sale.communityId, groupId: input.groupId, memberId: input.memberId, sourceMsgId: input.sourceMsgId, lines: [line], note: input.note ?? null,
    }, now);
    if (!r.ok) {
      store.db.update(products).set({ reserved: sql`${products.reserved} + ${toMilli(line.qty)}` }).where(eq(products.id, line.product.id)).run();
      return r;
    }
    store.db.insert(presaleOrders).values({ orderId: r.order.id, saleId: sale.id, createdAt: now }).run();
    return r;
  })();
}
