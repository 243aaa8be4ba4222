// The acceptance path of issue 15: a month of a community played through the simulator (`lintuan start`, piped
// lines with `@YYYY-MM-DD HH:MM` clock lines, campaigns on as by default), then `lintuan metrics --json`. The same
// November as tests/metrics/metrics.test.ts, where each figure is worked out by hand; here the nightly pass runs by
// itself at 03:00 every simulated day, so the stock snapshots are daily (worked out below).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin/lintuan.js');
const SCRIPT = fs.readFileSync(path.join(import.meta.dirname, 'november.sim.txt'), 'utf8');

// Demo stock at selling prices 1,367,100 fen, then (snapshot at 03:00 of each November day):
//   11-01..03 1,367,100 ×3; #1 苹果 −1200 → 11-04..05 1,365,900 ×2; #2 −4300 → 11-06..12 1,361,600 ×7 (#3 gave its
//   eggs back); 报损 −1200 → 11-13..17 1,360,400 ×5; /库存 草莓 59→1 −145,000 and #4 −600 → 11-18 1,214,800 ×1;
//   #5 −1800 → 11-19..24 1,213,000 ×6; #6 −1800 → 11-25 1,211,200 ×1; #7 −2500 → 11-26..30 1,208,700 ×5.
//   Sum 38,913,800 / 30 = 1,297,126.67; ÷ (GMV 12,800 / 30) = 3040.14 days.
// Every other figure as in tests/metrics/metrics.test.ts (same events, same hand arithmetic there).
const EXPECTED = {
  nps: 25, silent_share: 0.1429, orders_per_group_day: 0.12, leader_capacity: 4, sku_sell_through: 0.6,
  stock_turnover_days: 3040.14, next_week_repurchase: 0.5, avg_order_value_fen: 1829, aov_change: 0.7917,
  stockout_rate: 0.1818, loss_rate: 0.0938, first_order_conversion: 0.3333, complaint_handling_hours: 21,
  orders: 7, gmv_fen: 12_800, new_members: 3, repurchase_30d: 0.5,
};

describe('a simulated month through the CLI', () => {
  it('lintuan metrics --json after the month equals the hand computation', () => {
    const db = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lintuan-month-')), 'lintuan.db');
    const env = { ...process.env, DATABASE_PATH: db, LOG_LEVEL: 'error', WECHATY_PUPPET: '', CONSOLE_PORT: 'off', LINTUAN_SIM_START: '2026-10-25T09:00+08:00' };
    delete (env as Record<string, string | undefined>).CAMPAIGNS;
    const sim = spawnSync(process.execPath, [BIN, 'start'], { cwd: ROOT, input: SCRIPT, env, encoding: 'utf8', timeout: 150_000 });
    expect(sim.status).toBe(0);
    // The bot really read the month: the orders' confirmations and the NPS thank-yous are in the chat.
    expect(sim.stdout).toContain('✅ 小郑 下单成功：苹果 1斤 ¥6.00');
    expect(sim.stdout).toContain('（时钟拨到 2026-12-01 09:00）');
    const metrics = spawnSync(process.execPath, [BIN, 'metrics', '--community', '阳光小区', '--from', '2026-11-01', '--to', '2026-11-30', '--json'], {
      cwd: ROOT, env: { ...env, LINTUAN_SIM_START: '2026-12-01T09:00+08:00' }, encoding: 'utf8', timeout: 60_000,
    });
    expect(metrics.stderr).toBe('');
    expect(JSON.parse(metrics.stdout)).toEqual(EXPECTED);
  }, 200_000);
});
