// Points: an append-only ledger; the balance is its sum.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Store } from '../store/db.js';
import { orders, pointsLedger } from '../store/schema.js';
import { OPEN_STATUSES } from './orders.js';

/** One point per whole yuan of an order, credited when the order is fulfilled. */
export function pointsForFen(totalFen: number): number {
  return Math.floor(totalFen / 100);
}

export function pointsBalance(store: Store, memberId: number): number {
  return store.db.select({ s: sql<number>`coalesce(sum(${pointsLedger.delta}), 0)` }).from(pointsLedger)
    .where(eq(pointsLedger.memberId, memberId)).get()!.s;
}

/** Points the member's open (not yet fulfilled) orders will bring. */
export function pendingPoints(store: Store, memberId: number): number {
  const open = store.db.select({ total: orders.totalFen }).from(orders)
    .where(and(eq(orders.memberId, memberId), inArray(orders.status, [...OPEN_STATUSES]))).all();
  return open.reduce((s, o) => s + pointsForFen(o.total), 0);
}
