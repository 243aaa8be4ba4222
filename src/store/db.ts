// Opens the SQLite store with the settings every process uses, and applies migrations.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema.js';
import { WriteBatch } from './write-batch.js';

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');

export type Db = BetterSQLite3Database<typeof schema>;

export interface Store {
  /** Raw connection, for prepared statements on hot paths. */
  sqlite: Database.Database;
  db: Db;
  /** Group commit for per-message writes (see write-batch.ts). */
  batch: WriteBatch;
  close(): void;
}

/** The database cannot be used where DATABASE_PATH points: `message` says why in Chinese, for stderr. */
export class StoreOpenError extends Error {
  override name = 'StoreOpenError';
}

/** The first ancestor of `file` that exists but is not a folder, if any (a DATABASE_PATH "through" a file). */
function fileInTheWay(file: string): string | null {
  for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    try {
      return fs.statSync(dir).isDirectory() ? null : dir;
    } catch { /* does not exist yet: look further up */ }
  }
  return null;
}

function openError(file: string, err: unknown): StoreOpenError {
  const code = (err as { code?: string }).code ?? '';
  const hint = '请检查 DATABASE_PATH 设置。';
  const blocker = fileInTheWay(file);
  if (blocker) return new StoreOpenError(`无法使用数据库 ${file}：${blocker} 是一个文件，不是文件夹。${hint}`);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new StoreOpenError(`无法创建数据库文件夹 ${path.dirname(file)}：没有写入权限。${hint}`);
  }
  if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN' && fs.existsSync(file)) {
    return new StoreOpenError(`数据库 ${file} 是只读的（或所在文件夹不可写），邻团需要写入它。请检查文件和文件夹的权限，或换一个 DATABASE_PATH。`);
  }
  if (code === 'SQLITE_CANTOPEN') return new StoreOpenError(`无法在 ${path.dirname(file)} 创建数据库文件：文件夹不可写或不存在。${hint}`);
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') return new StoreOpenError(`${file} 不是邻团的数据库文件（或已损坏）。${hint}`);
  return new StoreOpenError(`无法打开数据库 ${file}：${(err as Error).message}。${hint}`);
}

/** WAL, foreign keys, busy timeout: shared by the bot, the CLI and the benchmark floor. Throws StoreOpenError. */
export function openSqlite(file: string): Database.Database {
  try {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    const sqlite = new Database(file);
    try {
      configure(sqlite);
      // SQLite opens a file it may not write read-only without a word; the first write would fail much
      // later (mid-message). Rewriting the header's user_version (same value) makes it fail here.
      const version = sqlite.pragma('user_version', { simple: true }) as number;
      sqlite.pragma(`user_version = ${version}`);
    } catch (err) {
      sqlite.close();
      throw err;
    }
    return sqlite;
  } catch (err) {
    // Without an fs/SQLite code it is not about the path (e.g. the native module is missing): leave it as it is.
    if (err instanceof StoreOpenError || !(err as { code?: string }).code) throw err;
    throw openError(file, err);
  }
}

function configure(sqlite: Database.Database): void {
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // 64 MiB page cache: order, outbox and index pages stay in memory between commits.
  sqlite.pragma('cache_size = -65536');
}

export function openStore(file: string, opts: { migrate?: boolean } = {}): Store {
  const sqlite = openSqlite(file);
  const db = drizzle(sqlite, { schema });
  if (opts.migrate !== false) migrate(db, { migrationsFolder: MIGRATIONS_DIR });
  const batch = new WriteBatch(sqlite);
  return {
    sqlite, db, batch,
    close: () => {
      batch.flush();
      sqlite.close();
    },
  };
}
