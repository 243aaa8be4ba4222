// Metrics benchmark (issue 15): a temp SQLite with 1,000,000 orders and 10,000 members of one community over a
// year, then computeMetrics over the full range timed beside a floor measured in the same run: one
// `SELECT count(*), sum(total_fen)` over the same orders. Goal: all figures in ≤ 200 ms. Prints both and the ratio.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openStore } from '../src/store/db.js';
import { computeMetrics } from '../src/metrics/compute.js';
import { addDays, dayStart, DAY_MS } from '../src/metrics/period.js';

const ORDERS = 1_000_000;
const MEMBERS = 10_000;
const LEADERS = 20;
const PRODUCTS = 60;
const FROM = '2026-01-01';
const DAYS = 365;
const TO = addDays(FROM, DAYS - 1);
const START = dayStart(FROM)!;
const RUNS = 7;

// A small deterministic generator: the same database every run.
let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = (n: number) => Math.floor(rand() * n);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lintuan-bench-metrics-'));
const store = openStore(path.join(dir, 'lintuan.db'));
const db = store.sqlite;

const t0 = performance.now();
db.transaction(() => {
  db.prepare(`INSERT INTO communities (id, name, created_at) VALUES (1, '基准小区', ?)`).run(START);
  const group = db.prepare(`INSERT INTO groups (id, room_id, topic, community_id, kind, created_at) VALUES (?, ?, ?, 1, ?, ?)`);
  for (let g = 1; g <= 3; g++) group.run(g, `r${g}@chatroom`, `基准群${g}`, g === 1 ? 'main' : 'function', START);
  const member = db.prepare(`INSERT INTO members (id, community_id, contact_id, display_name, role, joined_at) VALUES (?, 1, ?, ?, ?, ?)`);
  for (let m = 1; m <= MEMBERS; m++) member.run(m, `c${m}`, `居民${m}`, m <= LEADERS ? 'leader' : 'resident', START + pick(DAYS) * DAY_MS);
  const product = db.prepare(`INSERT INTO products (id, community_id, name, unit, price_fen, stock_milli, updated_at) VALUES (?, 1, ?, '份', ?, ?, ?)`);
  const prices: number[] = [];
  for (let p = 1; p <= PRODUCTS; p++) product.run(p, `商品${p}`, (prices[p] = 500 + pick(5000)), 100_000, START);
  // A weekly session offering 50 of the products.
  const session = db.prepare(`INSERT INTO sessions (id, community_id, group_id, title, cutoff_at, status, created_by, created_at, closed_at) VALUES (?, 1, 1, ?, ?, 'closed', 'c1', ?, ?)`);
  const offer = db.prepare(`INSERT INTO session_products (session_id, product_id) VALUES (?, ?)`);
  for (let w = 0; w < 53; w++) {
    const at = START + w * 7 * DAY_MS;
    session.run(w + 1, `第${w + 1}周`, at + 7 * DAY_MS, at, at + 7 * DAY_MS);
    for (let p = 1; p <= 50; p++) offer.run(w + 1, ((p + w) % PRODUCTS) + 1);
  }
  const order = db.prepare(`INSERT INTO orders (id, community_id, group_id, member_id, session_id, order_no, source_msg_id, status, total_fen, lines_asked, created_at, updated_at)
    VALUES (?, 1, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const item = db.prepare(`INSERT INTO order_items (order_id, product_id, qty_milli, unit_price_fen, amount_fen, cancelled_at) VALUES (?, ?, ?, ?, ?, ?)`);
  const statuses = ['done', 'done', 'done', 'picked_up', 'confirmed', 'placed', 'refunded', 'cancelled'];
  for (let o = 1; o <= ORDERS; o++) {
    const at = START + Math.floor((o / ORDERS) * DAYS * DAY_MS); // in time order, as orders arrive
    const status = statuses[pick(statuses.length)]!;
    const lines = Array.from({ length: 1 + pick(3) }, () => {
      const p = 1 + pick(PRODUCTS);
      const qty = 1 + pick(3);
      return { p, qty, cancelled: status === 'cancelled' || rand() < 0.03 };
    });
    const total = lines.reduce((sum, l) => sum + (l.cancelled ? 0 : l.qty * prices[l.p]!), 0);
    order.run(o, LEADERS + 1 + pick(MEMBERS - LEADERS), Math.min(53, 1 + Math.floor((at - START) / (7 * DAY_MS))), o, `m${o}`, status, total, lines.length, at, at);
    for (const l of lines) item.run(o, l.p, l.qty * 1000, prices[l.p]!, l.qty * prices[l.p]!, l.cancelled ? at + 60_000 : null);
  }
  const activity = db.prepare(`INSERT OR IGNORE INTO group_activity (group_id, member_id, day) VALUES (?, ?, ?)`);
  for (let i = 0; i < 300_000; i++) activity.run(1 + pick(3), 1 + pick(MEMBERS), addDays(FROM, pick(DAYS)));
  const survey = db.prepare(`INSERT INTO surveys (id, community_id, kind, question, points, created_by, created_at, closes_at) VALUES (?, 1, 'nps', '推荐度', 5, 'c1', ?, ?)`);
  const answer = db.prepare(`INSERT OR REPLACE INTO survey_answers (survey_id, member_id, answer, score, at) VALUES (?, ?, ?, ?, ?)`);
  for (let s = 1; s <= 4; s++) {
    const at = START + s * 80 * DAY_MS;
    survey.run(s, at, at + 3 * DAY_MS);
    for (let i = 0; i < 2_000; i++) { const score = pick(11); answer.run(s, LEADERS + 1 + pick(MEMBERS - LEADERS), String(score), score, at + pick(3 * DAY_MS)); }
  }
  const ticket = db.prepare(`INSERT INTO tickets (community_id, member_id, conversation_id, conversation_kind, source_msg_id, type, text, needs_evidence, status, opened_at, resolved_at)
    VALUES (1, ?, 'r1@chatroom', 'room', ?, '质量问题', '坏了', 0, 'resolved', ?, ?)`);
  for (let i = 0; i < 3_000; i++) { const at = START + pick(DAYS) * DAY_MS; ticket.run(LEADERS + 1 + pick(MEMBERS - LEADERS), `t${i}`, at, at + pick(72) * 3_600_000); }
  const shortfall = db.prepare(`INSERT INTO order_shortfalls (community_id, product_id, source_msg_id, wanted_milli, left_milli, placed, at) VALUES (1, ?, ?, 2000, 0, ?, ?)`);
  for (let i = 0; i < 30_000; i++) shortfall.run(1 + pick(PRODUCTS), `s${i}`, pick(2), START + pick(DAYS * DAY_MS));
  const writeOff = db.prepare(`INSERT INTO write_offs (community_id, product_id, reason, qty_milli, value_fen, by_contact_id, at) VALUES (1, ?, 'spoiled', 1000, ?, 'c1', ?)`);
  for (let i = 0; i < 2_000; i++) { const p = 1 + pick(PRODUCTS); writeOff.run(p, prices[p]!, START + pick(DAYS * DAY_MS)); }
  const snapshot = db.prepare(`INSERT INTO stock_snapshots (community_id, day, product_id, qty_milli, value_fen) VALUES (1, ?, ?, ?, ?)`);
  for (let d = 0; d < DAYS; d++) for (let p = 1; p <= PRODUCTS; p++) { const qty = 50 + pick(200); snapshot.run(addDays(FROM, d), p, qty * 1000, qty * prices[p]!); }
})();
db.exec('ANALYZE');
console.log(`built ${ORDERS.toLocaleString()} orders, ${MEMBERS.toLocaleString()} members in ${((performance.now() - t0) / 1000).toFixed(1)} s (${dir})`);

const floorSql = db.prepare(`SELECT count(*) AS n, sum(total_fen) AS fen FROM orders WHERE community_id = 1`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
function time(fn: () => unknown): { ms: number; value: unknown } {
  let value: unknown;
  fn(); // warm: statements prepared, pages cached
  const runs = Array.from({ length: RUNS }, () => { const t = performance.now(); value = fn(); return performance.now() - t; });
  return { ms: median(runs), value };
}
const floor = time(() => floorSql.get());
const metrics = time(() => computeMetrics(store, { communityId: 1, from: FROM, to: TO }, dayStart(TO)! + DAY_MS - 1));
console.log(`floor   SELECT count(*), sum(total_fen) over ${ORDERS.toLocaleString()} orders: ${floor.ms.toFixed(1)} ms  ${JSON.stringify(floor.value)}`);
console.log(`metrics computeMetrics, all ${Object.keys(metrics.value as object).length} figures, ${FROM}..${TO}: ${metrics.ms.toFixed(1)} ms (median of ${RUNS})`);
console.log(JSON.stringify(metrics.value));
console.log(`ratio ${(metrics.ms / floor.ms).toFixed(2)}× the floor; goal ≤ 200 ms: ${metrics.ms <= 200 ? 'met' : 'MISSED'}`);
store.close();
fs.rmSync(dir, { recursive: true, force: true });
