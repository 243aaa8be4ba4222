// 危机公关: a wave of complaints (N of one type, or about one product, within the window) or any
// 食品安全 complaint starts a crisis. Its clock: the internal notice at once (within 1 h), a reminder
// for the external statement at 4 h and for the solution at 24 h — each sent once, recorded in
// crisis_reminders. A leader's confirmation stops the product selling.
import { and, desc, eq, gt, gte, isNull, notInArray, sql } from 'drizzle-orm';
import type { Store } from '../store/db.js';
import { crises, tickets, type Crisis, type Ticket } from '../store/schema-service.js';
import { products } from '../store/schema.js';
import { findProduct } from '../catalog/catalog.js';

const HOUR = 3_600_000;

export type CrisisStep = 'notice' | 'statement' | 'solution';
export const CRISIS_STEPS: readonly { step: CrisisStep; afterMs: number }[] = [
  { step: 'notice', afterMs: 0 },
  { step: 'statement', afterMs: 4 * HOUR },
  { step: 'solution', afterMs: 24 * HOUR },
];

export interface CrisisRules { threshold: number; windowMs: number }

/** Complaints in the window, one per resident: a resident repeating a complaint is not a wave. */
const countSince = (store: Store, communityId: number, since: number, match: ReturnType<typeof eq>) =>
  store.db.select({ n: sql<number>`COUNT(DISTINCT ${tickets.memberId})` }).from(tickets)
    .where(and(eq(tickets.communityId, communityId), gt(tickets.openedAt, since), match)).get()!.n;

/** The subject's open crisis, or one started within the window (a wave is not a crisis twice). */
function recentOrOpen(store: Store, communityId: number, key: string, since: number): Crisis | undefined {
  return store.db.select().from(crises)
    .where(and(eq(crises.communityId, communityId), eq(crises.key, key), sql`(${crises.closedAt} IS NULL OR ${crises.startedAt} > ${since})`))
    .limit(1).get();
}

/** Products that already have an open crisis of their own. */
function taken(store: Store, communityId: number): number[] {
  return store.db.select({ productId: crises.productId }).from(crises)
    .where(and(eq(crises.communityId, communityId), isNull(crises.closedAt), sql`${crises.productId} IS NOT NULL`)).all().map((r) => r.productId!);
}

/** The product most complained about among the window's tickets of a type (other than `except`), if any. */
function topProduct(store: Store, communityId: number, type: string, since: number, except: number[] = []): number | null {
  const row = store.db.select({ productId: tickets.productId, n: sql<number>`COUNT(*)` }).from(tickets)
    .where(and(eq(tickets.communityId, communityId), eq(tickets.type, type), gt(tickets.openedAt, since), sql`${tickets.productId} IS NOT NULL`,
      except.length ? notInArray(tickets.productId, except) : undefined))
    .groupBy(tickets.productId).orderBy(desc(sql`COUNT(*)`)).limit(1).get();
  return row?.productId ?? null;
}

/** "type:食品安全" when no product is named, else "type:食品安全:<productId>". */
const foodSafetyKey = (productId: number | null) => (productId === null ? 'type:食品安全' : `type:食品安全:${productId}`);

/**
 * Called right after `ticket` was opened: starts a crisis when this complaint makes its subject reach
 * the threshold (or is about 食品安全, one crisis per product). Subjects in order: 食品安全, the product, the type; at most one
 * crisis starts per complaint, and none when one of its subjects already has a crisis. Returns it, or null.
 */
