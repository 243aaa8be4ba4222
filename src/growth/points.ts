// Points: an append-only ledger; the balance is its sum.
import fs from 'node:fs';
import path from 'node:path';
import { and, eq, inArray, notInArray, sql } from 'drizzle-orm';
import type { Store } from '../store/db.js';
import { orders, pointsLedger, type Order } from '../store/schema.js';
import { OPEN_STATUSES } from '../ordering/orders.js';
import { DATA_DIR } from '../config.js';

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

// ---- 社区积分 → 等级特权 → 荣誉体系 ----

export interface PointLevel { name: string; minEarned: number; honor: string; privileges: string[] }
export interface PointRules { levels: PointLevel[]; green: { points: number; keywords: string[] } }


let rules: PointRules | null = null;
/** data/point-levels.json: levels by lifetime earned points (ascending), and the green-points rule. */
export function pointRules(): PointRules {
  if (!rules) {
    const r = JSON.parse(fs.readFileSync(path.join(DATA_DIR, 'point-levels.json'), 'utf8')) as PointRules;
    r.levels.sort((a, b) => a.minEarned - b.minEarned);
    rules = r;
  }
  return rules;
}

/** Ledger reasons that spend points rather than take back what was earned. */
export const SPEND_REASONS = ['redeem'] as const;

/**
 * Points earned over the member's lifetime: everything but spending (a leader's "-N" correction does
 * lower it, a redemption does not). Never below zero.
 */
export function lifetimeEarned(store: Store, memberId: number): number {
  const s = store.db.select({ s: sql<number>`coalesce(sum(${pointsLedger.delta}), 0)` }).from(pointsLedger)
    .where(and(eq(pointsLedger.memberId, memberId), notInArray(pointsLedger.reason, [...SPEND_REASONS]))).get()!.s;
  return Math.max(0, s);
}

export interface LevelStatus { earned: number; level: PointLevel; next: PointLevel | null; toNext: number }

export function levelFor(earned: number, levels: PointLevel[] = pointRules().levels): LevelStatus {
  let i = 0;
  while (i + 1 < levels.length && earned >= levels[i + 1]!.minEarned) i++;
  const next = levels[i + 1] ?? null;
  return { earned, level: levels[i]!, next, toNext: next ? next.minEarned - earned : 0 };
}

export function levelOf(store: Store, memberId: number): LevelStatus {
  return levelFor(lifetimeEarned(store, memberId));
}

/** "积分等级：白银 · 社区好邻居（累计获得 250 分），再获得 750 分升级为黄金". */
export function levelText(s: LevelStatus): string {
  const head = `积分等级：${s.level.name} · ${s.level.honor}（累计获得 ${s.earned} 分）`;
  return s.next ? `${head}，再获得 ${s.toNext} 分升级为${s.next.name}（${s.next.honor}）` : `${head}，已是最高等级`;
}

// ---- 绿色积分: fewer bags, more points ----

/** Whether an order's note asks for no bag (不要袋子 / 不用袋子 / 自带袋 …). */
export function isGreenNote(note: string | null | undefined): boolean {
  if (!note) return false;
  const t = note.normalize('NFKC');
  return pointRules().green.keywords.some((k) => t.includes(k));
}

/**
 * Credits the green points of a fulfilled order whose note asked for no bag: reason 'green', ref
 * 'green:<orderId>', so at most once. Returns the points credited now (0 when not green or already).
 */
export function creditGreen(store: Store, order: Pick<Order, 'id' | 'communityId' | 'memberId' | 'note'>, now: number): number {
  const points = pointRules().green.points;
  if (points <= 0 || !isGreenNote(order.note)) return 0;
  const res = store.db.insert(pointsLedger).values({
    communityId: order.communityId, memberId: order.memberId, delta: points, reason: 'green', ref: `green:${order.id}`, at: now,
  }).onConflictDoNothing({ target: [pointsLedger.reason, pointsLedger.ref] }).run();
  return res.changes > 0 ? points : 0;
}

// ---- Leaders' manual adjustments (/积分 @某人 +N 原因) ----

export const MAX_ADJUST = 10_000;

export type AdjustResult =
  | { ok: true; balance: number; delta: number; duplicate: boolean }
  | { ok: false; reason: 'negative'; balance: number };

/**
 * Adds (or takes) points by hand: reason 'adjust', ref '<messageId>:<原因>' (a re-delivered command
 * counts once, and the leader's reason is kept), by_contact_id the leader. The balance check and the
 * insert share one transaction, so a balance never goes below zero.
 */
export function adjustPoints(
  store: Store,
  input: { communityId: number; memberId: number; delta: number; note: string; byContactId: string; sourceMsgId: string },
  now: number,
): AdjustResult {
  if (!Number.isInteger(input.delta) || input.delta === 0 || Math.abs(input.delta) > MAX_ADJUST) throw new Error(`bad delta ${input.delta}`);
  return store.sqlite.transaction((): AdjustResult => {
    const balance = pointsBalance(store, input.memberId);
    if (balance + input.delta < 0) return { ok: false, reason: 'negative', balance };
    const res = store.db.insert(pointsLedger).values({
      communityId: input.communityId, memberId: input.memberId, delta: input.delta, reason: 'adjust',
      ref: `${input.sourceMsgId}:${input.note}`, byContactId: input.byContactId, at: now,
    }).onConflictDoNothing({ target: [pointsLedger.reason, pointsLedger.ref] }).run();
    if (res.changes === 0) return { ok: true, balance, delta: input.delta, duplicate: true };
    return { ok: true, balance: balance + input.delta, delta: input.delta, duplicate: false };
  })();
}
