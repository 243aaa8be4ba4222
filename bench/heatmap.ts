// `npm run bench:heatmap`: the /热力图 and /配送 建议 counts (orderHeat: one grouped query + parsing the distinct
// addresses) on a community with 120,000 orders over 90 days (30 buildings, a fifth of the orders with an address),
// beside a floor measured in the same run: a count(*) of the same rows through the same join and filter (reading the
// rows the aggregate must read, with no grouping). Also the exact slot plan (planSlots) on the resulting hours.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openStore } from '../src/store/db.js';
import { loadDemo, seedDemo } from '../src/community/demo.js';
import { upsertMember } from '../src/growth/members.js';
import { orderHeat } from '../src/delivery/heat.js';
import { planSlots } from '../src/delivery/slots.js';
import { seededRandom } from '../src/experiments/random.js';

const ORDERS = 120_000;
const DAYS = 90;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const DAY = 86_400_000;
const NOW = Date.parse('2026-12-04T00:30:00+08:00');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lintuan-bench-heat-'));
const store = openStore(path.join(dir, 'bench.db'));
const { communityId } = seedDemo(store, loadDemo(), NOW - 200 * DAY);
const random = seededRandom(20261204);
const memberIds: number[] = [];
for (let i = 0; i < 600; i++) {
  const nick = i % 20 === 0 ? `邻居${i}` : `${1 + (i % 30)}-${100 + i} 邻居${i}`;
  memberIds.push(upsertMember(store, { communityId, contactId: `bench-${i}`, nickname: nick }, NOW - 200 * DAY).id);
}
// Hours follow a lunch and an evening peak.
const HOUR_WEIGHTS = [0, 0, 0, 0, 0, 0, 1, 3, 5, 6, 6, 7, 9, 6, 4, 4, 5, 7, 10, 11, 8, 5, 3, 1];
const cumulative = HOUR_WEIGHTS.map((_, i) => HOUR_WEIGHTS.slice(0, i + 1).reduce((a, b) => a + b, 0));
const pickHour = () => { const r = random() * cumulative.at(-1)!; return cumulative.findIndex((c) => r < c); };
const insert = store.sqlite.prepare(`INSERT INTO orders (community_id, member_id, order_no, source_msg_id, status, total_fen, address, created_at, updated_at)
  VALUES (?, ?, ?, ?, ?, 1000, ?, ?, ?)`);
store.sqlite.transaction(() => {
  for (let i = 0; i < ORDERS; i++) {
    const day = Math.floor(random() * DAYS) + 1;
    const at = Math.floor((NOW - day * DAY) / DAY) * DAY - 8 * 3600_000 + pickHour() * 3600_000 + Math.floor(random() * 3600_000);
    const address = random() < 0.2 ? `${1 + Math.floor(random() * 30)}栋${100 + Math.floor(random() * 30)} 收件人` : null;
    insert.run(communityId, memberIds[Math.floor(random() * memberIds.length)], i + 1, `bench-${i}`, random() < 0.05 ? 'cancelled' : 'placed', address, at, at);
  }
})();
const floorStmt = store.sqlite.prepare(`SELECT count(*) AS n FROM orders o JOIN members m ON m.id = o.member_id
  WHERE o.community_id = ? AND o.created_at >= ? AND o.created_at < ? AND o.status <> 'cancelled'`);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const time = (fn: () => void) => { const t = performance.now(); fn(); return performance.now() - t; };
const from = NOW - 30 * DAY;
let total = 0;
let floorN = 0;
let byHour: number[] = [];
orderHeat(store, communityId, from, NOW); // warm the page cache and the prepared statements
const heatMs: number[] = [];
const floorMs: number[] = [];
const planMs: number[] = [];
for (let i = 0; i < ROUNDS; i++) {
  heatMs.push(time(() => { const h = orderHeat(store, communityId, from, NOW); total = h.total; byHour = h.byHour; }));
  floorMs.push(time(() => { floorN = (floorStmt.get(communityId, from, NOW) as { n: number }).n; }));
  planMs.push(time(() => planSlots(byHour, 3, 40 * 30, 2)));
}
if (total !== floorN) throw new Error(`orderHeat counted ${total}, the floor ${floorN}`);
const h = median(heatMs);
const f = median(floorMs);
console.log(`orders in the community: ${ORDERS} over ${DAYS} days; last 30 days counted: ${total}`);
console.log(`orderHeat (30 days)      median ${h.toFixed(1)} ms`);
console.log(`floor count(*) same rows median ${f.toFixed(1)} ms   (orderHeat / floor = ${(h / f).toFixed(2)}×)`);
console.log(`planSlots 3 × 2 h        median ${(median(planMs) * 1000).toFixed(0)} µs`);
console.log(JSON.stringify({ orders: ORDERS, counted: total, heatMs: +h.toFixed(2), floorMs: +f.toFixed(2), ratio: +(h / f).toFixed(2) }));
store.close();
fs.rmSync(dir, { recursive: true, force: true });
