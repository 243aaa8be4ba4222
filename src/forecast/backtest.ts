// Rolling-origin backtest: for each cut-off the model learns from the history up to it and forecasts the next
// `horizon` days (with the file's own prices, promotions and weather as the plan), beside two naive baselines.
// WAPE = Σ|actual − forecast| / Σ actual over every product and day of the window. Stock-out days are left out
// of the score for all three (their sales are censored demand), as are days a baseline has no value for.

import { forecastProduct } from './forecaster.js';
import { InputError, type HistoryRow } from './csv.js';
import { ymdOf } from './days.js';

export type Method = 'model' | 'last_week' | 'last_year';
export const METHODS: readonly Method[] = ['model', 'last_week', 'last_year'];

export interface WindowScore {
  cutoff: string;
  from: string;
  to: string;
  /** Scored product-days. */
  days: number;
  wape: Record<Method, number>;
}

export interface BacktestResult {
  windows: WindowScore[];
  overall: WindowScore;
  best: Exclude<Method, 'model'>;
  /** 1 − model WAPE / best baseline WAPE. */
  improvement: number;
  fallbackProducts: string[];
}

/** Same weekday in the last week before the cut-off (for a 28-day horizon: the last observed week repeated). */
export function lastWeekDay(day: number, cutoff: number): number {
  return day - 7 * Math.ceil((day - cutoff) / 7);
}

/** Same day last year, weekday-aligned. */
export function lastYearDay(day: number): number {
  return day - 364;
}

export type Acc = { abs: Record<Method, number>; actual: number; days: number };
export const emptyAcc = (): Acc => ({ abs: { model: 0, last_week: 0, last_year: 0 }, actual: 0, days: 0 });

/** History by product, then by day. */
export function byProductDay(history: HistoryRow[]): Map<string, Map<number, HistoryRow>> {
  const out = new Map<string, Map<number, HistoryRow>>();
  for (const h of history) {
    let m = out.get(h.product);
    if (!m) out.set(h.product, (m = new Map()));
    m.set(h.day, h);
  }
  return out;
}

/** The days of one cut-off to score: every product's history up to it and its rows in the window. */
function windowOf(rows: Map<number, HistoryRow>, cutoff: number, horizon: number) {
  const past: HistoryRow[] = [], test: HistoryRow[] = [];
  for (const r of rows.values()) {
    if (r.day <= cutoff) past.push(r);
    else if (r.day <= cutoff + horizon) test.push(r);
  }
  return { past, test: test.sort((a, b) => a.day - b.day) };
}

/**
 * One cut-off: forecasts every product (or, with `model` false, only the baselines: the bench's floor) and adds
 * the absolute errors into `accs`. Returns the products that fell back to the recent mean.
 */
export function scoreWindow(byProduct: Map<string, Map<number, HistoryRow>>, cutoff: number, horizon: number, accs: Acc[], model = true): string[] {
  const fallback: string[] = [];
  for (const [product, rows] of byProduct) {
    const { past, test } = windowOf(rows, cutoff, horizon);
    if (past.length === 0 || test.length === 0) continue;
    const f = model ? forecastProduct(past, test) : { units: test.map(() => 0), fallback: false };
    if (f.fallback) fallback.push(product);
    test.forEach((r, i) => {
      const lw = rows.get(lastWeekDay(r.day, cutoff)), ly = rows.get(lastYearDay(r.day));
      if (r.stockout || !lw || !ly) return;
      for (const acc of accs) {
        acc.abs.model += Math.abs(r.units - f.units[i]!);
        acc.abs.last_week += Math.abs(r.units - lw.units);
        acc.abs.last_year += Math.abs(r.units - ly.units);
        acc.actual += r.units;
        acc.days++;
      }
    });
  }
  return fallback;
}

/** Cut-offs every `horizon` days back from the last history day, oldest first; checks the history is long enough. */
export function cutoffDays(history: HistoryRow[], cutoffs: number, horizon: number): number[] {
  let first = Infinity, last = -Infinity;
  for (const h of history) { first = Math.min(first, h.day); last = Math.max(last, h.day); }
  const need = cutoffs * horizon + 364 + 28;
  if (last - first + 1 < need) {
    throw new InputError(`历史只有 ${last - first + 1} 天：回测 ${cutoffs}×${horizon} 天，还要往前一年做去年同期基线、4 周起步，至少 ${need} 天`);
  }
  return Array.from({ length: cutoffs }, (_, k) => last - (cutoffs - k) * horizon);
}

export function backtest(history: HistoryRow[], cutoffs: number, horizon: number): BacktestResult {
  const byProduct = byProductDay(history);
  const days = cutoffDays(history, cutoffs, horizon);
  const fallback = new Set<string>();
  const total = emptyAcc();
  const windows = days.map((cutoff) => {
    const w = emptyAcc();
    for (const p of scoreWindow(byProduct, cutoff, horizon, [w, total])) fallback.add(p);
    return score(w, ymdOf(cutoff), cutoff + 1, cutoff + horizon);
  });
  const overall = score(total, 'overall', days[0]! + 1, days.at(-1)! + horizon);
  const best = overall.wape.last_week <= overall.wape.last_year ? 'last_week' : 'last_year';
  return { windows, overall, best, improvement: 1 - overall.wape.model / overall.wape[best], fallbackProducts: [...fallback] };
}

function score(acc: Acc, cutoff: string, from: number, to: number): WindowScore {
  const wape = Object.fromEntries(METHODS.map((m) => [m, acc.actual > 0 ? acc.abs[m] / acc.actual : NaN])) as Record<Method, number>;
  return { cutoff, from: ymdOf(from), to: ymdOf(to), days: acc.days, wape };
}
