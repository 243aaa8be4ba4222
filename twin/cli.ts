// `lintuan simulate`: strategies through the twin over several seeds, figures as mean ± 95 % interval, the paired
// difference between strategies, and the bot's health. `lintuan seed-demo --history N`: N days of twin life for the
// demo community in the configured database, ending today.
import fs from 'node:fs';
import path from 'node:path';
import { parseFlags } from '../src/core/cli-args.js';
import { loadConfig } from '../src/config.js';
import { clockFromEnv } from '../src/clock.js';
import { shanghaiDay } from '../src/time.js';
import { addDays } from '../src/metrics/period.js';
import { METRIC_DEFINITIONS, type MetricKey } from '../src/metrics/definitions.js';
import { formatValue } from '../src/metrics/format.js';
import { listProducts, readCatalogFile } from '../src/catalog/catalog.js';
import { openStore } from '../src/store/db.js';
import { listCommunities, groupByRoomId } from '../src/community/communities.js';
import { loadDemo } from '../src/community/demo.js';
import { openSession } from '../src/ordering/sessions.js';
import { DATA_DIR } from '../src/config.js';
import { loadTwinDefaults } from './params.js';
import { loadStrategy, StrategyError, type Strategy } from './strategy.js';
import type { RunResult } from './run.js';
import { meanInterval, pairedDifference, type Interval } from './stats.js';

const USAGE = '用法：lintuan simulate --strategy 策略.json [--strategy 另一个.json] [--days 30] [--residents 300] [--seeds 3] [--json]';

/** The dashboard keys the report shows, in this order; complaints and sessions come from the run itself. */
const SHOWN: MetricKey[] = ['gmv_fen', 'orders', 'orders_per_group_day', 'first_order_conversion', 'repurchase_30d', 'silent_share', 'nps', 'stockout_rate', 'loss_rate', 'new_members'];
const EXTRA = {
  complaints: { label: '投诉工单', get: (r: RunResult) => r.complaints },
  sessions_formed: { label: '成团期数', get: (r: RunResult) => r.sessionsFormed },
  sessions_failed: { label: '未成团期数', get: (r: RunResult) => r.sessionsFailed },
} as const;
const HEALTH = {
  messages: { label: '居民消息', get: (r: RunResult) => r.health.messages },
  misread: { label: '读错的消息', get: (r: RunResult) => r.health.misread },
  crashes: { label: '处理出错（日志 error）', get: (r: RunResult) => r.health.crashes },
  outbox_lag_max_s: { label: '发件箱最大延迟（秒，模拟时间）', get: (r: RunResult) => r.health.outboxLagMaxMs / 1000 },
  outbox_lag_avg_s: { label: '发件箱平均延迟（秒，模拟时间）', get: (r: RunResult) => r.health.outboxLagAvgMs / 1000 },
  peak_rss_mb: { label: '内存峰值 RSS（MB）', get: (r: RunResult) => r.health.peakRssMb },
  wall_s: { label: '每个种子的耗时（秒）', get: (r: RunResult) => r.wallMs / 1000 },
} as const;

const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;
const intervalJson = (iv: Interval | null) => iv && { mean: round(iv.mean), low: round(iv.low), high: round(iv.high), n: iv.n };

/** A ratio stays in 0…1, NPS in −100…100, the rest (money, counts) at 0 or above. */
function boundsOf(key: string): [number, number] {
  const unit = METRIC_DEFINITIONS.find((d) => d.key === key)?.unit;
  return unit === 'ratio' ? [0, 1] : unit === 'score' ? [-100, 100] : [0, Infinity];
}

function productNames(): string[] {
  return readCatalogFile(path.join(DATA_DIR, 'demo-catalog.json')).map((e) => e.name);
}

function positiveInt(v: string | undefined, flag: string, dflt: number, max: number): number | string {
  if (v === undefined) return dflt;
  const n = Number(v);
  return Number.isInteger(n) && n >= 1 && n <= max ? n : `${flag} 应是 1 到 ${max} 的整数，现在是「${v}」`;
}

