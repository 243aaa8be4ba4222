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

export function backtest(history: HistoryRow[], cutoffs: number, horizon: number): BacktestResult {
  const byProduct = new Map<string, Map<number, HistoryRow>>();
  for (const h of history) {
    let m = byProduct.get(h.product);
    if (!m) byProduct.set(h.product, (m = new Map()));
    m.set(h.day, h);
  }
  const first = Math.min(...history.map((h) => h.day));
  const last = Math.max(...history.map((h) => h.day));
  const need = cutoffs * horizon + 364 + 28;
  if (last - first + 1 < need) {
    throw new InputError(`历史只有 ${last - first + 1} 天：回测 ${cutoffs}×${horizon} 天，还要往前一年做去年同期基线、4 周起步，至少 ${need} 天`);
  }
  const fallback = new Set<string>();
  const windows: WindowScore[] = [];
  const total = { abs: { model: 0, last_week: 0, last_year: 0 }, actual: 0, days: 0 };
  for (let k = cutoffs; k >= 1; k--) {
    const cutoff = last - k * horizon;
    const w = { abs: { model: 0, last_week: 0, last_year: 0 }, actual: 0, days: 0 };
    for (const [product, rows] of byProduct) {
      const past = [...rows.values()].filter((r) => r.day <= cutoff);
      const test = [...rows.values()].filter((r) => r.day > cutoff && r.day <= cutoff + horizon).sort((a, b) => a.day - b.day);
      if (past.length === 0 || test.length === 0) continue;
      const f = forecastProduct(past, test);
      if (f.fallback) fallback.add(product);
      test.forEach((r, i) => {
        const lw = rows.get(lastWeekDay(r.day, cutoff)), ly = rows.get(lastYearDay(r.day));
        if (r.stockout || !lw || !ly) return;
        const add = (acc: typeof w) => {
          acc.abs.model += Math.abs(r.units - f.units[i]!);
          acc.abs.last_week += Math.abs(r.units - lw.units);
          acc.abs.last_year += Math.abs(r.units - ly.units);
          acc.actual += r.units;
          acc.days++;
        };
        add(w);
        add(total);
      });
    }
    windows.push(score(w, cutoff, cutoff + 1, cutoff + horizon));
  }
  const overall = score(total, NaN, last - cutoffs * horizon + 1, last);
  const best = overall.wape.last_week <= overall.wape.last_year ? 'last_week' : 'last_year';
  return { windows, overall, best, improvement: 1 - overall.wape.model / overall.wape[best], fallbackProducts: [...fallback] };
}

function score(acc: { abs: Record<Method, number>; actual: number; days: number }, cutoff: number, from: number, to: number): WindowScore {
  const wape = Object.fromEntries(METHODS.map((m) => [m, acc.actual > 0 ? acc.abs[m] / acc.actual : NaN])) as Record<Method, number>;
  return { cutoff: Number.isNaN(cutoff) ? 'overall' : ymdOf(cutoff), from: ymdOf(from), to: ymdOf(to), days: acc.days, wape };
}
