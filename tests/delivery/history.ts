// Back-dated orders for the heat map and slot tests, placed through the real order service at chosen Shanghai hours.
import { clockFrom, parseClockStart } from '../../src/clock.js';
import { upsertMember } from '../../src/growth/members.js';
import { cancelLines, placeOrder } from '../../src/ordering/orders.js';
import { upsertProducts } from '../../src/catalog/catalog.js';
import { startOfShanghaiDay } from '../../src/time.js';
import type { Harness } from '../helpers/harness.js';

/** 2026-12-04 00:30 Beijing time, a Friday: the 30 days before it are whole days from 11-04 00:30. */
export const START = parseClockStart('2026-12-04T00:30+08:00')!;
export const fixedClock = () => clockFrom(START);
export const DAY = 86_400_000;

/** `daysAgo` days before START's day, at hour:10 Beijing time. */
export const at = (daysAgo: number, hour: number) => startOfShanghaiDay(START) - daysAgo * DAY + hour * 3600_000 + 10 * 60_000;
/** Monday = 0 … Sunday = 6 of the day `daysAgo` days before START's day (a Friday, 4). */
export const weekdayOf = (daysAgo: number) => (((4 - daysAgo) % 7) + 7) % 7;

let n = 0;

export function history(h: Harness) {
  const row = <T>(sql: string, ...args: unknown[]) => h.store.sqlite.prepare(sql).get(...args) as T;
  const product = (name: string, communityId = h.communityId) => {
    const p = row<{ id: number; name: string; unit: string; price_fen: number }>(
      'SELECT id, name, unit, price_fen FROM products WHERE name = ? AND community_id = ?', name, communityId);
    return { id: p.id, name: p.name, unit: p.unit, priceFen: p.price_fen };
  };
  const memberId = (contactId: string) => row<{ id: number }>('SELECT id FROM members WHERE contact_id = ?', contactId).id;
  return {
    memberId,
    /** A new member whose nickname names no building. */
    stranger(contactId: string, nickname: string) {
      return upsertMember(h.store, { communityId: h.communityId, contactId, nickname }, START - 60 * DAY).id;
    },
    /** One order of 1 × `productName` by the member at `when`, optionally with an address written on it. */
    order(member: number, when: number, opts: { product?: string; address?: string; communityId?: number } = {}) {
      const r = placeOrder(h.store, {
        communityId: opts.communityId ?? h.communityId, groupId: null, memberId: member, sourceMsgId: `history-${n++}`,
        lines: [{ product: product(opts.product ?? '苹果', opts.communityId), qty: 1 }], address: opts.address ?? null,
      }, when);
      if (!r.ok) throw new Error(`order not placed: ${r.reason}`);
      return r.order;
    },
    /** Cancels every open line of `productName` of the member (their orders of it become cancelled). */
    cancel(member: number, productName: string, when: number) {
      cancelLines(h.store, member, [productName], when);
    },
    /** A product in another community, so orders can be placed there. */
    stockOther(communityId: number) {
      upsertProducts(h.store, communityId, [{ name: '苹果', unit: '斤', price_fen: 600, stock: 100 }], START - 60 * DAY);
    },
  };
}
