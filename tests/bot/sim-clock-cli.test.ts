// Clock lines through the real CLI: `lintuan start` with piped stdin, a temp database, campaigns on.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin/lintuan.js');
const at = (text: string) => Date.parse(`${text}:00+08:00`);

describe('clock lines in the simulator', () => {
  it('moves the clock forward, runs the cut-off and the morning digest at their times, and refuses going back', () => {
    const db = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lintuan-simclock-')), 'lintuan.db');
    const input = [
      '团长: /截单 阳光小区日常团购',
      '团长: /开团 草莓团 明天20:00 草莓',
      '张姐: 草莓1盒',
      '@2026-11-02 21:00',
      '@2026-11-02 09:00',
      '张姐: 草莓1盒',
      '@2026-11-03T08:30:00',
    ].join('\n') + '\n';
    const res = spawnSync(process.execPath, [BIN, 'start'], {
      cwd: ROOT, input, encoding: 'utf8', timeout: 60_000,
      env: { ...process.env, DATABASE_PATH: db, LOG_LEVEL: 'warn', WECHATY_PUPPET: '', CAMPAIGNS: '1', LINTUAN_SIM_START: '2026-11-01T10:00+08:00' },
    });
    expect(res.status).toBe(0);
    expect(res.stderr).toContain('（时间不能倒退：现在已经是 2026-11-02 21:00，忽略「@2026-11-02 09:00」）');
    expect(res.stdout).toContain('（时钟拨到 2026-11-02 21:00）');
    expect(res.stdout).toMatch(/【截单】草莓团 已截单：1 人共 1 单/);
    expect(res.stdout).toContain('目前没有在进行的团购');

    const conn = new Database(db, { readonly: true });
    const q = <T>(sql: string) => conn.prepare(sql).all() as T[];
    const sessions = q<{ closed_at: number }>(`SELECT closed_at FROM sessions WHERE title = '草莓团'`);
    const orders = q<{ created_at: number }>('SELECT created_at FROM orders ORDER BY id');
    const reminder = q<{ sent_at: number }>(`SELECT sent_at FROM outbox WHERE dedup_key LIKE 'scenario:cutoff_reminder:%'`);
    const digests = q<{ sent_at: number }>(`SELECT sent_at FROM outbox WHERE dedup_key LIKE 'scenario:morning_digest:%' ORDER BY id`);
    conn.close();
    expect(sessions).toEqual([{ closed_at: at('2026-11-02 20:00') }]);
    // One order (before the cut-off, at the start time); the one after the clock line was refused.
    expect(orders).toHaveLength(1);
    expect(orders[0]!.created_at).toBeGreaterThanOrEqual(at('2026-11-01 10:00'));
    expect(orders[0]!.created_at).toBeLessThan(at('2026-11-01 10:01'));
    expect(reminder).toEqual([{ sent_at: at('2026-11-02 19:00') }]);
    // 11-01's 08:00 digest is caught up at the start (within its 4-hour grace); 11-02's and 11-03's at 08:00 sharp.
    expect(digests).toHaveLength(3);
    expect(digests[0]!.sent_at).toBeGreaterThanOrEqual(at('2026-11-01 10:00'));
    expect(digests[0]!.sent_at).toBeLessThan(at('2026-11-01 10:01'));
    expect(digests.slice(1).map((d) => d.sent_at)).toEqual([at('2026-11-02 08:00'), at('2026-11-03 08:00')]);
  });
});