export function maybeStartCrisis(store: Store, ticket: Ticket, rules: CrisisRules, now: number): Crisis | null {
  const since = now - rules.windowMs;
  const candidates: { key: string; type: string | null; productId: number | null; count: number; needed: number }[] = [];
  if (ticket.type === '食品安全') {
    // One crisis per product at risk: a second product's food-safety complaint is a crisis of its own.
    candidates.push({ key: foodSafetyKey(ticket.productId), type: '食品安全', productId: ticket.productId, count: 1, needed: 1 });
  }
  if (ticket.productId !== null) {
    candidates.push({ key: `product:${ticket.productId}`, type: null, productId: ticket.productId,
      count: countSince(store, ticket.communityId, since, eq(tickets.productId, ticket.productId)), needed: rules.threshold });
  }
  if (ticket.type !== '食品安全') {
    candidates.push({ key: `type:${ticket.type}`, type: ticket.type, productId: null,
      count: countSince(store, ticket.communityId, since, eq(tickets.type, ticket.type)), needed: rules.threshold });
  }
  // A complaint whose subject (type or product) already has a crisis joins it: one wave, one crisis.
  if (candidates.some((c) => recentOrOpen(store, ticket.communityId, c.key, since))) return null;
  // A food-safety complaint naming no product joins any food-safety crisis under way.
  if (ticket.type === '食品安全' && ticket.productId === null && store.db.select({ id: crises.id }).from(crises)
    .where(and(eq(crises.communityId, ticket.communityId), sql`${crises.key} LIKE 'type:食品安全%'`,
      sql`(${crises.closedAt} IS NULL OR ${crises.startedAt} > ${since})`)).limit(1).get()) return null;
  for (const c of candidates) {
    if (c.count < c.needed) continue;
    const productId = c.productId ?? (c.type ? topProduct(store, ticket.communityId, c.type, since, c.type === '食品安全' ? taken(store, ticket.communityId) : []) : null);
    const crisis = store.db.insert(crises).values({
      communityId: ticket.communityId, key: c.key, type: c.type, productId, complaints: c.count, triggerTicketId: ticket.id, startedAt: now,
    }).onConflictDoNothing().returning().get();
    if (crisis) return crisis;
  }
  return null;
}

export function findCrisis(store: Store, communityId: number, id: number): Crisis | undefined {
  return store.db.select().from(crises).where(and(eq(crises.id, id), eq(crises.communityId, communityId))).get();
}

export function openCrises(store: Store, communityId?: number): Crisis[] {
  const where = communityId === undefined ? isNull(crises.closedAt) : and(isNull(crises.closedAt), eq(crises.communityId, communityId));
  return store.db.select().from(crises).where(where).orderBy(crises.id).all();
}

/** Crises of the community started since `since` (open or closed), newest first. */
export function recentCrises(store: Store, communityId: number, since: number): Crisis[] {
  return store.db.select().from(crises).where(and(eq(crises.communityId, communityId), gte(crises.startedAt, since)))
    .orderBy(desc(crises.id)).all();
}

/** Records the leader's confirmation (once); the caller stops the product selling. */
export function confirmCrisis(store: Store, crisis: Crisis, by: string, productId: number | null, now: number): Crisis | undefined {
  return store.db.update(crises).set({ confirmedAt: now, confirmedBy: by, productId: productId ?? crisis.productId })
    .where(and(eq(crises.id, crisis.id), isNull(crises.confirmedAt))).returning().get();
}

/** Ends a crisis: no more reminders. */
export function closeCrisis(store: Store, crisis: Crisis, now: number): boolean {
  return store.db.update(crises).set({ closedAt: now }).where(and(eq(crises.id, crisis.id), isNull(crises.closedAt))).run().changes > 0;
}

/** The name of the product a crisis is about, if it has one. */
export function crisisProductName(store: Store, c: Crisis): string | null {
  if (c.productId === null) return null;
  return store.db.select({ name: products.name }).from(products)
    .where(and(eq(products.id, c.productId), eq(products.communityId, c.communityId))).get()?.name ?? null;
}

/** What a crisis is about, for messages: "破损投诉" / "「苹果」的投诉" / "「草莓」的食品安全投诉". */
export function crisisSubject(c: Crisis, productName: string | null): string {
  if (c.key.startsWith('product:')) return `「${productName ?? '某商品'}」的投诉`;
  if (c.key.startsWith('type:食品安全:')) return `「${productName ?? '某商品'}」的食品安全投诉`;
  return `${c.type}投诉${productName ? `（主要涉及「${productName}」）` : ''}`;
}

/**
 * Why a product residents ask for is not on sale, when a quality problem stopped it: a confirmed open
 * crisis about it. Null for a product simply delisted (or not ours).
 */
export function crisisStopping(store: Store, communityId: number, productId: number): Crisis | undefined {
  return store.db.select().from(crises)
    .where(and(eq(crises.communityId, communityId), eq(crises.productId, productId), isNull(crises.closedAt), sql`${crises.confirmedAt} IS NOT NULL`))
    .limit(1).get();
}

/** The product `term` names when a confirmed crisis stopped it (it then reads as paused, not unknown). */
export function pausedByCrisis(store: Store, communityId: number, term: string): { name: string } | null {
  const p = findProduct(store, communityId, term);
  if (!p || p.status !== 'inactive') return null;
  return crisisStopping(store, communityId, p.id) ? { name: p.name } : null;
}
