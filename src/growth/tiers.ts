// 动态权限体系: 观察员 → 活跃会员 → 超级团长, each with its service tier (基础 · 增值 · 专属).
// A member's tier follows their last 30 days (rules in data/tiers.json): re-evaluated after each order
// and nightly, so it goes down as well as up. data/tiers.json is the one table of rules and benefits:
// the texts (我的等级, promotions, 兑换) and the checks (which rewards a tier may redeem) both read it.
// A tier has its own benefits and every benefit of the tiers below it.
import fs from 'node:fs';
import path from 'node:path';
import { and, count, eq, gt, isNull, lte, notInArray, sql } from 'drizzle-orm';
import type { Store } from '../store/db.js';
import { preparedFor } from '../store/prepared.js';
import { invites, members, orders, type Coupon, type Member, type Order } from '../store/schema.js';
import { yuan } from '../money.js';
import { DATA_DIR } from '../config.js';

export type TierName = Member['tier'];

/** One way to qualify: every condition given must hold (within the window; invites over all time). */
export interface TierRequirement { minOrders?: number; minAmountFen?: number; minValidInvites?: number }

/** One benefit: its text, and the reward kinds (兑换) it opens, if any. */
export interface TierBenefit { text: string; redeem?: Coupon['kind'][] }

export interface TierRule {
  name: TierName;
  /** 服务分层: 基础服务 / 增值服务 / 专属服务. */
  service: string;
  /** The benefits this tier adds to those of the tiers below. */
  benefits: TierBenefit[];
  /** Any one of these qualifies; empty for the entry tier. */
  requirements: TierRequirement[];
}

export interface TierRules { windowDays: number; tiers: TierRule[] }

const DAY_MS = 86_400_000;
/** Orders that never happened for the member's record. */
const VOID_STATUSES: Order['status'][] = ['cancelled', 'refunded'];

let cached: TierRules | null = null;
/** data/tiers.json, lowest tier first. */
export function tierRules(): TierRules {
  if (!cached) cached = JSON.parse(fs.readFileSync(path.join(DATA_DIR, 'tiers.json'), 'utf8')) as TierRules;
  return cached;
}

export function tierRule(name: TierName, rules = tierRules()): TierRule {
  return rules.tiers.find((t) => t.name === name) ?? rules.tiers[0]!;
}

/** 0 for the entry tier. */
export function tierRank(name: TierName, rules = tierRules()): number {
  return Math.max(0, rules.tiers.findIndex((t) => t.name === name));
}

/** Everything a tier grants: its own benefits and those of every tier below, lowest first. */
export function benefitsOf(name: TierName, rules = tierRules()): TierBenefit[] {
  return rules.tiers.slice(0, tierRank(name, rules) + 1).flatMap((t) => t.benefits);
}

/** "优先配送、1小时达（限配送范围内）、…". */
export const benefitsText = (list: TierBenefit[]) => list.map((b) => b.text).join('、');

/** The lowest tier whose benefits open redeeming this kind of reward (the entry tier when none names it). */
export function tierForReward(kind: Coupon['kind'], rules = tierRules()): TierRule {
  return rules.tiers.find((t) => t.benefits.some((b) => b.redeem?.includes(kind))) ?? rules.tiers[0]!;
}

/** Whether a member of `tier` may redeem a reward of `kind`. */
export function mayRedeem(tier: TierName, kind: Coupon['kind'], rules = tierRules()): boolean {
  return tierRank(tier, rules) >= tierRank(tierForReward(kind, rules).name, rules);
}

/** What the rules look at. */
export interface TierStats { orders: number; amountFen: number; validInvites: number }

// Evaluated after every order (the per-message path), so prepared once per store.
const tierQueries = preparedFor((store) => {
  const p = sql.placeholder;
  return {
    tier: store.db.select({ tier: members.tier }).from(members).where(eq(members.id, p('memberId'))).prepare(),
    orders: store.db.select({ n: count(), fen: sql<number>`coalesce(sum(${orders.totalFen}), 0)` }).from(orders)
      .where(and(eq(orders.memberId, p('memberId')), gt(orders.createdAt, p('since')), lte(orders.createdAt, p('now')),
        notInArray(orders.status, VOID_STATUSES))).prepare(),
    invites: store.db.select({ n: count() }).from(invites)
      .where(and(eq(invites.inviterMemberId, p('memberId')), eq(invites.status, 'valid'))).prepare(),
    setTier: store.db.update(members).set({ tier: sql`${p('tier')}`, tierChangedAt: sql`${p('now')}` }).where(eq(members.id, p('memberId'))).prepare(),
  };
});

export function tierStats(store: Store, memberId: number, now: number, rules = tierRules()): TierStats {
  const q = tierQueries(store);
  const o = q.orders.get({ memberId, since: now - rules.windowDays * DAY_MS, now })!;
  const inv = q.invites.get({ memberId })!;
  return { orders: o.n, amountFen: o.fen, validInvites: inv.n };
}

