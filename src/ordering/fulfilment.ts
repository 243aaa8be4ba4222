// Fulfilment: an order is collected at the pickup point (picked_up) or brought home (delivered);
// either way its points are credited once, as an append-only ledger row.
import { and, desc, eq, gte, inArray, isNull, lt, min, sql } from 'drizzle-orm';
import type { Store } from '../store/db.js';
import { members, orderItems, orders, pointsLedger, products, sessions, type Member, type Order } from '../store/schema.js';
import { creditGreen, pointsBalance, pointsForFen } from '../growth/points.js';

export type FulfilStatus = 'picked_up' | 'delivered';

/** The statuses an order may leave for each fulfilment (cancelled / refunded / done never). */
export const FULFIL_FROM: Record<FulfilStatus, readonly Order['status'][]> = {
  picked_up: ['placed', 'confirmed', 'delivered'],
  delivered: ['placed', 'confirmed'],
};

export interface FulfilledOrder {
  order: Order;
  memberName: string;
  items: { name: string; unit: string; qty: number }[];
  /** Points this order brought (0 when it was credited before or is under one yuan). */
  points: number;
  /** The (reason, ref) row already existed: nothing was credited this time. */
  alreadyCredited: boolean;
  /** 绿色积分 this order brought (its note asked for no bag), credited once. */
  greenPoints: number;
}

/** A waiting order whose session's goods have not arrived (/到货): never fulfilled by member. */
export interface NotArrived { orderId: number; orderNo: number; sessionTitle: string }

export type FulfilResult =
  | { ok: true; orders: FulfilledOrder[]; member: Member; balance: number; notArrived?: NotArrived[] }
  | { ok: false; reason: 'not_arrived'; member: Member; notArrived: NotArrived[] }
  | { ok: false; reason: 'unknown_code'; code: string }
  /** The latest order with that code is past the status the fulfilment starts from. */
  | { ok: false; reason: 'not_collectable'; code: string; order: Order; memberName: string }
  | { ok: false; reason: 'nothing_open'; member: Member };

