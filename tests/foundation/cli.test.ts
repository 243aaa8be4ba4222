// The real CLI: `npm start` with piped input, and a restart with unsent outbox rows.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { TEST_CLOCK_ENV } from '../helpers/harness.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin/lintuan.js');

function tempDb(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lintuan-cli-')), 'lintuan.db');
}

function env(db: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, ...TEST_CLOCK_ENV, DATABASE_PATH: db, LOG_LEVEL: 'warn', WECHATY_PUPPET: '', ...extra };
}

describe('lintuan CLI', () => {
  it('runs a piped script on the simulator, prints the replies and exits by itself', () => {
    const db = tempDb();
    const res = spawnSync('npm', ['start', '--silent'], {
      cwd: ROOT, input: '张姐: 苹果2斤\n团长: /帮助\n', env: env(db), encoding: 'utf8', timeout: 60_000,
    });
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(/^\[阳光小区团购群\] 邻团: ✅ 3-501 张姐 下单成功：苹果 2斤 ¥12\.00，合计 ¥12\.00/m);
    expect(res.stdout).toContain('/商品');
    expect(res.stdout).not.toMatch(/at .*\.ts:\d+/);
  });

  // Campaigns are on by default: near a solar term the seasonal scenario queues a follow-up post hours ahead.
  // A piped run ends once its input is read and nothing is due now; the later post waits in the outbox.
  it.each([['2026-12-03T19:40+08:00', 1], ['2026-12-06T23:50+08:00', 0]])('with campaigns on at %s a piped script exits by itself', (start, laterAtLeast) => {
    const db = tempDb();
    const res = spawnSync('npm', ['start', '--silent'], {
      cwd: ROOT, input: '张姐: 苹果2斤\n', env: env(db, { LINTUAN_SIM_START: start, CAMPAIGNS: '1' }), encoding: 'utf8', timeout: 60_000,
    });
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(/张姐 下单成功：苹果 2斤 ¥12\.00/);
    const conn = new Database(db, { readonly: true });
    const later = conn.prepare(`SELECT count(*) AS n FROM outbox WHERE status = 'pending' AND not_before > ?`).get(Date.parse(start)) as { n: number };
    const seasonal = conn.prepare(`SELECT count(*) AS n FROM scenario_runs`).get() as { n: number };
    conn.close();
    // The scheduler really ran at that date (so the exit is not because campaigns were off).
    expect(seasonal.n).toBeGreaterThan(0);
    // At 19:40 four days before 大雪 the seasonal follow-up is queued for later: the run must not wait for it.
    expect(later.n).toBeGreaterThanOrEqual(laterAtLeast);
  });

  it('migrates and seeds on demand', () => {
    const db = tempDb();
    expect(spawnSync(process.execPath, [BIN, 'migrate'], { env: env(db), encoding: 'utf8' }).status).toBe(0);
    const seeded = spawnSync(process.execPath, [BIN, 'seed-demo'], { env: env(db), encoding: 'utf8' });
    expect(seeded.status).toBe(0);
    const conn = new Database(db, { readonly: true });
    const n = conn.prepare('SELECT count(*) AS n FROM products').get() as { n: number };
    conn.close();
    expect(n.n).toBeGreaterThan(5);
    const bad = spawnSync(process.execPath, [BIN, 'fly'], { env: env(db), encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('未知命令');
  });

  it('parses JSON lines through `lintuan parse`, one answer per line, bad lines included', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lintuan-parse-'));
    const catalog = path.join(dir, 'catalog.json');
    fs.writeFileSync(catalog, JSON.stringify([
      { name: '苹果', unit: '斤', price_fen: 600 }, { name: '牛奶', unit: '瓶', price_fen: 650, aliases: ['鲜奶'] },
    ]));
    const input = [
      { id: '1', text: '我要两斤苹果' }, { id: '2', text: '鲜奶x4' }, { id: '3', text: '+1', recent: '牛奶' }, { id: '4', text: '苹果多少钱' },
    ].map((l) => JSON.stringify(l)).join('\n') + '\n{oops\n';
    const res = spawnSync(process.execPath, [BIN, 'parse', '--catalog', catalog], { input, encoding: 'utf8', timeout: 30_000 });
    expect(res.status).toBe(0);
    const out = res.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(out).toHaveLength(5);
    expect(out[0]).toMatchObject({ id: '1', intent: 'order', items: [{ product: '苹果', qty: 2, unit: '斤' }] });
    expect(out[1]).toMatchObject({ id: '2', intent: 'order', items: [{ product: '牛奶', qty: 4, unit: '瓶' }] });
    expect(out[2]).toMatchObject({ id: '3', intent: 'order', items: [{ product: '牛奶', qty: 1, unit: '瓶' }] });
    expect(out[3]).toMatchObject({ id: '4', intent: 'inquiry', items: [] });
    expect(out[4].error).toBeTruthy();
  });

  it('prints the campaign calendar of a year', () => {
    const res = spawnSync(process.execPath, [BIN, 'calendar', '2027'], { encoding: 'utf8', timeout: 30_000 });
    expect(res.status).toBe(0);
    expect(res.stdout).toContain('2027-04-05 清明 青团节');
    expect(res.stdout).toContain('2027-12-22 冬至 饺子季');
    expect(spawnSync(process.execPath, [BIN, 'calendar', 'next'], { encoding: 'utf8' }).status).toBe(2);
  });

  it('after a kill with unsent rows, a restart sends each row exactly once', async () => {
    const db = tempDb();
    const script = ['张姐: 苹果1斤', '李叔: 牛奶2瓶', '王妈: 草莓1盒', '小赵: 鸡蛋1盒', '张姐: 香蕉1把'].join('\n') + '\n';
    // Slow outbox so the kill lands while rows are still queued.
    const slow = env(db, { OUTBOX_MIN_INTERVAL_MS: '400', OUTBOX_JITTER_MS: '0' });
    const first = spawn(process.execPath, [BIN, 'start'], { env: slow, stdio: ['pipe', 'pipe', 'pipe'] });
    let out1 = '';
    first.stdout.on('data', (d) => { out1 += d; });
    first.stdin.end(script);
    await new Promise<void>((resolve, reject) => {
      const t = setInterval(() => {
        // Kill once all five orders are stored and one confirmation is out, while the slow outbox still holds the rest
        // (output alone is no sign: at 08:00 the morning digest comes first).
        if (!out1.includes('下单成功')) return;
        const c = new Database(db, { readonly: true, fileMustExist: true });
        const placed = (c.prepare('SELECT count(*) AS n FROM orders').get() as { n: number }).n;
        c.close();
        if (placed === 5) { clearInterval(t); resolve(); }
      }, 10);
      first.on('exit', () => { clearInterval(t); reject(new Error('exited before the kill:\n' + out1)); });
    });
    first.kill('SIGKILL');
    await new Promise((r) => first.once('close', r));
    const conn = new Database(db, { readonly: true });
    const unsent = (conn.prepare(`SELECT count(*) AS n FROM outbox WHERE status = 'pending'`).get() as { n: number }).n;
    conn.close();
    expect(unsent).toBeGreaterThan(0);

    // The restart comes ten minutes later on the app clock (a clock that went back would make the queue look "later").
    const restartAt = new Date(Date.parse(TEST_CLOCK_ENV.LINTUAN_SIM_START) + 10 * 60_000).toISOString();
    const second = spawnSync(process.execPath, [BIN, 'start'], { env: env(db, { LINTUAN_SIM_START: restartAt }), input: '', encoding: 'utf8', timeout: 60_000 });
    expect(second.status).toBe(0);
    const all = (out1 + second.stdout).split('\n').filter((l) => l.includes('下单成功'));
    const names = all.map((l) => /邻团: ✅ (\S+ \S+) 下单成功/.exec(l)?.[1]);
    expect(names.sort()).toEqual(['2-203 小赵', '3-501 张姐', '3-501 张姐', '5栋302 李叔', '7-1102 王妈'].sort());
    expect(new Set(all).size).toBe(5);
  }, 60_000);
});
