// 积分兑换: a reward catalog per community (seeded from data/rewards.json on first use) and coupons.
// A redemption spends points and reward stock and issues the coupon in one synchronous transaction:
// two redemptions racing for the same points cannot both succeed.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Store } from '../store/db.js';
import { coupons, pointsLedger, rewards, type Coupon, type Reward } from '../store/schema.js';
import { pointsBalance } from './points.js';
import { shanghaiDay } from '../time.js';
import { mayRedeem, tierForReward, type TierName } from './tiers.js';
import { DATA_DIR } from '../config.js';

const DAY_MS = 86_400_000;

type RewardSeed = Pick<Reward, 'name' | 'kind' | 'pointsCost' | 'valueFen' | 'stock' | 'validDays'>;

let seeds: RewardSeed[] | null = null;
export function defaultRewards(): RewardSeed[] {
  seeds ??= JSON.parse(fs.readFileSync(path.join(DATA_DIR, 'rewards.json'), 'utf8')) as RewardSeed[];
  return seeds;
}

/** The community's catalog, seeded from data/rewards.json the first time it is asked for. */
export function rewardCatalog(store: Store, communityId: number): Reward[] {
  const list = () => store.db.select().from(rewards).where(eq(rewards.communityId, communityId)).orderBy(asc(rewards.pointsCost), asc(rewards.id)).all();
  let rows = list();
  if (rows.length === 0) {
    store.sqlite.transaction(() => {
      for (const r of defaultRewards()) {
        store.db.insert(rewards).values({ ...r, communityId }).onConflictDoNothing({ target: [rewards.communityId, rewards.name] }).run();
      }
    })();
    rows = list();
  }
  return rows;
}

/** Words residents add around a reward's name: "一张物业费券", "免邮券1张". */
function tidy(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/[\s，,。.!！~]+/g, '')
    .replace(/^(?:一张|一个|1张|1个|个|张)|(?:一张|1张|一个|1个|张|个|吧|谢谢)+$/g, '');
}

/** Short words that point to a kind of reward. */
const KIND_WORDS: Record<Reward['kind'], RegExp> = {
  物业费抵扣券: /物业|物业费|抵扣/,
  免邮券: /免邮|包邮|运费|配送费|免配送|邮费/,
  商品券: /商品|购物|代金|现金/,
};

/**
 * The rewards a resident's words fit, loosely: the exact name, a name containing the words (or the
 * reverse, minus "券"), else by kind ("物业费券" → 物业费抵扣券). Several when more than one fits equally.
 */
export function matchRewards(catalog: Reward[], target: string): Reward[] {
  const t = tidy(target);
  if (!t) return [];
  const exact = catalog.filter((r) => tidy(r.name) === t);
  if (exact.length) return exact;
  const bare = t.replace(/券$/, '');
  const byName = catalog.filter((r) => {
    const n = tidy(r.name);
    return n.includes(t) || (bare.length >= 2 && (n.includes(bare) || t.includes(n.replace(/券$/, ''))));
  });
  if (byName.length) return byName;
  return catalog.filter((r) => KIND_WORDS[r.kind].test(t) || tidy(r.kind).includes(bare));
}

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** "LT" and 8 characters without look-alikes (0/O, 1/I). */
export function newCouponCode(): string {
  const bytes = crypto.randomBytes(8);
  return `LT${Array.from(bytes, (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('')}`;
}

/** Expiry: the end (23:59:59.999 Shanghai) of the day `validDays` after issue. */
export function expiryFor(issuedAt: number, validDays: number): number {
  const day = shanghaiDay(issuedAt + validDays * DAY_MS);
  return Date.parse(`${day}T23:59:59.999+08:00`);
}

