// 爆款测试: three testing SKUs are offered for three days; each is promoted or retired by its interest rate.
//
// Interest rate of a SKU = (distinct residents who, during the test, placed a live order containing it or
// asked about it) ÷ (distinct residents active during the test: who sent at least one message in one of
// the community's groups on one of the test's three Shanghai days, plus any interested resident who
// ordered privately). Leaders and admins count in neither. Under 15 % the SKU is retired, else promoted.
import { and, asc, eq, gte, inArray, isNull, lt, ne, notInArray } from 'drizzle-orm';
import type { Store } from '../store/db.js';
import { groups, members, orderItems, orders, products, type Product } from '../store/schema.js';
import { flashTests, flashTestSkus, groupActivity, productInquiries, type FlashTest } from '../store/schema-campaigns.js';
import { LIVE_STATUSES } from '../ordering/summary.js';
import { openSession } from '../ordering/sessions.js';
import { shanghaiDay, startOfShanghaiDay } from '../time.js';

export const FLASH_TEST_DAYS = 3;
export const SKUS_PER_TEST = 3;
export const RETIRE_BELOW_PCT = 15;
const DAY = 86_400_000;

/** Testing SKUs never tested yet, oldest first: the next test's candidates (at most three). */
export function nextTestSkus(store: Store, communityId: number): Product[] {
  const tested = store.db.select({ id: flashTestSkus.productId }).from(flashTestSkus)
    .innerJoin(flashTests, eq(flashTests.id, flashTestSkus.testId)).where(eq(flashTests.communityId, communityId)).all().map((r) => r.id);
  return store.db.select().from(products)
    .where(and(eq(products.communityId, communityId), eq(products.status, 'testing'), tested.length ? notInArray(products.id, tested) : undefined))
    .orderBy(asc(products.id)).limit(SKUS_PER_TEST).all();
}

export function runningTest(store: Store, communityId: number): FlashTest | undefined {
  return store.db.select().from(flashTests).where(and(eq(flashTests.communityId, communityId), eq(flashTests.status, 'running'))).get();
}

/** Starts a test on the Shanghai day of `at`: three whole days (or `days`: an experiment's arm), with a session so residents can order the SKUs. */
export function startFlashTest(store: Store, input: { communityId: number; groupId: number; skus: Product[]; at: number; days?: number }, now: number): FlashTest {
  const startsAt = startOfShanghaiDay(input.at);
  const endsAt = startsAt + (input.days ?? FLASH_TEST_DAYS) * DAY;
  const opened = openSession(store, {
    communityId: input.communityId, groupId: input.groupId, title: `爆款测试 ${shanghaiDay(startsAt).slice(5)}`, cutoffAt: endsAt,
    productNames: input.skus.map((p) => p.name), createdBy: 'lintuan',
  }, now);
  const test = store.db.insert(flashTests).values({
    communityId: input.communityId, groupId: input.groupId, sessionId: opened.ok ? opened.session.id : null, startsAt, endsAt,
  }).returning().get();
  store.db.insert(flashTestSkus).values(input.skus.map((p) => ({ testId: test.id, productId: p.id }))).run();
  return test;
}

export interface SkuResult { product: Product; interested: number; ratePct: number; outcome: 'promoted' | 'retired' }
export interface TestResult { test: FlashTest; active: number; skus: SkuResult[] }

/** Counts interest per SKU (see the definition above) without changing anything. */
export function measureFlashTest(store: Store, test: FlashTest): { active: number; skus: Omit<SkuResult, 'outcome'>[] } {
  const residents = new Set(store.db.select({ id: members.id }).from(members)
    .where(and(eq(members.communityId, test.communityId), eq(members.role, 'resident'))).all().map((r) => r.id));
  const days: string[] = [];
  for (let t = test.startsAt; t < test.endsAt; t += DAY) days.push(shanghaiDay(t));
  const active = new Set(store.db.selectDistinct({ memberId: groupActivity.memberId }).from(groupActivity)
    .innerJoin(groups, eq(groups.id, groupActivity.groupId))
    .where(and(eq(groups.communityId, test.communityId), inArray(groupActivity.day, days))).all()
    .map((r) => r.memberId).filter((id) => residents.has(id)));
  const skus = store.db.select({ product: products }).from(flashTestSkus).innerJoin(products, eq(products.id, flashTestSkus.productId))
    .where(eq(flashTestSkus.testId, test.id)).orderBy(asc(products.id)).all().map((r) => r.product);
  const interestedBy = skus.map((product) => {
    const ordered = store.db.selectDistinct({ memberId: orders.memberId }).from(orderItems).innerJoin(orders, eq(orders.id, orderItems.orderId))
      .where(and(eq(orders.communityId, test.communityId), eq(orderItems.productId, product.id), isNull(orderItems.cancelledAt),
        inArray(orders.status, [...LIVE_STATUSES]), gte(orders.createdAt, test.startsAt), lt(orders.createdAt, test.endsAt))).all();
    const asked = store.db.selectDistinct({ memberId: productInquiries.memberId }).from(productInquiries)
      .where(and(eq(productInquiries.productId, product.id), gte(productInquiries.at, test.startsAt), lt(productInquiries.at, test.endsAt))).all();
    const who = new Set([...ordered, ...asked].map((r) => r.memberId).filter((id) => residents.has(id)));
    for (const id of who) active.add(id);
    return { product, who };
  });
  return {
    active: active.size,
    skus: interestedBy.map(({ product, who }) => ({
      product, interested: who.size, ratePct: active.size === 0 ? 0 : Math.round((who.size / active.size) * 1000) / 10,
    })),
  };
}

/** Ends a finished test: SKUs under 15 % are retired (taken down), the others promoted (on sale). Idempotent. */
export function evaluateFlashTest(store: Store, testId: number, now: number): TestResult | null {
  return store.db.transaction(() => {
    const test = store.db.select().from(flashTests).where(and(eq(flashTests.id, testId), ne(flashTests.status, 'done'))).get();
    if (!test) return null;
    const m = measureFlashTest(store, test);
    const skus: SkuResult[] = m.skus.map((s) => ({ ...s, outcome: s.ratePct < RETIRE_BELOW_PCT ? 'retired' as const : 'promoted' as const }));
    for (const s of skus) {
      store.db.update(flashTestSkus).set({ interested: s.interested, ratePct: s.ratePct, outcome: s.outcome })
        .where(and(eq(flashTestSkus.testId, test.id), eq(flashTestSkus.productId, s.product.id))).run();
      // Only a SKU still in testing changes: a leader may have decided in the meantime.
      store.db.update(products).set({ status: s.outcome === 'retired' ? 'inactive' : 'active', updatedAt: now })
        .where(and(eq(products.id, s.product.id), eq(products.status, 'testing'))).run();
    }
    const done = store.db.update(flashTests).set({ status: 'done', activeMembers: m.active, evaluatedAt: now })
      .where(eq(flashTests.id, test.id)).returning().get();
    return { test: done, active: m.active, skus };
  });
}

/** Running tests whose three days are over at `at`. */
export function finishedTests(store: Store, communityId: number, at: number): FlashTest[] {
  return store.db.select().from(flashTests)
    .where(and(eq(flashTests.communityId, communityId), eq(flashTests.status, 'running'), lt(flashTests.endsAt, at + 1))).all();
}

/** /测款 名称: marks products for the next flash test. */
export function markTesting(store: Store, communityId: number, productIds: number[], now: number): void {
  if (productIds.length === 0) return;
  store.db.update(products).set({ status: 'testing', updatedAt: now })
    .where(and(eq(products.communityId, communityId), inArray(products.id, productIds))).run();
}
