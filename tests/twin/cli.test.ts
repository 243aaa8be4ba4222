// `lintuan simulate` through the real CLI: a tiny run as JSON, and bad strategy files refused in Chinese (exit 2).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { TEST_CLOCK_ENV } from '../helpers/harness.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin/lintuan.js');
const env = { ...process.env, ...TEST_CLOCK_ENV, LOG_LEVEL: 'warn', WECHATY_PUPPET: '' };
const simulate = (...args: string[]) => spawnSync(process.execPath, [BIN, 'simulate', ...args], { cwd: ROOT, env, encoding: 'utf8', timeout: 120_000 });

describe('lintuan simulate', () => {
  it('runs two strategies over two seeds and prints figures, their paired difference and the bot health as JSON', () => {
    const res = simulate('--days', '2', '--residents', '15', '--seeds', '2', '--strategy', 'data/twin/baseline.json', '--strategy', 'data/twin/threshold5.json', '--json');
    expect(res.stderr).toBe(''); // no progress bar when stderr is not a terminal
    expect(res.status).toBe(0);
    const out = JSON.parse(res.stdout);
    expect(out.strategies.map((s: { name: string }) => s.name)).toEqual(['基线：每天开团，成团 3 人', expect.stringContaining('成团门槛 5 人')]);
    expect(out.strategies[0].figures.new_members.n).toBe(2);
    // The clock starts TEST_CLOCK_ENV's day: the run ends the day before it.
    expect(out.startDay).toBe('2026-12-01');
    expect(out.strategies[0].health.crashes.mean).toBe(0);
    expect(out.differences).toHaveLength(1);
    expect(out.differences[0].figures.new_members).toEqual({ mean: 0, low: 0, high: 0, n: 2 }); // same seed, same residents
  }, 120_000);

  it('refuses a bad strategy file with a Chinese message naming the field, exit 2, no stack trace', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lintuan-twin-cli-'));
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify({ name: '坏策略', sessions: [{ days: '每天', open: '08:00', cutoff: '20:00', products: '全部', minMembers: '五' }] }));
    const res = simulate('--days', '1', '--strategy', bad);
    expect(res.status).toBe(2);
    expect(res.stderr).toContain(`策略文件 ${bad}：sessions[0].minMembers（成团人数）应是 0 到 500 的整数`);
    expect(res.stderr).not.toMatch(/\bat .*\.ts:\d+/);
    const missing = simulate('--strategy', path.join(dir, 'nope.json'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('找不到策略文件');
    const unknownProduct = path.join(dir, 'p.json');
    fs.writeFileSync(unknownProduct, JSON.stringify({ name: 'x', sessions: [{ days: [3], open: '08:00', cutoff: '20:00', products: ['榴莲'] }] }));
    expect(simulate('--strategy', unknownProduct).stderr).toContain('没有这些商品：榴莲');
  }, 60_000);

  it('seed-demo --history N gives the demo community N days of twin life ending today, once', () => {
    const db = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lintuan-twin-history-')), 'lintuan.db');
    const seed = () => spawnSync(process.execPath, [BIN, 'seed-demo', '--history', '3'], { cwd: ROOT, env: { ...env, DATABASE_PATH: db }, encoding: 'utf8', timeout: 120_000 });
    const res = seed();
    expect(res.status).toBe(0);
    const conn = new Database(db, { readonly: true });
    const joined = conn.prepare(`SELECT min(joined_at) AS first, count(*) AS n FROM members WHERE contact_id LIKE 'twin-%'`).get() as { first: number; n: number };
    const open = conn.prepare(`SELECT title FROM sessions WHERE status = 'open'`).all() as { title: string }[];
    conn.close();
    // 300 residents over a 30-day cold start: 10 a day, the first on the first of the three days (2026-11-30).
    expect(joined.n).toBeGreaterThanOrEqual(20);
    expect(joined.n).toBeLessThanOrEqual(45);
    expect(new Date(joined.first + 8 * 3_600_000).toISOString().slice(0, 10)).toBe('2026-11-30');
    expect(open.map((s) => s.title)).toEqual(['阳光小区日常团购']); // residents can order on the first npm start
    const again = seed();
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('已经有订单了');
  }, 120_000);
});
