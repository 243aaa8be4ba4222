// Group-buy sessions (开团): what is on offer until the cut-off, and what happens at the cut-off.
import { and, asc, eq, gt, inArray, isNull, lte, min, sql } from 'drizzle-orm';
import { toMilli } from '../quantity.js';
import type { Store } from '../store/db.js';
import { members, orderItems, orders, products, sessionProducts, sessions, type Order, type Session } from '../store/schema.js';

export interface OpenSessionInput {
  communityId: number;
  groupId: number | null;
  title: string;
  cutoffAt: number;
  productNames: string[];
  minMembers?: number;
  pickupPlace?: string | null;
  createdBy: string;
}

export type OpenSessionResult =
  | { ok: true; session: Session; productNames: string[] }
  | { ok: false; reason: 'cutoff_past' }
  | { ok: false; reason: 'no_products' }
  | { ok: false; reason: 'unknown_products'; names: string[] };

export function openSession(store: Store, input: OpenSessionInput, now: number): OpenSessionResult {
  if (input.cutoffAt <= now) return { ok: false, reason: 'cutoff_past' };
  const names = [...new Set(input.productNames)];
  if (names.length === 0) return { ok: false, reason: 'no_products' };
  return store.db.transaction((tx) => {
    const found = tx.select({ id: products.id, name: products.name }).from(products)
      .where(and(eq(products.communityId, input.communityId), inArray(products.name, names), sql`${products.status} != 'inactive'`)).all();
    const missing = names.filter((n) => !found.some((f) => f.name === n));
    if (missing.length) return { ok: false as const, reason: 'unknown_products' as const, names: missing };
    const session = tx.insert(sessions).values({
      communityId: input.communityId, groupId: input.groupId, title: input.title, cutoffAt: input.cutoffAt,
      minMembers: input.minMembers ?? 0, pickupPlace: input.pickupPlace ?? null, createdBy: input.createdBy, createdAt: now,
    }).returning().get();
    tx.insert(sessionProducts).values(found.map((f) => ({ sessionId: session.id, productId: f.id }))).run();
    return { ok: true as const, session, productNames: names };
  });
}

/** Open sessions of a community with the product ids each offers. */
export function openSessionsOf(store: Store, communityId: number): { session: Session; productIds: number[] }[] {
  const list = store.db.select().from(sessions)
    .where(and(eq(sessions.communityId, communityId), eq(sessions.status, 'open'))).orderBy(asc(sessions.cutoffAt)).all();
  if (list.length === 0) return [];
  const links = store.db.select().from(sessionProducts).where(inArray(sessionProducts.sessionId, list.map((s) => s.id))).all();
  return list.map((session) => ({ session, productIds: links.filter((l) => l.sessionId === session.id).map((l) => l.productId) }));
}

/** Open sessions whose cut-off has passed (the closer closes them). */
export function dueSessions(store: Store, now: number): Session[] {
  return store.db.select().from(sessions).where(and(eq(sessions.status, 'open'), lte(sessions.cutoffAt, now))).all();
}

/** The first cut-off after `after` among open sessions (the simulated clock's next stop for the closer); null when none. */
export function nextCutoff(store: Store, after: number): number | null {
  return store.db.select({ at: min(sessions.cutoffAt) }).from(sessions)
    .where(and(eq(sessions.status, 'open'), gt(sessions.cutoffAt, after))).get()?.at ?? null;
}

export function sessionById(store: Store, id: number): Session | undefined {
  return store.db.select().from(sessions).where(eq(sessions.id, id)).get();
}

export interface CloseResult {
  session: Session;
  outcome: 'closed' | 'failed';
  /** Distinct residents with live orders. */
  buyers: number;
  orders: number;
  totalFen: number;
}

/**
 * Closes a session at its cut-off (or early). With fewer buyers than 成团 N人 it fails: its orders are
 * cancelled and their stock returned. Otherwise its placed orders become confirmed. Idempotent.
 */
export function closeSession(store: Store, sessionId: number, now: number): CloseResult | null {
  return store.db.transaction((tx) => {
    const session = tx.select().from(sessions).where(eq(sessions.id, sessionId)).get();
    if (!session || session.status !== 'open') return null;
    const live = tx.select({ id: orders.id, memberId: orders.memberId, total: orders.totalFen }).from(orders)
      .where(and(eq(orders.sessionId, sessionId), inArray(orders.status, ['placed', 'confirmed']))).all();
    const buyers = new Set(live.map((o) => o.memberId)).size;
    const failed = session.minMembers > 0 && buyers < session.minMembers;
    if (failed) {
      const lines = tx.select({ productId: orderItems.productId, qty: orderItems.qty }).from(orderItems)
        .innerJoin(orders, eq(orders.id, orderItems.orderId))
        .where(and(eq(orders.sessionId, sessionId), inArray(orders.status, ['placed', 'confirmed']), isNull(orderItems.cancelledAt))).all();
      for (const l of lines) tx.update(products).set({ stock: sql`${products.stock} + ${toMilli(l.qty)}` }).where(eq(products.id, l.productId)).run();
      tx.update(orders).set({ status: 'cancelled', updatedAt: now })
        .where(and(eq(orders.sessionId, sessionId), inArray(orders.status, ['placed', 'confirmed']))).run();
    } else {
      tx.update(orders).set({ status: 'confirmed', updatedAt: now })
        .where(and(eq(orders.sessionId, sessionId), eq(orders.status, 'placed'))).run();
    }
    const outcome = failed ? 'failed' as const : 'closed' as const;
    const updated = tx.update(sessions).set({ status: outcome, closedAt: now }).where(eq(sessions.id, sessionId)).returning().get();
    return { session: updated, outcome, buyers, orders: live.length, totalFen: live.reduce((s, o) => s + o.total, 0) };
  });
}

/** Members (id, contact id) with live orders in a session: told privately when it fails. */
export function buyersOf(store: Store, sessionId: number): { memberId: number; contactId: string; orders: Pick<Order, 'id'>[] }[] {
  const rows = store.db.select({ memberId: orders.memberId, contactId: members.contactId, id: orders.id }).from(orders)
    .innerJoin(members, eq(members.id, orders.memberId)).where(eq(orders.sessionId, sessionId)).all();
  const by = new Map<number, { memberId: number; contactId: string; orders: Pick<Order, 'id'>[] }>();
  for (const r of rows) {
    const e = by.get(r.memberId) ?? { memberId: r.memberId, contactId: r.contactId, orders: [] };
    e.orders.push({ id: r.id });
    by.set(r.memberId, e);
  }
  return [...by.values()];
}
