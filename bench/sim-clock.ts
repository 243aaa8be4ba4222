// Simulated-clock benchmark: 30 days of group life piped through the real CLI (`bin/lintuan.js start`, campaigns on):
// each morning a clock line, the leader opens the day's session (cut-off 20:00), a few orders, an evening clock line
// past the cut-off (the reminder at 19:00, the summary at 20:00, the digest at 08:00, the nightly pass at 03:00 and
// the hourly checks all run in between). The floor is the same lines without the clock lines, in the same run.
// Prints wall time for both and the cost per simulated day; the last line is the machine-readable summary.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin/lintuan.js');
const DAYS = Number(process.argv.find((a) => a.startsWith('--days='))?.slice(7) ?? 30);
const START = '2026-11-01T07:00+08:00';
const DAY_MS = 86_400_000;

const day = (i: number) => new Date(Date.parse('2026-11-01T00:00+08:00') + i * DAY_MS + 8 * 3600_000).toISOString().slice(0, 10);

function lines(withClock: boolean): string[] {
  const out = ['团长: /截单 阳光小区日常团购'];
  for (let i = 0; i < DAYS; i++) {
    if (withClock) out.push(`@${day(i)} 08:30`);
    out.push(`团长: /开团 第${i + 1}期 今天20:00 苹果 草莓 牛奶 鸡蛋`, '张姐: 苹果2斤', '李叔: 草莓1盒', `王妈: 牛奶${1 + (i % 3)}瓶`);
    if (i % 2 === 0) out.push('小赵: 鸡蛋1盒');
    if (withClock) out.push(`@${day(i)} 21:00`);
  }
  return out;
}

function run(withClock: boolean): { ms: number; orders: number; sent: number; closed: number } {
  const db = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lintuan-bench-simclock-')), 'lintuan.db');
  const t0 = performance.now();
  const res = spawnSync(process.execPath, [BIN, 'start'], {
    cwd: ROOT, input: lines(withClock).join('\n') + '\n', encoding: 'utf8', timeout: 600_000, maxBuffer: 64 << 20,
    env: { ...process.env, DATABASE_PATH: db, LOG_LEVEL: 'warn', WECHATY_PUPPET: '', CAMPAIGNS: '1', LINTUAN_SIM_START: START },
  });
  const ms = performance.now() - t0;
  if (res.status !== 0) throw new Error(`lintuan start failed (${res.status}): ${res.stderr}`);
  const conn = new Database(db, { readonly: true });
  const n = (sql: string) => (conn.prepare(sql).get() as { n: number }).n;
  const r = { ms, orders: n('SELECT count(*) AS n FROM orders'), sent: n(`SELECT count(*) AS n FROM outbox WHERE status = 'sent'`), closed: n(`SELECT count(*) AS n FROM sessions WHERE status <> 'open'`) };
  conn.close();
  return r;
}

const floor = run(false);
const clocked = run(true);
const perDay = (clocked.ms - floor.ms) / DAYS;
console.log(`floor   (${DAYS} days of lines, no clock lines): ${(floor.ms / 1000).toFixed(2)} s wall, ${floor.orders} orders, ${floor.sent} messages sent`);
console.log(`clocked (same lines + ${2 * DAYS} clock lines):    ${(clocked.ms / 1000).toFixed(2)} s wall, ${clocked.orders} orders, ${clocked.sent} messages sent, ${clocked.closed} sessions closed`);
console.log(`simulated time costs ${perDay.toFixed(0)} ms of wall time per simulated day above the floor`);
console.log(JSON.stringify({ days: DAYS, floorMs: Math.round(floor.ms), clockedMs: Math.round(clocked.ms), perDayMs: Math.round(perDay), orders: clocked.orders, sent: clocked.sent }));
