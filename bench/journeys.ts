// Journeys benchmark (/归因): a month of a 500-resident community in 5 groups — every group gets 10 posts a day
// (开团通知, 截单提醒, 晨报 …), logged once per post as the bot does, plus private invitations, activity and orders —
// then communityJourneys over the 30 days timed beside a floor measured in the same run: reading the same rows
// (residents with their first order, the touchpoints, the presence pairs) without building the journeys.
// Also prints how many rows one-row-per-resident logging would have written instead.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openStore } from '../src/store/db.js';
import { communityJourneys } from '../src/experiments/attribution/community-journeys.js';
import { presenceUpTo } from '../src/experiments/roster.js';
import { shapley } from '../src/experiments/attribution/shapley.js';
import { shanghaiDay } from '../src/time.js';
import { seededRandom } from '../src/experiments/random.js';

const RESIDENTS = 500;
const GROUPS = 5;
const DAYS = 30;
const POSTS_PER_GROUP_DAY = 10;
const KINDS = ['开团通知', '截单提醒', '晨报', '直播日', '爆款测试', '时令活动'];
const DAY = 86_400_000;
const START = Date.parse('2026-11-01T00:00:00+08:00');
const END = START + DAYS * DAY;
const RUNS = 7;

const random = seededRandom(500);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lintuan-bench-journeys-'));
const store = openStore(path.join(dir, 'lintuan.db'));
const db = store.sqlite;
db.transaction(() => {
  db.prepare(`INSERT INTO communities (id, name, created_at) VALUES (1, '基准小区', ?)`).run(START - DAY);
  for (let g = 1; g <= GROUPS; g++) db.prepare(`INSERT INTO groups (id, room_id, topic, community_id, kind, created_at) VALUES (?, ?, ?, 1, ?, ?)`).run(g, `g${g}`, `${g}号楼群`, g === 1 ? 'main' : 'function', START - DAY);
  const member = db.prepare(`INSERT INTO members (id, community_id, contact_id, display_name, joined_at) VALUES (?, 1, ?, ?, ?)`);
  const activity = db.prepare(`INSERT OR IGNORE INTO group_activity (group_id, member_id, day) VALUES (?, ?, ?)`);
  const order = db.prepare(`INSERT INTO orders (community_id, group_id, member_id, order_no, source_msg_id, status, total_fen, lines_asked, created_at, updated_at) VALUES (1, ?, ?, ?, ?, 'placed', 1500, 1, ?, ?)`);
  const touch = db.prepare(`INSERT INTO touchpoints (community_id, group_id, member_id, kind, at) VALUES (1, ?, ?, ?, ?)`);
  let orderNo = 0;
  for (let m = 1; m <= RESIDENTS; m++) {
    member.run(m, `c${m}`, `${m} 居民`, START - DAY);
    const home = 1 + (m % GROUPS);
    activity.run(home, m, shanghaiDay(START + Math.floor(random() * DAYS) * DAY));
    if (m % 7 === 0) activity.run(1 + ((m + 1) % GROUPS), m, shanghaiDay(START)); // some are in a second group
    if (m % 25 === 0) touch.run(null, m, '邀请', START + Math.floor(random() * DAYS * DAY));
    for (let k = Math.floor(random() * 6); k > 0; k--) {
      const at = START + Math.floor(random() * DAYS * DAY);
      order.run(home, m, ++orderNo, `o${orderNo}`, at, at);
    }
  }
  for (let d = 0; d < DAYS; d++) for (let g = 1; g <= GROUPS; g++) for (let p = 0; p < POSTS_PER_GROUP_DAY; p++) {
    touch.run(g, null, KINDS[(d + p) % KINDS.length]!, START + d * DAY + (8 + p) * 3600_000);
  }
})();

function best(f: () => void): number {
  let min = Infinity;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    f();
    min = Math.min(min, performance.now() - t);
  }
  return min;
}

const touchRows = (db.prepare('SELECT count(*) AS n FROM touchpoints').get() as { n: number }).n;
const presence = presenceUpTo(store, 1, END);
const perGroup = new Map<number, number>();
for (const p of presence) perGroup.set(p.groupId, (perGroup.get(p.groupId) ?? 0) + 1);
const expanded = [...perGroup.values()].reduce((s, n) => s + n * DAYS * POSTS_PER_GROUP_DAY, 0);

communityJourneys(store, 1, { start: START, end: END }); // warm-up: statements prepared, JIT
const floorMs = best(() => {
  db.prepare(`SELECT m.id, (SELECT min(o.created_at) FROM orders o WHERE o.member_id = m.id AND o.created_at >= ? AND o.created_at < ? AND o.status <> 'cancelled') FROM members m WHERE m.community_id = 1`).all(START, END);
  db.prepare('SELECT group_id, member_id, kind, at FROM touchpoints WHERE community_id = 1 AND at >= ? AND at < ?').all(START, END);
  presenceUpTo(store, 1, END);
});
let journeys = 0;
const pathMs = best(() => { journeys = communityJourneys(store, 1, { start: START, end: END }).lines; });
const attributionMs = best(() => { shapley(communityJourneys(store, 1, { start: START, end: END })); });

console.log(`community: ${RESIDENTS} residents, ${GROUPS} groups, ${DAYS} days; touchpoint rows ${touchRows} (one per group post; one row per resident reached would be ${expanded})`);
console.log(`floor (read residents + first orders, touchpoints, presence): ${floorMs.toFixed(1)} ms (best of ${RUNS})`);
console.log(`communityJourneys: ${journeys} journeys in ${pathMs.toFixed(1)} ms (best of ${RUNS}), ${(pathMs / floorMs).toFixed(2)}× floor`);
console.log(`/归因 domain work (journeys + exact Shapley): ${attributionMs.toFixed(1)} ms`);
console.log(JSON.stringify({ residents: RESIDENTS, touchpoint_rows: touchRows, expanded_rows: expanded, floor_ms: +floorMs.toFixed(1), journeys_ms: +pathMs.toFixed(1), attribution_ms: +attributionMs.toFixed(1) }));
store.close();
fs.rmSync(dir, { recursive: true, force: true });