/** Pickup codes as leaders type them: full-width digits, a leading "#", spaces. */
export function normalizeCode(raw: string): string {
  return raw.normalize('NFKC').replace(/^#/, '').replace(/\s+/g, '');
}

export function isPickupCode(raw: string): boolean {
  return /^\d{4,8}$/.test(normalizeCode(raw));
}

function itemsOf(store: Store, orderId: number): FulfilledOrder['items'] {
  return store.db.select({ name: products.name, unit: products.unit, qty: orderItems.qty }).from(orderItems)
    .innerJoin(products, eq(products.id, orderItems.productId))
    .where(and(eq(orderItems.orderId, orderId), isNull(orderItems.cancelledAt))).orderBy(orderItems.id).all();
}

/**
 * Moves one order to `to` (only from the statuses FULFIL_FROM allows; the update is conditional, so two
 * leaders racing cannot both succeed) and credits its points: one per whole yuan, reason 'order', ref
 * 'order:<id>'. The unique (reason, ref) index makes a second credit a no-op, reported as alreadyCredited.
 * An order whose note asked for no bag also earns its green points (reason 'green', once).
 */
function fulfilOne(store: Store, order: Order, memberName: string, to: FulfilStatus, now: number): FulfilledOrder | null {
  const moved = store.db.update(orders).set({ status: to, updatedAt: now })
    .where(and(eq(orders.id, order.id), inArray(orders.status, [...FULFIL_FROM[to]]))).run();
  if (moved.changes === 0) return null;
  const points = pointsForFen(order.totalFen);
  let credited = false;
  if (points > 0) {
    credited = store.db.insert(pointsLedger).values({
      communityId: order.communityId, memberId: order.memberId, delta: points, reason: 'order', ref: `order:${order.id}`, at: now,
    }).onConflictDoNothing({ target: [pointsLedger.reason, pointsLedger.ref] }).run().changes > 0;
  }
  const greenPoints = creditGreen(store, order, now);
  return {
    order: { ...order, status: to, updatedAt: now }, memberName, items: itemsOf(store, order.id),
    points: credited ? points : 0, alreadyCredited: points > 0 && !credited, greenPoints,
  };
}

/** Fulfils the order of this community with this pickup code. */
export function fulfilByCode(store: Store, communityId: number, rawCode: string, to: FulfilStatus, now: number): FulfilResult {
  const code = normalizeCode(rawCode);
  return store.db.transaction(() => {
    // A code is unique only among uncollected orders; older collected orders may share it, so the
    // collectable one is preferred and the latest one explains a refusal.
    const candidates = store.db.select({ order: orders, member: members }).from(orders)
      .innerJoin(members, eq(members.id, orders.memberId))
      .where(and(eq(orders.communityId, communityId), eq(orders.pickupCode, code))).orderBy(desc(orders.id)).all();
    if (candidates.length === 0) return { ok: false as const, reason: 'unknown_code' as const, code };
    const open = candidates.find((c) => FULFIL_FROM[to].includes(c.order.status));
    if (!open) {
      const latest = candidates[0]!;
      return { ok: false as const, reason: 'not_collectable' as const, code, order: latest.order, memberName: latest.member.displayName };
    }
    const done = fulfilOne(store, open.order, open.member.displayName, to, now);
    if (!done) return { ok: false as const, reason: 'not_collectable' as const, code, order: open.order, memberName: open.member.displayName };
    return { ok: true as const, orders: [done], member: open.member, balance: pointsBalance(store, open.member.id) };
  });
}

/**
 * Fulfils every order of this member (of this community) that is still waiting and whose goods have
 * arrived (its session was marked by /到货; an order without a session counts as arrived), oldest first.
 * Orders of sessions not yet arrived are left and listed.
 */
export function fulfilMember(store: Store, communityId: number, memberId: number, to: FulfilStatus, now: number): FulfilResult {
  return store.db.transaction(() => {
    const member = store.db.select().from(members)
      .where(and(eq(members.id, memberId), eq(members.communityId, communityId))).get();
    if (!member) throw new Error(`member ${memberId} is not in community ${communityId}`);
    const waiting = store.db.select({ order: orders, title: sessions.title, arrivedAt: sessions.arrivedAt }).from(orders)
      .leftJoin(sessions, eq(sessions.id, orders.sessionId))
      .where(and(eq(orders.communityId, communityId), eq(orders.memberId, memberId), inArray(orders.status, [...FULFIL_FROM[to]])))
      .orderBy(orders.id).all();
    const arrived = waiting.filter((w) => w.order.sessionId === null || w.arrivedAt !== null);
    const notArrived = waiting.filter((w) => !arrived.includes(w)).map((w) => ({ orderId: w.order.id, orderNo: w.order.orderNo, sessionTitle: w.title ?? '' }));
    const done = arrived.map((w) => fulfilOne(store, w.order, member.displayName, to, now)).filter((d): d is FulfilledOrder => d !== null);
    if (done.length === 0) {
      return notArrived.length ? { ok: false as const, reason: 'not_arrived' as const, member, notArrived } : { ok: false as const, reason: 'nothing_open' as const, member };
    }
    return { ok: true as const, orders: done, member, balance: pointsBalance(store, member.id), ...(notArrived.length ? { notArrived } : {}) };
  });
}

/** /到货: the session's goods are here (kept from the first notice). */
export function markArrived(store: Store, sessionId: number, now: number): void {
  store.db.update(sessions).set({ arrivedAt: sql`coalesce(${sessions.arrivedAt}, ${now})` }).where(eq(sessions.id, sessionId)).run();
}

/** Orders of a community still waiting to be collected or delivered (for the arrival notice). */
export function waitingOrderCount(store: Store, communityId: number, sessionIds?: number[]): number {
  const where = [eq(orders.communityId, communityId), inArray(orders.status, ['placed', 'confirmed'] as Order['status'][])];
  if (sessionIds?.length) where.push(inArray(orders.sessionId, sessionIds));
  return store.db.select({ id: orders.id }).from(orders).where(and(...where)).all().length;
}

/** After collection or delivery a resident has this long to raise a problem (争议处理: 24 小时补偿方案). */
export const DISPUTE_WINDOW_MS = 24 * 3600_000;

/** Orders collected or delivered more than the dispute window ago are done. Returns how many. */
export function settleOrders(store: Store, now: number): number {
  return store.db.update(orders).set({ status: 'done', updatedAt: now })
    .where(and(inArray(orders.status, ['picked_up', 'delivered']), lt(orders.updatedAt, now - DISPUTE_WINDOW_MS))).run().changes;
}

/** The first moment after `after` when settleOrders has an order to settle; null when none waits. */
export function nextSettle(store: Store, after: number): number | null {
  // settleOrders takes an order once now > updatedAt + window, i.e. from updatedAt + window + 1 ms.
  const first = store.db.select({ at: min(orders.updatedAt) }).from(orders)
    .where(and(inArray(orders.status, ['picked_up', 'delivered']), gte(orders.updatedAt, after - DISPUTE_WINDOW_MS))).get()?.at;
  return first === null || first === undefined ? null : first + DISPUTE_WINDOW_MS + 1;
}