/** Exit codes: 0 done, 1 could not run, 2 bad usage or a bad strategy file. */
export async function runSimulateCli(args: string[], stdout: NodeJS.WritableStream, stderr: NodeJS.WriteStream | NodeJS.WritableStream = process.stderr, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const parsed = parseFlags({
    args, allowPositionals: false,
    options: { strategy: { type: 'string', multiple: true }, days: { type: 'string' }, residents: { type: 'string' }, seeds: { type: 'string' }, json: { type: 'boolean' } },
  });
  const fail = (message: string) => { stderr.write(`lintuan simulate：${message}\n${USAGE}\n`); return 2; };
  if (!parsed.ok) return fail(parsed.error);
  const v = parsed.value.values;
  const days = positiveInt(v.days, '--days', 30, 365);
  const residents = positiveInt(v.residents, '--residents', 300, 5000);
  const seeds = positiveInt(v.seeds, '--seeds', 3, 50);
  for (const x of [days, residents, seeds]) if (typeof x === 'string') return fail(x);
  if (!v.strategy?.length) return fail('请用 --strategy 写至少一个策略文件（例如 data/twin/baseline.json）');
  let strategies: Strategy[];
  try {
    strategies = v.strategy.map((f) => loadStrategy(path.resolve(f), productNames()));
  } catch (err) {
    if (err instanceof StrategyError) return fail(err.message);
    throw err;
  }
  // The bot and everything it loads come in only once the flags and files are good (a refusal is quick).
  const { runTwin } = await import('./run.js');
  const { params } = loadTwinDefaults();
  const today = shanghaiDay(clockFromEnv(env)());
  const startDay = addDays(today, -(days as number));
  const tty = (stderr as NodeJS.WriteStream).isTTY === true;
  const total = strategies.length * (seeds as number) * (days as number);
  let done = 0;
  const progress = () => {
    if (!tty) return;
    const w = 30;
    const k = Math.round(w * done / total);
    stderr.write(`\r模拟中 [${'#'.repeat(k)}${'.'.repeat(w - k)}] ${Math.round(100 * done / total)}%`);
  };
  const results: RunResult[][] = [];
  for (const strategy of strategies) {
    const runs: RunResult[] = [];
    for (let s = 1; s <= (seeds as number); s++) {
      runs.push(await runTwin({ days: days as number, residents: residents as number, strategy, params, seed: s, startDay, onDay: () => { done++; progress(); } }));
    }
    results.push(runs);
  }
  if (tty) stderr.write('\n');

  const figure = (runs: RunResult[], key: string): (number | null)[] => runs.map((r) =>
    key in EXTRA ? EXTRA[key as keyof typeof EXTRA].get(r) : key in HEALTH ? HEALTH[key as keyof typeof HEALTH].get(r) : r.metrics[key as MetricKey]);
  const keys = [...SHOWN, ...Object.keys(EXTRA)];
  const report = {
    days, residents, seeds, startDay,
    strategies: strategies.map((st, i) => ({
      name: st.name, file: v.strategy![i], experiment: st.experiment,
      figures: Object.fromEntries(keys.map((k) => [k, intervalJson(meanInterval(figure(results[i]!, k).filter((x): x is number => x !== null), boundsOf(k)))])),
      health: Object.fromEntries(Object.keys(HEALTH).map((k) => [k, intervalJson(meanInterval(figure(results[i]!, k) as number[], [0, Infinity]))])),
      misreadSamples: results[i]![0]!.health.misreadSamples,
      misreadByKind: results[i]!.reduce<Record<string, number>>((acc, r) => { for (const [k, n] of Object.entries(r.health.misreadByKind)) acc[k] = (acc[k] ?? 0) + n; return acc; }, {}),
    })),
    differences: strategies.slice(1).map((st, j) => ({
      of: st.name, against: strategies[0]!.name,
      figures: Object.fromEntries(keys.map((k) => [k, intervalJson(pairedDifference(figure(results[0]!, k), figure(results[j + 1]!, k)))])),
    })),
  };
  if (v.json) { stdout.write(JSON.stringify(report, null, 2) + '\n'); return 0; }

  const label = (k: string) => METRIC_DEFINITIONS.find((d) => d.key === k)?.label ?? (EXTRA as Record<string, { label: string }>)[k]?.label ?? (HEALTH as Record<string, { label: string }>)[k]?.label ?? k;
  const show = (k: string, x: number) => {
    const def = METRIC_DEFINITIONS.find((d) => d.key === k);
    return def ? formatValue(def, def.unit === 'fen' ? Math.round(x) : round(x, def.unit === 'ratio' ? 4 : 1)) : String(round(x, 1));
  };
  const ivText = (k: string, iv: ReturnType<typeof intervalJson>) => !iv ? '—' : iv.n === 1 ? show(k, iv.mean) : `${show(k, iv.mean)}（95% 区间 ${show(k, iv.low)} ~ ${show(k, iv.high)}）`;
  const lines: string[] = [`数字孪生：${residents} 户 × ${days} 天（${startDay} 起），每个策略 ${seeds} 个种子`];
  for (const st of report.strategies) {
    lines.push('', `【${st.name}】${st.experiment ? `（实验 ${st.experiment.name} · ${st.experiment.arm} 组）` : ''}`);
    for (const k of keys) lines.push(`  ${label(k)}：${ivText(k, st.figures[k]!)}`);
    lines.push('  机器人健康：');
    for (const k of Object.keys(HEALTH)) lines.push(`    ${label(k)}：${ivText('', st.health[k]!)}`);
    const kinds = Object.entries(st.misreadByKind);
    if (kinds.length) lines.push(`    读错的种类：${kinds.map(([k, n]) => `${k} ${n}`).join('，')}`);
  }
  for (const d of report.differences) {
    lines.push('', `【差异】${d.of} − ${d.against}（同一种子配对）`);
    for (const k of keys) {
      const iv = d.figures[k];
      if (!iv) { lines.push(`  ${label(k)}：—`); continue; }
      const sign = (x: number) => (x > 0 ? '+' : '') + show(k, x);
      lines.push(`  ${label(k)}：${sign(iv.mean)}${iv.n > 1 ? `（95% 区间 ${sign(iv.low)} ~ ${sign(iv.high)}）` : ''}`);
    }
  }
  stdout.write(lines.join('\n') + '\n');
  return 0;
}

