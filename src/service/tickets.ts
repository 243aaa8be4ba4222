// Complaint tickets (工单) and their SLA clock (争议处理流程): 30 minutes to a leader's first response,
// 2 hours to photo/video evidence for inspection (goods-quality types only), 24 hours to a compensation
// decision. Every query is scoped by community.
import { and, asc, desc, eq, gte, isNull, sql } from 'drizzle-orm';
import type { Store } from '../store/db.js';
import { tickets, type Ticket } from '../store/schema-service.js';
import { coupons, members } from '../store/schema.js';
import { expiryFor, newCouponCode } from '../growth/rewards.js';

const MIN = 60_000;
const HOUR = 60 * MIN;

export type SlaStep = 'response' | 'evidence' | 'compensation';

/**
 * Each step's deadline counts from the ticket's opening. An overdue step goes to the leaders at the
 * deadline and, still undone at twice the deadline, to the admins: each once.
 */
export const SLA: Readonly<Record<SlaStep, { dueMs: number; name: string }>> = {
  response: { dueMs: 30 * MIN, name: '首次回复' },
  evidence: { dueMs: 2 * HOUR, name: '照片/视频验货' },
  compensation: { dueMs: 24 * HOUR, name: '补偿方案' },
};
export const SLA_STEPS: readonly SlaStep[] = ['response', 'evidence', 'compensation'];

/** Types whose goods can be shown on a photo or video: the resident is asked for one. */
export const EVIDENCE_TYPES: ReadonlySet<string> = new Set(['食品安全', '变质不新鲜', '破损', '缺斤少两', '错发漏发', '与描述不符']);

export const COMPENSATIONS = ['退款', '补发', '券'] as const;
export type Compensation = (typeof COMPENSATIONS)[number];
/** A compensation coupon (商品券) stays valid this long. */
export const COMPENSATION_COUPON_DAYS = 90;

export interface OpenTicketInput {
  communityId: number;
  memberId: number;
  groupId: number | null;
  conversationId: string;
  conversationKind: 'room' | 'contact';
  sourceMsgId: string;
  type: string;
  productId: number | null;
  text: string;
}

/** Opens a ticket; a re-delivered complaint message returns the ticket it already opened (`created` false). */
export function openTicket(store: Store, input: OpenTicketInput, now: number): { ticket: Ticket; created: boolean } {
  const inserted = store.db.insert(tickets).values({
    ...input, text: input.text.slice(0, 500), needsEvidence: EVIDENCE_TYPES.has(input.type), status: 'open', openedAt: now,
  }).onConflictDoNothing({ target: tickets.sourceMsgId }).returning().get();
  if (inserted) return { ticket: inserted, created: true };
  return { ticket: store.db.select().from(tickets).where(eq(tickets.sourceMsgId, input.sourceMsgId)).get()!, created: false };
}

/** The resident behind a ticket: group nickname and contact id. */
export function ticketResident(store: Store, memberId: number): { name: string; contactId: string } {
  return store.db.select({ name: members.displayName, contactId: members.contactId }).from(members).where(eq(members.id, memberId)).get()
    ?? { name: '居民', contactId: '' };
}