function meets(s: TierStats, r: TierRequirement): boolean {
  return s.orders >= (r.minOrders ?? 0) && s.amountFen >= (r.minAmountFen ?? 0) && s.validInvites >= (r.minValidInvites ?? 0);
}

/** The highest tier these numbers qualify for. */
export function qualifyingTier(s: TierStats, rules = tierRules()): TierName {
  let best = rules.tiers[0]!.name;
  for (const t of rules.tiers) {
    if (t.requirements.length === 0 || t.requirements.some((r) => meets(s, r))) best = t.name;
  }
  return best;
}

/** "再下 1 单", "再下 6 单且再消费 ¥320.00", "再邀请 3 位邻居（入群并下单）": what one way still lacks. */
function missingText(s: TierStats, r: TierRequirement): string {
  const parts: string[] = [];
  if (r.minOrders !== undefined && s.orders < r.minOrders) parts.push(`再下 ${r.minOrders - s.orders} 单`);
  if (r.minAmountFen !== undefined && s.amountFen < r.minAmountFen) parts.push(`再消费 ${yuan(r.minAmountFen - s.amountFen)}`);
  if (r.minValidInvites !== undefined && s.validInvites < r.minValidInvites) parts.push(`再邀请 ${r.minValidInvites - s.validInvites} 位邻居入群并下单`);
  return parts.join('且');
}

export interface NextTier { tier: TierRule; needs: string[] }

/** The tier above `current` and, for each way to reach it, what is still missing. Null at the top. */
export function nextTier(current: TierName, s: TierStats, rules = tierRules()): NextTier | null {
  const i = rules.tiers.findIndex((t) => t.name === current);
  const next = rules.tiers[i + 1];
  if (!next) return null;
  return { tier: next, needs: next.requirements.map((r) => missingText(s, r)).filter(Boolean) };
}

/** "再下 1 单即可升级为活跃会员". */
export function nextTierText(n: NextTier): string {
  return `${n.needs.join('，或')}即可升级为${n.tier.name}`;
}

/** What keeps the current tier ("近30天保持下单2单以上"), empty for the entry tier. */
export function keepText(current: TierName, rules = tierRules()): string {
  const t = tierRule(current, rules);
  if (t.requirements.length === 0) return '';
  const ways = t.requirements.map((r) => [
    r.minOrders !== undefined ? `下单 ${r.minOrders} 单` : '',
    r.minAmountFen !== undefined ? `消费满 ${yuan(r.minAmountFen)}` : '',
    r.minValidInvites !== undefined ? `累计有效邀请 ${r.minValidInvites} 位邻居` : '',
  ].filter(Boolean).join('且'));
  return `保级条件：近${rules.windowDays}天${ways.join('，或')}`;
}

export interface TierChange {
  memberId: number;
  from: TierName;
  to: TierName;
  changed: boolean;
  direction: 'up' | 'down' | null;
  stats: TierStats;
}

/**
 * Re-evaluates one member at `now`: sets members.tier (and tier_changed_at when it changes) to the
 * highest tier the last window qualifies for.
 */
export function evaluateTier(store: Store, memberId: number, now: number): TierChange {
  const rules = tierRules();
  const member = tierQueries(store).tier.get({ memberId });
  if (!member) throw new Error(`no member ${memberId}`);
  const stats = tierStats(store, memberId, now, rules);
  const to = qualifyingTier(stats, rules);
  const from = member.tier;
  if (to === from) return { memberId, from, to, changed: false, direction: null, stats };
  tierQueries(store).setTier.run({ tier: to, now, memberId });
  const rank = (n: TierName) => rules.tiers.findIndex((t) => t.name === n);
  return { memberId, from, to, changed: true, direction: rank(to) > rank(from) ? 'up' : 'down', stats };
}

/** The nightly run: every current member of the community, in one transaction. Returns the changes. */
export function evaluateTiers(store: Store, communityId: number, now: number): TierChange[] {
  return store.sqlite.transaction(() => {
    const list = store.db.select({ id: members.id }).from(members)
      .where(and(eq(members.communityId, communityId), isNull(members.leftAt))).all();
    return list.map((m) => evaluateTier(store, m.id, now)).filter((c) => c.changed);
  })();
}

/** "🎉 恭喜升级为活跃会员（增值服务）！可享：优先配送、…": the benefits gained over `from`; `who` names the member. */
export function promotionText(to: TierName, from: TierName, who?: string): string {
  const rules = tierRules();
  const t = tierRule(to, rules);
  const gained = rules.tiers.slice(tierRank(from, rules) + 1, tierRank(to, rules) + 1).flatMap((x) => x.benefits);
  return `🎉 恭喜${who ? ` ${who} ` : ''}升级为${t.name}（${t.service}）！可享：${benefitsText(gained)}`;
}
