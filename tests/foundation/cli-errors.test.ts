// The real CLI on a database it cannot use, and with flags it does not know: a Chinese line on stderr, a
// non-zero exit, never a stack trace.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin/lintuan.js');

// File permissions do not bind root: as root the CLI runs as `nobody`, like the unprivileged user who hit this.
const asRoot = process.getuid?.() === 0;
function lintuan(args: string[], db: string, input = '') {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'lintuan-home-'));
  fs.chmodSync(home, 0o777);
  const env = { ...process.env, DATABASE_PATH: db, LOG_LEVEL: 'warn', WECHATY_PUPPET: '', HOME: home };
  const [cmd, argv] = asRoot
    ? ['setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, BIN, ...args]]
    : [process.execPath, [BIN, ...args]];
  return spawnSync(cmd, argv, { cwd: home, env, input, encoding: 'utf8', timeout: 60_000 });
}

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lintuan-perm-'));
  fs.chmodSync(dir, 0o755);
  return dir;
}

/** A migrated database file, then made read-only (and its folder too when `lockDir`). */
function readOnlyDb(lockDir: boolean): string {
  const dir = tempDir();
  const db = path.join(dir, 'lintuan.db');
  const made = spawnSync(process.execPath, [BIN, 'migrate'], { env: { ...process.env, DATABASE_PATH: db, LOG_LEVEL: 'warn' }, encoding: 'utf8' });
  expect(made.status).toBe(0);
  for (const extra of ['-wal', '-shm']) fs.rmSync(db + extra, { force: true });
  fs.chmodSync(db, 0o444);
  if (lockDir) fs.chmodSync(dir, 0o555);
  return db;
}

const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at |Error:|"level"/);

describe('a database the CLI cannot use', () => {
  it('a read-only database file: start says so and exits 1, the script is not run', () => {
    const db = readOnlyDb(false);
    const res = lintuan(['start'], db, '张姐: 苹果2斤\n');
    expect(res.status).toBe(1);
    expect(res.stderr).toBe(`错误：数据库 ${db} 是只读的（或所在文件夹不可写），邻团需要写入它。请检查文件和文件夹的权限，或换一个 DATABASE_PATH。\n`);
    expect(res.stdout).toBe('');
  });

  it('a read-only database in a read-only folder: the same for start and migrate', () => {
    const db = readOnlyDb(true);
    for (const cmd of ['start', 'migrate']) {
      const res = lintuan([cmd], db, '张姐: 苹果2斤\n');
      expect(res.status).toBe(1);
      expect(res.stderr).toBe(`错误：数据库 ${db} 是只读的（或所在文件夹不可写），邻团需要写入它。请检查文件和文件夹的权限，或换一个 DATABASE_PATH。\n`);
    }
  });

  it('a folder it may not create', () => {
    const locked = tempDir();
    fs.chmodSync(locked, 0o555);
    const db = path.join(locked, 'data', 'lintuan.db');
    const res = lintuan(['start'], db, '张姐: 苹果2斤\n');
    expect(res.status).toBe(1);
    expect(res.stderr).toBe(`错误：无法创建数据库文件夹 ${path.dirname(db)}：没有写入权限。请检查 DATABASE_PATH 设置。\n`);
    noStack(res.stderr);
  });

  it('a folder it may not write the file into', () => {
    const locked = tempDir();
    fs.chmodSync(locked, 0o555);
    const res = lintuan(['seed-demo'], path.join(locked, 'lintuan.db'));
    expect(res.status).toBe(1);
    expect(res.stderr).toBe(`错误：无法在 ${locked} 创建数据库文件：文件夹不可写或不存在。请检查 DATABASE_PATH 设置。\n`);
  });

  it('a DATABASE_PATH through a file', () => {
    const dir = tempDir();
    const file = path.join(dir, 'notes.txt');
    fs.writeFileSync(file, 'x');
    const db = path.join(file, 'data', 'lintuan.db');
    for (const cmd of ['start', 'migrate']) {
      const res = lintuan([cmd], db, '张姐: 苹果2斤\n');
      expect(res.status).toBe(1);
      expect(res.stderr).toBe(`错误：无法使用数据库 ${db}：${file} 是一个文件，不是文件夹。请检查 DATABASE_PATH 设置。\n`);
    }
  });
});

describe('flags (node:util parseArgs)', () => {
  const db = () => path.join(tempDir(), 'lintuan.db');
  it('an unknown flag or a stray argument is a usage error (exit 2), said in Chinese', () => {
    const start = lintuan(['start', '--fast'], db());
    expect(start.status).toBe(2);
    expect(start.stderr.split('\n')[0]).toBe('lintuan start：不认识的参数 --fast');
    const migrate = lintuan(['migrate', 'now'], db());
    expect(migrate.status).toBe(2);
    expect(migrate.stderr.split('\n')[0]).toBe('lintuan migrate：多余的参数 now');
    const cal = lintuan(['calendar', '2027', '--json'], db());
    expect(cal.status).toBe(2);
    expect(cal.stderr.split('\n')[0]).toBe('不认识的参数 --json');
  });

  it('parse: --catalog=FILE works, --catalog without a value and unknown flags are answered as a JSON error line', () => {
    const dir = tempDir();
    const catalog = path.join(dir, 'catalog.json');
    fs.writeFileSync(catalog, JSON.stringify([{ name: '苹果', unit: '斤', price_fen: 600 }]));
    fs.chmodSync(catalog, 0o644);
    const ok = lintuan(['parse', `--catalog=${catalog}`], db(), '{"id":"1","text":"苹果2斤"}\n');
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ id: '1', intent: 'order', items: [{ product: '苹果', qty: 2, unit: '斤' }] });
    const usage = '用法: lintuan parse --catalog 商品目录.json < 消息.jsonl';
    const missing = lintuan(['parse', '--catalog'], db());
    expect(missing.status).toBe(2);
    expect(JSON.parse(missing.stdout)).toEqual({ error: `参数 --catalog 后面要写一个值。${usage}` });
    const unknown = lintuan(['parse', '--catalgo', catalog], db());
    expect(unknown.status).toBe(2);
    expect(JSON.parse(unknown.stdout)).toEqual({ error: `不认识的参数 --catalgo。${usage}` });
  });
});
