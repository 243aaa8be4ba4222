// The outbox: every message the bot sends is first a row here; one sender loop drains it.
import { and, asc, count, eq, gt, gte, lt, lte, or, sql } from 'drizzle-orm';
import type { Store } from '../store/db.js';
import { outbox, type OutboxRow } from '../store/schema.js';
import type { OutboxLimits } from '../config.js';
import { startOfShanghaiDay } from '../time.js';
import { preparedFor } from '../store/prepared.js';

export interface OutgoingMessage {
  conversationId: string;
  conversationKind: OutboxRow['conversationKind'];
  kind?: OutboxRow['kind'];
  body: string;
  /** Same key, same message: a re-delivered input never queues a second reply. */
  dedupKey?: string | null;
  notBefore?: number;
}

// Every reply goes through here.
const insertStatement = preparedFor((store) => {
  const p = sql.placeholder;
  return store.db.insert(outbox).values({
    conversationId: p('conversationId'), conversationKind: p('conversationKind'), kind: p('kind'), body: p('body'),
    dedupKey: p('dedupKey'), notBefore: p('notBefore'), createdAt: p('now'),
  }).onConflictDoNothing({ target: outbox.dedupKey }).prepare();
});

/** Queues a message; returns false when its dedup key was already queued. */
export function enqueue(store: Store, msg: OutgoingMessage, now: number): boolean {
  const res = insertStatement(store).run({
    conversationId: msg.conversationId, conversationKind: msg.conversationKind, kind: msg.kind ?? 'text', body: msg.body,
    dedupKey: msg.dedupKey ?? null, notBefore: msg.notBefore ?? now, now,
  });
  return res.changes > 0;
}

/**
 * Rows left in 'sending' by a crash may or may not have reached WeChat. Sending them again could
 * post twice, which residents notice more than a lost echo, so they are marked failed: the leaders are
 * told (outbox-failures.ts) and may resend them with /发送失败.
 */
export function recoverInterrupted(store: Store): number {
  return store.db.update(outbox).set({ status: 'failed', lastError: '发送中断（程序退出），可能已发出，未自动重发以免重复' })
    .where(eq(outbox.status, 'sending')).run().changes;
}

export type NextDue =
  | { row: OutboxRow }
  | { row: null; wakeAt: number | null; reason: 'empty' | 'not_before' | 'per_group' | 'daily_cap' };

/** Picks the oldest pending row that the limits allow now, and marks it 'sending'. */
export function claimNext(store: Store, limits: OutboxLimits, now: number): NextDue {
  const dayStart = startOfShanghaiDay(now);
  const sentToday = store.db.select({ n: count() }).from(outbox).where(gte(outbox.sentAt, dayStart)).get()!.n;
  const pending = store.db.select().from(outbox)
    .where(eq(outbox.status, 'pending')).orderBy(asc(outbox.notBefore), asc(outbox.id)).limit(50).all();
  if (pending.length === 0) return { row: null, wakeAt: null, reason: 'empty' };
  if (sentToday >= limits.dailyCap) return { row: null, wakeAt: dayStart + 86_400_000, reason: 'daily_cap' };
  let wakeAt = Infinity;
  let reason: 'not_before' | 'per_group' = 'not_before';
  const full = new Set<string>();
  for (const row of pending) {
    if (row.notBefore > now) { wakeAt = Math.min(wakeAt, row.notBefore); continue; }
    if (full.has(row.conversationId)) continue;
    const recent = store.db.select({ n: count() }).from(outbox)
      .where(and(eq(outbox.conversationId, row.conversationId), gte(outbox.sentAt, now - 60_000))).get()!.n;
    if (recent >= limits.perGroupPerMinute) {
      full.add(row.conversationId);
      const oldest = store.db.select({ sentAt: outbox.sentAt }).from(outbox)
        .where(and(eq(outbox.conversationId, row.conversationId), gte(outbox.sentAt, now - 60_000)))
        .orderBy(asc(outbox.sentAt)).limit(1).get();
      wakeAt = Math.min(wakeAt, (oldest?.sentAt ?? now) + 60_000);
      reason = 'per_group';
      continue;
    }
    const claimed = store.db.update(outbox).set({ status: 'sending', attempts: row.attempts + 1 })
      .where(and(eq(outbox.id, row.id), eq(outbox.status, 'pending'))).returning().get();
    if (claimed) return { row: claimed };
  }
  return { row: null, wakeAt: Number.isFinite(wakeAt) ? wakeAt : now + 1000, reason };
}

export function markSent(store: Store, id: number, now: number): void {
  store.db.update(outbox).set({ status: 'sent', sentAt: now, lastError: null }).where(eq(outbox.id, id)).run();
}

/** A failed send is retried with exponential backoff until maxAttempts, then given up (returns true then). */
export function markFailed(store: Store, row: OutboxRow, error: string, limits: OutboxLimits, now: number): boolean {
  const giveUp = row.attempts >= limits.maxAttempts;
  store.db.update(outbox).set({
    status: giveUp ? 'failed' : 'pending',
    lastError: error.slice(0, 500),
    notBefore: now + limits.retryBaseMs * 2 ** Math.max(0, row.attempts - 1),
  }).where(eq(outbox.id, row.id)).run();
  return giveUp;
}

/** Rows not yet settled (pending or in flight). */
/**
 * Rows that keep the sender busy now: in flight, due, or waiting out a retry backoff. A row scheduled for later
 * (a campaign's follow-up post) does not: a piped simulator run may end before it is due.
 */
export function dueCount(store: Store, now: number): number {
  return store.db.select({ n: count() }).from(outbox).where(or(
    eq(outbox.status, 'sending'),
    and(eq(outbox.status, 'pending'), or(lte(outbox.notBefore, now), gt(outbox.attempts, 0))),
  )).get()!.n;
}

/** Sent rows are kept a while for the record, then dropped so the table does not grow forever. */
export function pruneSent(store: Store, olderThanMs: number, now: number): number {
  return store.db.delete(outbox).where(and(eq(outbox.status, 'sent'), lt(outbox.sentAt, now - olderThanMs))).run().changes;
}