/** "12", "#12", "＃12", "T12", "工单12" → 12; null when it is not a ticket number. */
export function parseTicketNo(word: string | undefined): number | null {
  const m = /^(?:#|工单|t)?(\d{1,9})$/i.exec((word ?? '').normalize('NFKC').trim());
  return m ? Number(m[1]) : null;
}

/** The community's ticket with that number, or undefined (another community's tickets are never found). */
export function findTicket(store: Store, communityId: number, id: number): Ticket | undefined {
  return store.db.select().from(tickets).where(and(eq(tickets.id, id), eq(tickets.communityId, communityId))).get();
}

export function openTickets(store: Store, communityId?: number): Ticket[] {
  const where = communityId === undefined ? eq(tickets.status, 'open') : and(eq(tickets.status, 'open'), eq(tickets.communityId, communityId));
  return store.db.select().from(tickets).where(where).orderBy(asc(tickets.openedAt), asc(tickets.id)).all();
}

/** Whether a step is done (a resolved ticket has nothing left to do; evidence only when asked for). */
export function stepDone(t: Ticket, step: SlaStep): boolean {
  if (t.status === 'resolved') return true;
  if (step === 'response') return t.firstResponseAt !== null;
  if (step === 'evidence') return !t.needsEvidence || t.evidenceAt !== null;
  return false;
}

/** The first step still to do and when it is due, or null for a resolved ticket. */
export function nextStep(t: Ticket): { step: SlaStep; dueAt: number } | null {
  for (const step of SLA_STEPS) if (!stepDone(t, step)) return { step, dueAt: t.openedAt + SLA[step].dueMs };
  return null;
}

/** Records a leader's answer; the first one stops the response clock. */
export function recordResponse(store: Store, ticketId: number, now: number): void {
  store.db.update(tickets).set({ firstResponseAt: now }).where(and(eq(tickets.id, ticketId), isNull(tickets.firstResponseAt))).run();
}

/** The member's latest open ticket still waiting for a photo or video. */
export function ticketAwaitingEvidence(store: Store, communityId: number, memberId: number): Ticket | undefined {
  return store.db.select().from(tickets)
    .where(and(eq(tickets.communityId, communityId), eq(tickets.memberId, memberId), eq(tickets.status, 'open'),
      eq(tickets.needsEvidence, true), isNull(tickets.evidenceAt)))
    .orderBy(desc(tickets.openedAt), desc(tickets.id)).limit(1).get();
}

export function attachEvidence(store: Store, ticketId: number, media: { kind: 'image' | 'video'; path: string }, now: number): boolean {
  return store.db.update(tickets).set({ evidenceAt: now, evidenceKind: media.kind, evidencePath: media.path })
    .where(and(eq(tickets.id, ticketId), isNull(tickets.evidenceAt))).run().changes > 0;
}

/** "退款" | "refund" … → the compensation kind. */
export function parseCompensation(word: string | undefined): Compensation | null {
  const w = (word ?? '').normalize('NFKC').trim().toLowerCase();
  if (w === '退款' || w === 'refund') return '退款';
  if (w === '补发' || w === 'resend') return '补发';
  if (w === '券' || w === '优惠券' || w === 'coupon') return '券';
  return null;
}

export type CompensateResult =
  | { ok: true; ticket: Ticket; couponCode: string | null }
  | { ok: false; reason: 'resolved' };

/**
 * Decides the compensation and closes the ticket, in one transaction; a 券 issues a real 商品券 coupon
 * (source 'compensation') worth the amount to the resident. A decision also counts as the first response.
 */
export function compensate(store: Store, ticket: Ticket, kind: Compensation, fen: number, by: string, now: number): CompensateResult {
  return store.sqlite.transaction((): CompensateResult => {
    let couponCode: string | null = null;
    if (kind === '券') {
      couponCode = newCouponCode();
      while (store.db.select({ id: coupons.id }).from(coupons).where(eq(coupons.code, couponCode)).get()) couponCode = newCouponCode();
    }
    const updated = store.db.update(tickets).set({
      status: 'resolved', resolvedAt: now, compensation: kind, compensationFen: fen, couponCode, resolvedBy: by,
      firstResponseAt: sql`COALESCE(${tickets.firstResponseAt}, ${now})`,
    }).where(and(eq(tickets.id, ticket.id), eq(tickets.status, 'open'))).returning().get();
    if (!updated) return { ok: false, reason: 'resolved' };
    if (couponCode) {
      store.db.insert(coupons).values({
        communityId: ticket.communityId, memberId: ticket.memberId, kind: '商品券', name: `补偿券（工单#${ticket.id}）`, code: couponCode,
        valueFen: fen, source: 'compensation', status: 'issued', issuedAt: now, expiresAt: expiryFor(now, COMPENSATION_COUPON_DAYS),
      }).run();
    }
    return { ok: true, ticket: updated, couponCode };
  })();
}

export interface TicketStats {
  /** Tickets opened since `since`. */
  count: number;
  open: number;
  responded: number;
  /** Average minutes from opening to a leader's first response (null when none yet). */
  avgFirstResponseMin: number | null;
  resolved: number;
  /** Average minutes from opening to the compensation decision (null when none yet). */
  avgResolutionMin: number | null;
}

/** Handling-time figures of a community's tickets opened since `since` (for /工单 and the dashboard). */
export function ticketStats(store: Store, communityId: number, since: number): TicketStats {
  const row = store.db.select({
    count: sql<number>`COUNT(*)`,
    open: sql<number>`COALESCE(SUM(${tickets.status} = 'open'), 0)`,
    responded: sql<number>`COUNT(${tickets.firstResponseAt})`,
    avgResponse: sql<number | null>`AVG(${tickets.firstResponseAt} - ${tickets.openedAt})`,
    resolved: sql<number>`COUNT(${tickets.resolvedAt})`,
    avgResolution: sql<number | null>`AVG(${tickets.resolvedAt} - ${tickets.openedAt})`,
  }).from(tickets).where(and(eq(tickets.communityId, communityId), gte(tickets.openedAt, since))).get()!;
  const minutes = (ms: number | null) => (ms === null ? null : Math.round(ms / MIN));
  return {
    count: row.count, open: row.open, responded: row.responded, avgFirstResponseMin: minutes(row.avgResponse),
    resolved: row.resolved, avgResolutionMin: minutes(row.avgResolution),
  };
}

/** "1小时5分" / "25分" for user-facing durations. */
export function durationText(ms: number): string {
  const m = Math.max(0, Math.round(ms / MIN));
  if (m < 60) return `${m}分钟`;
  const h = Math.floor(m / 60);
  return m % 60 ? `${h}小时${m % 60}分` : `${h}小时`;
}
