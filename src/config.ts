// Configuration from the environment (.env is loaded by the CLI before this is read).
import path from 'node:path';

export interface OutboxLimits {
  /** Global minimum gap between two sends, in ms. */
  minIntervalMs: number;
  /** Random extra delay added to each gap, in ms (0..jitterMs). */
  jitterMs: number;
  /** At most this many sends into one conversation per rolling minute. */
  perGroupPerMinute: number;
  /** At most this many sends per Shanghai calendar day. */
  dailyCap: number;
  /** Attempts before a row is given up as failed. */
  maxAttempts: number;
  /** First retry delay; doubles each attempt. */
  retryBaseMs: number;
}

export interface Config {
  puppet: string;
  sessionName: string;
  databasePath: string;
  /** Where photos and videos residents and leaders post are kept (next to the database by default). */
  mediaDir: string;
  adminContactIds: string[];
  logLevel: string;
  outbox: OutboxLimits;
  /** How often open sessions are checked for a passed cut-off. */
  sessionCheckMs: number;
  /** How often every product's inventory alert level is re-checked (besides after each order). */
  stockCheckMs: number;
  /** How often delivery slots are checked for orders still undelivered 30 minutes after the slot's end. */
  logisticsCheckMs: number;
}

export const MOCK_PUPPET = 'wechaty-puppet-mock';

/** Real-WeChat-safe defaults; the simulator overrides them with fast ones unless set explicitly. */
const SAFE_OUTBOX: OutboxLimits = {
  minIntervalMs: 1500,
  jitterMs: 1500,
  perGroupPerMinute: 12,
  dailyCap: 1500,
  maxAttempts: 5,
  retryBaseMs: 5000,
};

const FAST_OUTBOX: OutboxLimits = {
  minIntervalMs: 5,
  jitterMs: 5,
  perGroupPerMinute: 600,
  dailyCap: 100000,
  maxAttempts: 3,
  retryBaseMs: 50,
};

function int(env: NodeJS.ProcessEnv, key: string, fallback: number): number {
  const raw = env[key];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`配置 ${key} 必须是非负整数，当前为 "${raw}"`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, root = process.cwd()): Config {
  const puppet = env.WECHATY_PUPPET?.trim() || MOCK_PUPPET;
  const base = puppet === MOCK_PUPPET ? FAST_OUTBOX : SAFE_OUTBOX;
  const databasePath = path.resolve(root, env.DATABASE_PATH?.trim() || 'data/lintuan.db');
  return {
    puppet,
    sessionName: env.WECHATY_NAME?.trim() || 'lintuan',
    databasePath,
    mediaDir: path.resolve(root, env.MEDIA_DIR?.trim() || path.join(path.dirname(databasePath), 'media')),
    adminContactIds: (env.ADMIN_CONTACT_IDS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    // The simulator prints the chat on the terminal; only warnings should interleave with it.
    logLevel: env.LOG_LEVEL?.trim() || (puppet === MOCK_PUPPET ? 'warn' : 'info'),
    sessionCheckMs: Math.max(10, int(env, 'SESSION_CHECK_MS', 15_000)),
    stockCheckMs: Math.max(1000, int(env, 'STOCK_CHECK_MS', 3600_000)),
    logisticsCheckMs: Math.max(1000, int(env, 'LOGISTICS_CHECK_MS', 60_000)),
    outbox: {
      minIntervalMs: int(env, 'OUTBOX_MIN_INTERVAL_MS', base.minIntervalMs),
      jitterMs: int(env, 'OUTBOX_JITTER_MS', base.jitterMs),
      perGroupPerMinute: int(env, 'OUTBOX_PER_GROUP_PER_MINUTE', base.perGroupPerMinute),
      dailyCap: int(env, 'OUTBOX_DAILY_CAP', base.dailyCap),
      maxAttempts: Math.max(1, int(env, 'OUTBOX_MAX_ATTEMPTS', base.maxAttempts)),
      retryBaseMs: int(env, 'OUTBOX_RETRY_BASE_MS', base.retryBaseMs),
    },
  };
}
