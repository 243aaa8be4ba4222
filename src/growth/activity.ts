// Who spoke where: one row per member, group and Shanghai day (the flash-test denominator), and who asked
// about which product (its numerator, with orders). Both sit on the per-message path, so both are one
// prepared insert, and activity is written at most once per member, group and day (remembered in memory).
import { sql } from 'drizzle-orm';
import type { Store } from '../store/db.js';
import { preparedFor } from '../store/prepared.js';
import { groupActivity, productInquiries } from '../store/schema-campaigns.js';
import { shanghaiDay, startOfShanghaiDay } from '../time.js';

const insertActivity = preparedFor((store) => store.db.insert(groupActivity)
  .values({ groupId: sql.placeholder('groupId'), memberId: sql.placeholder('memberId'), day: sql.placeholder('day') })
  .onConflictDoNothing().prepare());

const insertInquiry = preparedFor((store) => store.db.insert(productInquiries).values({
  communityId: sql.placeholder('communityId'), productId: sql.placeholder('productId'), memberId: sql.placeholder('memberId'), at: sql.placeholder('at'),
}).prepare());

// Per store: (group, member) → the start of the Shanghai day last recorded. Numbers only: this runs for every group message.
const seen = new WeakMap<Store, Map<number, number>>();

/** Notes that a member spoke in a group today; a no-op after the first message of the day. */
export function noteActivity(store: Store, groupId: number, memberId: number, now: number): void {
  let days = seen.get(store);
  if (!days) seen.set(store, (days = new Map()));
  const key = groupId * 2 ** 26 + memberId; // exact while member ids stay below 67 million
  const day = startOfShanghaiDay(now);
  if (days.get(key) === day) return;
  if (days.size > 200_000) days.clear();
  days.set(key, day);
  store.batch.run(() => insertActivity(store).run({ groupId, memberId, day: shanghaiDay(now) }));
}

/** "草莓多少钱": the member asked about the product. */
export function noteInquiry(store: Store, input: { communityId: number; productId: number; memberId: number }, now: number): void {
  insertInquiry(store).run({ ...input, at: now });
}
