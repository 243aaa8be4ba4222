// `lintuan metrics --community NAME [--from YYYY-MM-DD --to YYYY-MM-DD] [--json]`: the dashboard's figures.
import { eq } from 'drizzle-orm';
import { parseFlags } from '../core/cli-args.js';
import { loadConfig } from '../config.js';
import { clockFromEnv } from '../clock.js';
import { openStore } from '../store/db.js';
import { communities } from '../store/schema.js';
import { computeMetrics } from './compute.js';
import { METRIC_DEFINITIONS, meetsTarget } from './definitions.js';
import { formatValue, targetText } from './format.js';
import { dayStart, defaultRange } from './period.js';

const USAGE = '用法：lintuan metrics --community 小区名 [--from YYYY-MM-DD --to YYYY-MM-DD] [--json]（默认最近 30 天）';

/** Terminal columns: CJK characters and full-width signs take two. */
const displayWidth = (text: string) => [...text].reduce((w, ch) => w + (ch.codePointAt(0)! >= 0x2e80 ? 2 : 1), 0);
const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - displayWidth(text)));

/** Exit codes: 0 printed, 1 could not run (configuration, database), 2 bad usage or input. */
export async function runMetricsCli(
  args: string[],
  stdout: NodeJS.WritableStream,
  stderr: NodeJS.WritableStream = process.stderr,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const parsed = parseFlags({
    args, allowPositionals: false,
    options: { community: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, json: { type: 'boolean' } },
  });
  const fail = (message: string) => { stderr.write(`lintuan metrics：${message}\n${USAGE}\n`); return 2; };
  if (!parsed.ok) return fail(parsed.error);
  const { community: name, from, to, json } = parsed.value.values;
  if (!name?.trim()) return fail('请用 --community 写小区名');
  if ((from === undefined) !== (to === undefined)) return fail('--from 和 --to 要一起写');
  for (const [flag, day] of [['--from', from], ['--to', to]] as const) {
    if (day !== undefined && dayStart(day) === null) return fail(`${flag} 的日期「${day}」不对，请写 YYYY-MM-DD，例如 2026-11-01`);
  }
  if (from !== undefined && to !== undefined && from > to) return fail(`开始日期 ${from} 晚于结束日期 ${to}`);

  const config = loadConfig(env, process.cwd());
  const store = openStore(config.databasePath);
  try {
    const community = store.db.select().from(communities).where(eq(communities.name, name.trim())).get();
    if (!community) {
      const known = store.db.select({ name: communities.name }).from(communities).all().map((c) => c.name);
      return fail(`没有叫「${name.trim()}」的小区${known.length ? `（现有：${known.join('、')}）` : '（数据库里还没有小区）'}`);
    }
    const now = clockFromEnv(env)();
    const range = from && to ? { from, to } : defaultRange(now);
    const m = computeMetrics(store, { communityId: community.id, ...range }, now);
    if (json) {
      stdout.write(`${JSON.stringify(m)}\n`);
      return 0;
    }
    const rows = METRIC_DEFINITIONS.map((def) => {
      const ok = meetsTarget(def, m[def.key]);
      return [def.label, formatValue(def, m[def.key]), targetText(def), ok === null ? '' : ok ? '✓' : '✗'];
    });
    const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => displayWidth(r[i]!))));
    const line = (r: string[]) => [pad(r[0]!, widths[0]!), pad(r[1]!, widths[1]!), pad(r[2] ? `目标 ${r[2]}` : '', widths[2]! + 5), r[3]].join('  ').trimEnd();
    stdout.write(`「${community.name}」${range.from} 至 ${range.to}\n${rows.map(line).join('\n')}\n`);
    return 0;
  } finally {
    store.close();
  }
}
