// `lintuan forecast --history H.csv --future F.csv` prints `date,product,units` for every row of F (same order);
// `lintuan forecast --backtest H.csv [--cutoffs 5] [--horizon 28]` prints the rolling backtest's WAPE table.
// Bad input: a Chinese message naming the file and line on stderr, exit 2, nothing on stdout.

import { parseFlags } from '../core/cli-args.js';
import { backtest, METHODS, type WindowScore } from './backtest.js';
import { holidaysCovered } from './calendar.js';
import { InputError, readFuture, readHistory, type FutureRow, type HistoryRow } from './csv.js';
import { yearOf } from './days.js';
import { forecastProduct } from './forecaster.js';

const USAGE = `用法：lintuan forecast --history 历史.csv --future 计划.csv
      lintuan forecast --backtest 历史.csv [--cutoffs 5] [--horizon 28]`;

const BASELINE_NAMES = { last_week: '上周同日', last_year: '去年同期（按星期对齐，364 天前）' } as const;

export async function runForecastCli(args: string[], stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream = process.stderr): Promise<number> {
  const parsed = parseFlags({
    args, allowPositionals: false,
    options: {
      history: { type: 'string' }, future: { type: 'string' }, backtest: { type: 'string' },
      cutoffs: { type: 'string' }, horizon: { type: 'string' }, help: { type: 'boolean', short: 'h' },
    },
  });
  const usage = (msg: string) => { stderr.write(`${msg}\n${USAGE}\n`); return 2; };
  if (!parsed.ok) return usage(parsed.error);
  const v = parsed.value.values;
  if (v.help) { stdout.write(`${USAGE}\n`); return 0; }
  try {
    if (v.backtest !== undefined) {
      if (v.history !== undefined || v.future !== undefined) return usage('--backtest 不和 --history/--future 一起用');
      const cutoffs = count(v.cutoffs, '--cutoffs', 5, 52);
      const horizon = count(v.horizon, '--horizon', 28, 366);
      if (typeof cutoffs === 'string') return usage(cutoffs);
      if (typeof horizon === 'string') return usage(horizon);
      const history = readHistory(v.backtest);
      const result = backtest(history, cutoffs, horizon);
      noteCalendar(history.map((h) => h.day), stderr);
      for (const p of result.fallbackProducts) stderr.write(`注意：「${p}」在某些截止日前不足 4 周有效历史，那几次用近 4 周日均代替模型\n`);
      stdout.write(formatBacktest(result.windows, result.overall, result.best, result.improvement));
      return 0;
    }
    if (v.cutoffs !== undefined || v.horizon !== undefined) return usage('--cutoffs/--horizon 只用于 --backtest');
    if (v.history === undefined || v.future === undefined) return usage('需要 --history 和 --future（或 --backtest）');
    const history = readHistory(v.history);
    const future = readFuture(v.future, history);
    const units = forecastAll(history, future, stderr);
    noteCalendar(future.map((f) => f.day), stderr);
    const lines = future.map((f, i) => `${f.date},${csvField(f.product)},${units[i]!.toFixed(2)}`);
    stdout.write(`date,product,units\n${lines.join('\n')}\n`);
    return 0;
  } catch (e) {
    if (e instanceof InputError) { stderr.write(`错误：${e.message}\n`); return 2; }
    throw e;
  }
}

/** Forecasts every row of `future`, grouped by product; returns units in the rows' order. */
export function forecastAll(history: HistoryRow[], future: FutureRow[], stderr: NodeJS.WritableStream): number[] {
  const out = new Array<number>(future.length);
  const plans = new Map<string, Array<{ row: FutureRow; i: number }>>();
  future.forEach((row, i) => { const l = plans.get(row.product) ?? []; l.push({ row, i }); plans.set(row.product, l); });
  for (const [product, plan] of plans) {
    const f = forecastProduct(history.filter((h) => h.product === product), plan.map((p) => p.row));
    if (f.fallback) stderr.write(`注意：「${product}」只有 ${f.observedDays} 天有效历史（不足 4 周），按近 4 周日均预测\n`);
    plan.forEach((p, k) => { out[p.i] = Math.max(0, f.units[k]!); });
  }
  return out;
}

function count(raw: string | undefined, flag: string, dflt: number, max: number): number | string {
  if (raw === undefined) return dflt;
  return /^\d+$/.test(raw) && Number(raw) >= 1 && Number(raw) <= max ? Number(raw) : `${flag} 应为 1–${max} 的整数，而不是“${raw}”`;
}

function csvField(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function noteCalendar(days: number[], stderr: NodeJS.WritableStream): void {
  const beyond = [...new Set(days.map(yearOf))].filter((y) => !holidaysCovered(y)).sort();
  if (beyond.length) {
    stderr.write(`注意：chinese-days 没有 ${beyond.join('、')} 年的放假安排，这些年的法定假日按《全国年节及纪念日放假办法》推算，调休上班日未知\n`);
  }
}

export function formatBacktest(windows: WindowScore[], overall: WindowScore, best: 'last_week' | 'last_year', improvement: number): string {
  const fmt = (x: number) => (Number.isNaN(x) ? 'NA' : x.toFixed(4));
  const line = (w: WindowScore) => [w.cutoff, w.from, w.to, w.days, ...METHODS.map((m) => fmt(w.wape[m]))].join(',');
  return [
    'cutoff,from,to,days,model_wape,last_week_wape,last_year_wape',
    ...windows.map(line),
    line(overall),
    '',
    `更好的基线：${BASELINE_NAMES[best]}；模型 WAPE ${fmt(overall.wape.model)}，比它低 ${(improvement * 100).toFixed(1)}%（缺货日不计分）`,
    '',
  ].join('\n');
}
