// `lintuan simulate` through the real CLI: a tiny run as JSON, and bad strategy files refused in Chinese (exit 2).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
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
});
