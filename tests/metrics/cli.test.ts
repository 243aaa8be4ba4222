// `lintuan metrics` refuses bad input with a Chinese message and exit code 2 (the real CLI, a temp database).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEST_CLOCK_ENV } from '../helpers/harness.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin/lintuan.js');

describe('lintuan metrics input errors', () => {
  const db = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lintuan-metrics-cli-')), 'lintuan.db');
  const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT, env: { ...process.env, ...TEST_CLOCK_ENV, DATABASE_PATH: db, LOG_LEVEL: 'silent' }, encoding: 'utf8', timeout: 60_000,
  });

  it('seeds the demo, then prints the default 30 days of it as JSON with exactly the keys', () => {
    expect(run('seed-demo').status).toBe(0);
    const res = run('metrics', '--community', '阳光小区', '--json');
    expect(res.status).toBe(0);
    const m = JSON.parse(res.stdout) as Record<string, unknown>;
    expect(Object.keys(m)).toHaveLength(17);
    expect(m).toMatchObject({ orders: 0, gmv_fen: 0, nps: null, leader_capacity: 0, sku_sell_through: 0 });
  });

  it.each([
    [['metrics', '--community', '不存在小区', '--json'], '没有叫「不存在小区」的小区（现有：阳光小区）'],
    [['metrics', '--community', '阳光小区', '--from', '2026-02-30', '--to', '2026-03-01'], '--from 的日期「2026-02-30」不对'],
    [['metrics', '--community', '阳光小区', '--from', '2026-11-30', '--to', '2026-11-01'], '开始日期 2026-11-30 晚于结束日期 2026-11-01'],
    [['metrics', '--community', '阳光小区', '--from', '2026-11-01'], '--from 和 --to 要一起写'],
    [['metrics', '--json'], '请用 --community 写小区名'],
    [['metrics', '--community', '阳光小区', '--week'], '不认识的参数 --week'],
  ])('%j → exit 2: %s', (args, message) => {
    const res = run(...args);
    expect(res.status).toBe(2);
    expect(res.stdout).toBe('');
    expect(res.stderr).toContain(message);
    expect(res.stderr).toContain('用法：lintuan metrics');
    expect(res.stderr).not.toMatch(/at .*\.ts:\d+/);
  });
});
