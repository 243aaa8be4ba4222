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

/** WAL, foreign keys, busy timeout: shared by the bot, the CLI and the benchmark floor. */
export function openSqlite(file: string): Database.Database {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // 64 MiB page cache: order, outbox and index pages stay in memory between commits.
  sqlite.pragma('cache_size = -65536');
  return sqlite;
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