export type RedeemResult =
  | { ok: true; coupon: Coupon; reward: Reward; balance: number }
  | { ok: false; reason: 'unknown'; catalog: Reward[]; balance: number }
  | { ok: false; reason: 'ambiguous'; candidates: Reward[]; balance: number }
  | { ok: false; reason: 'tier'; reward: Reward; balance: number; needed: TierName }
  | { ok: false; reason: 'insufficient'; reward: Reward; balance: number; shortfall: number }
  | { ok: false; reason: 'out_of_stock'; reward: Reward; balance: number };

/**
 * Redeems the reward `target` names for a member of `tier` (a reward a tier's benefits do not open is
 * refused, see data/tiers.json). One synchronous transaction: the balance is read,
 * the reward's stock taken (conditionally), the points spent (reason 'redeem', ref 'coupon:<code>')
 * and the coupon issued, or nothing at all.
 */
export function redeem(store: Store, input: { communityId: number; memberId: number; tier: TierName; target: string }, now: number): RedeemResult {
  const catalog = rewardCatalog(store, input.communityId);
  return store.sqlite.transaction((): RedeemResult => {
    const balance = pointsBalance(store, input.memberId);
    const found = matchRewards(catalog, input.target);
    if (found.length === 0) return { ok: false, reason: 'unknown', catalog, balance };
    if (found.length > 1) return { ok: false, reason: 'ambiguous', candidates: found, balance };
    const reward = found[0]!;
    if (!mayRedeem(input.tier, reward.kind)) return { ok: false, reason: 'tier', reward, balance, needed: tierForReward(reward.kind).name };
    if (balance < reward.pointsCost) return { ok: false, reason: 'insufficient', reward, balance, shortfall: reward.pointsCost - balance };
    const taken = store.db.update(rewards).set({ stock: sql`${rewards.stock} - 1` })
      .where(and(eq(rewards.id, reward.id), gt(rewards.stock, 0))).run();
    if (taken.changes === 0) return { ok: false, reason: 'out_of_stock', reward, balance };
    let code = newCouponCode();
    while (store.db.select({ id: coupons.id }).from(coupons).where(eq(coupons.code, code)).get()) code = newCouponCode();
    const coupon = store.db.insert(coupons).values({
      communityId: input.communityId, memberId: input.memberId, kind: reward.kind, name: reward.name, code,
      valueFen: reward.valueFen, source: 'redeem', status: 'issued', issuedAt: now, expiresAt: expiryFor(now, reward.validDays),
    }).returning().get();
    store.db.insert(pointsLedger).values({
      communityId: input.communityId, memberId: input.memberId, delta: -reward.pointsCost, reason: 'redeem', ref: `coupon:${code}`, at: now,
    }).run();
    return { ok: true, coupon, reward: { ...reward, stock: reward.stock - 1 }, balance: balance - reward.pointsCost };
  })();
}

/** The member's coupons still usable at `now`, oldest first. */
export function usableCoupons(store: Store, memberId: number, now: number, kind?: Coupon['kind']): Coupon[] {
  const where = [eq(coupons.memberId, memberId), eq(coupons.status, 'issued'), gt(coupons.expiresAt, now)];
  if (kind) where.push(eq(coupons.kind, kind));
  return store.db.select().from(coupons).where(and(...where)).orderBy(asc(coupons.issuedAt), asc(coupons.id)).all();
}

/** Home delivery asked for in an order's note. */
export const HOME_DELIVERY_RE = /送货上门|送到家|配送到家|送上门/;

/**
 * Uses the member's oldest usable 免邮券 on an order (conditional update: a coupon is used once).
 * Null when the member has none.
 */
export function useFreeShipping(store: Store, memberId: number, orderId: number, now: number): Coupon | null {
  for (const c of usableCoupons(store, memberId, now, '免邮券')) {
    const res = store.db.update(coupons).set({ status: 'used', usedAt: now, usedOnOrderId: orderId })
      .where(and(eq(coupons.id, c.id), eq(coupons.status, 'issued'))).run();
    if (res.changes > 0) return { ...c, status: 'used', usedAt: now, usedOnOrderId: orderId };
  }
  return null;
}
