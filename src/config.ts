// Configuration from the environment (.env is loaded by the CLI before this is read).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The shipped data folder (catalog, replies, rules, campaigns): `data/` at the repository root. */
export const DATA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../data');
import { isValidSchedule } from './campaigns/scheduler/cron-time.js';

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
  /** Rows given up within this long after the first one are told to the leaders in one message. */
  failureReportDelayMs: number;
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
  /** How often complaint-ticket SLA deadlines and crisis reminders are checked. */
  serviceCheckMs: number;
  /** 危机公关: this many complaints of one type or about one product within `crisisWindowMinutes` start a crisis. */
  crisisThreshold: number;
  crisisWindowMinutes: number;
  /** Cron patterns (cron-parser, Asia/Shanghai) of the configurable scheduled campaigns (scenarios/). */
  campaigns: CampaignSchedules;
  /** Port of the local web console on 127.0.0.1 (0: any free port); null: no console. */
  consolePort: number | null;
}

export interface CampaignSchedules {
  /** Whether the scheduler runs at all (CAMPAIGNS=1/0; default on; the test harness turns it off unless a test asks). */
  enabled: boolean;
  /** 时令营销: checks each morning whether a seasonal campaign is due (default 09:00). */
  seasonal: string;
  /** 团长直播日 (default Wednesday 20:00). */
  liveDay: string;
  /** 爆款测试 starts (default Monday 10:00). */
  flashTest: string;
  /** Leaders' morning digest (default 08:00). */
  morningDigest: string;
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
  failureReportDelayMs: 60_000,
};

const FAST_OUTBOX: OutboxLimits = {
  minIntervalMs: 5,
  jitterMs: 5,
  perGroupPerMinute: 600,
  dailyCap: 100000,
  maxAttempts: 3,
  retryBaseMs: 50,
  failureReportDelayMs: 200,
};

function cronPattern(env: NodeJS.ProcessEnv, key: string, fallback: string): string {
  const raw = env[key]?.trim();
  if (!raw) return fallback;
  if (!isValidSchedule(raw)) throw new Error(`配置 ${key} 必须是 cron 表达式（分 时 日 月 周，北京时间），当前为 "${raw}"`);
  return raw;
}

function flag(env: NodeJS.ProcessEnv, key: string, fallback: boolean): boolean {
  const raw = env[key]?.trim().toLowerCase();
  if (!raw) return fallback;
  if (['1', 'true', 'on', 'yes'].includes(raw)) return true;
  if (['0', 'false', 'off', 'no'].includes(raw)) return false;
  throw new Error(`配置 ${key} 只能是 1 或 0，当前为 "${env[key]}"`);
}

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
    serviceCheckMs: Math.max(10, int(env, 'SERVICE_CHECK_MS', 60_000)),
    crisisThreshold: Math.max(2, int(env, 'CRISIS_THRESHOLD', 3)),
    crisisWindowMinutes: Math.max(1, int(env, 'CRISIS_WINDOW_MINUTES', 60)),
    consolePort: env.CONSOLE_PORT?.trim() === 'off' ? null : int(env, 'CONSOLE_PORT', 8787),
    campaigns: {
      enabled: flag(env, 'CAMPAIGNS', true),
      seasonal: cronPattern(env, 'CAMPAIGN_SEASONAL_CRON', '0 9 * * *'),
      liveDay: cronPattern(env, 'CAMPAIGN_LIVE_DAY_CRON', '0 20 * * 3'),
      flashTest: cronPattern(env, 'CAMPAIGN_FLASH_TEST_CRON', '0 10 * * 1'),
      morningDigest: cronPattern(env, 'CAMPAIGN_MORNING_DIGEST_CRON', '0 8 * * *'),
    },
    outbox: {
      minIntervalMs: int(env, 'OUTBOX_MIN_INTERVAL_MS', base.minIntervalMs),
      jitterMs: int(env, 'OUTBOX_JITTER_MS', base.jitterMs),
      perGroupPerMinute: int(env, 'OUTBOX_PER_GROUP_PER_MINUTE', base.perGroupPerMinute),
      dailyCap: int(env, 'OUTBOX_DAILY_CAP', base.dailyCap),
      maxAttempts: Math.max(1, int(env, 'OUTBOX_MAX_ATTEMPTS', base.maxAttempts)),
      retryBaseMs: int(env, 'OUTBOX_RETRY_BASE_MS', base.retryBaseMs),
      failureReportDelayMs: int(env, 'OUTBOX_FAILURE_REPORT_MS', base.failureReportDelayMs),
    },
  };
}