/**
 * `seed-demo --history N`: the twin lives N days in the demo community of DATABASE_PATH, ending today; then the
 * demo session is opened again (as a first seed-demo does) so residents can order on the first `npm start`.
 * Only for a database whose demo community has no orders yet: history is written in the past.
 */
export async function seedDemoHistory(days: number, env: NodeJS.ProcessEnv, stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream = process.stderr): Promise<number> {
  const config = loadConfig(env, process.cwd());
  const now = clockFromEnv(env)();
  if (fs.existsSync(config.databasePath)) {
    const store = openStore(config.databasePath);
    const community = listCommunities(store).find((c) => c.name === loadDemo().community);
    const has = community && store.sqlite.prepare('SELECT 1 FROM orders WHERE community_id = ? LIMIT 1').get(community.id);
    store.close();
    if (has) {
      stderr.write(`lintuan seed-demo：${config.databasePath} 里的演示小区已经有订单了；--history 写的是过去的日子，请换一个新的 DATABASE_PATH\n`);
      return 2;
    }
  }
  const strategy = loadStrategy(path.join(DATA_DIR, 'twin', 'baseline.json'), productNames());
  const { params } = loadTwinDefaults();
  const today = shanghaiDay(now);
  const startDay = addDays(today, -days);
  fs.mkdirSync(path.dirname(config.databasePath), { recursive: true });
  const { runTwin } = await import('./run.js');
  const r = await runTwin({ days, residents: 300, strategy, params, seed: 1, startDay, dbPath: config.databasePath });
  const store = openStore(config.databasePath);
  const demo = loadDemo();
  const main = demo.groups.find((g) => g.kind === 'main')!;
  const group = groupByRoomId(store, main.roomId)!;
  openSession(store, {
    communityId: group.communityId, groupId: group.id, title: demo.session.title, cutoffAt: now + demo.session.days * 86_400_000,
    productNames: listProducts(store, group.communityId).map((p) => p.name), createdBy: demo.leader.id,
  }, now);
  store.close();
  stdout.write(`演示小区已有 ${days} 天的历史（${startDay} 到 ${addDays(today, -1)}）：${r.metrics.orders} 单，${r.metrics.new_members} 位新成员；已重新开团「${demo.session.title}」：${config.databasePath}\n`);
  return 0;
}
