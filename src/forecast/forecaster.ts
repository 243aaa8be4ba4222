// Forecasts one product's daily demand: a Poisson ridge regression on the shared features, fitted in two passes
// because stock-out days are censored (sales ≤ demand):
//   1. the base fit, without lags, on the uncensored days; demand on stock-out and missing days is imputed as
//      max(sales, base mean);
//   2. the full fit, again on uncensored days only (both fits weight recent days more: HALF_LIFE_DAYS), adds the recent level: lags 1/7/14/28 and the 7- and 28-day
//      levels of that imputed demand, each as its log ratio to the base fit's mean for the same days. Raw lags
//      would carry last week's promotion or holiday into this week; the ratio carries only how far demand has
//      run above or below what the calendar, weather, price and promotions explain (a drifting level).
// The horizon is forecast recursively: a future day's lags read the model's own expected demand for the days
// before it, so lag 1 stays usable at any horizon (a direct model would have to drop every lag under the horizon).

import { Matrix } from 'ml-matrix';
import { BASE_FEATURES, LAG_FEATURES, MAX_LAG, writeRow, type DayInputs, type ProductSeries } from './features.js';
import { fitPoisson, predictPoisson, type PoissonModel } from './poisson.js';

export interface HistoryDay extends DayInputs {
  day: number;
  units: number;
  stockout: boolean;
}

export interface PlannedDay extends DayInputs {
  day: number;
}

export interface ProductForecast {
  /** Expected units, one per planned day, same order. */
  units: number[];
  /** Fewer than MIN_HISTORY_DAYS uncensored days: the forecast is the recent daily mean, not the model. */
  fallback: boolean;
  /** Uncensored history days the forecast learned from. */
  observedDays: number;
}

/** Four weeks of uncensored history before the model is trusted. */
export const MIN_HISTORY_DAYS = 28;
/**
 * Ridge penalty on the unit-variance columns, per unit sold in the training rows: the Poisson likelihood grows
 * with volume, so a penalty in proportion shrinks a 2-a-day and an 80-a-day product alike (and does not depend
 * on the unit sales are counted in). 0.3 was chosen on generated series of two differently built generators
 * (0.3 and 1 per unit, and fixed penalties 2–10 000, tried): it was best or within 1 % WAPE of best on each.
 */
export const DEFAULT_PENALTY = 0.3;
/**
 * Days are weighted by recency, halving every HALF_LIFE_DAYS: a level that drifts (a product going in or out of
 * favour) is then read from recent months, while two years still hold enough of every season and holiday.
 * Chosen like the penalty: 90, 180 and 365 tried; 180 was as good as no weighting on a stable level and
 * 5–12 points of improvement better on a drifting one.
 */
export const HALF_LIFE_DAYS = 180;

/** `history` in any order (days may be missing); every planned day after the last history day. */
export function forecastProduct(history: HistoryDay[], planned: PlannedDay[], penalty = DEFAULT_PENALTY): ProductForecast {
  const hist = [...history].sort((a, b) => a.day - b.day);
  const start = hist[0]!.day;
  const histEnd = hist[hist.length - 1]!.day - start;
  const end = Math.max(histEnd, ...planned.map((p) => p.day - start));
  const known = new Map<number, DayInputs>();
  for (const h of hist) known.set(h.day - start, h);
  for (const p of planned) known.set(p.day - start, p);
  const series: ProductSeries = { start, inputs: fillInputs(known, end), refPriceFen: median(hist.map((h) => h.priceFen)) };
  const unfit = unidentified(histEnd + 1);

  const units = new Float64Array(histEnd + 1).fill(NaN);
  for (const h of hist) if (!h.stockout) units[h.day - start] = h.units;
  const observed: number[] = [];
  for (let t = 0; t <= histEnd; t++) if (!Number.isNaN(units[t]!)) observed.push(t);

  if (observed.length < MIN_HISTORY_DAYS) {
    const recent = observed.slice(-MIN_HISTORY_DAYS).map((t) => units[t]!);
    const mean = recent.length ? recent.reduce((a, b) => a + b, 0) / recent.length : 0;
    return { units: planned.map(() => mean), fallback: true, observedDays: observed.length };
  }
  if (observed.every((t) => units[t] === 0)) return { units: planned.map(() => 0), fallback: false, observedDays: observed.length };

  const base = new Float64Array(BASE_FEATURES.length);
  const pass1 = fit(series, observed, units, base, unfit, undefined, penalty);
  const logDemand = new Float64Array(end + 1);
  const logBase = new Float64Array(end + 1);
  const sales = new Map(hist.map((h) => [h.day - start, h.units]));
  for (let t = 0; t <= end; t++) {
    writeRow(base, series, t);
    const mu = predictPoisson(pass1, base);
    logBase[t] = Math.log1p(mu);
    if (t > histEnd) continue;
    logDemand[t] = Math.log1p(Number.isNaN(units[t]!) ? Math.max(sales.get(t) ?? 0, mu) : units[t]!);
  }

  const lagRows = observed.filter((t) => t >= MAX_LAG);
  const full = new Float64Array(BASE_FEATURES.length + LAG_FEATURES.length);
  const withLags = lagRows.length >= MIN_HISTORY_DAYS;
  const model = withLags ? fit(series, lagRows, units, full, unfit, logDemand, penalty, pass1, logBase) : pass1;
  const row = withLags ? full : base;
  // A guard, not a fit: if the recursion ever fed on itself (lag weights summing past 1), stop it at three times
  // the busiest day seen rather than let it grow without bound over the horizon.
  const ceiling = 3 * Math.max(...observed.map((t) => units[t]!));
  const expected = new Float64Array(end + 1);
  for (let t = histEnd + 1; t <= end; t++) {
    writeRow(row, series, t, withLags ? logDemand : undefined, logBase);
    expected[t] = Math.min(ceiling, predictPoisson(model, row));
    logDemand[t] = Math.log1p(expected[t]!);
  }
  return { units: planned.map((p) => expected[p.day - start]!), fallback: false, observedDays: observed.length };
}

/**
 * Columns a short history cannot tell apart from the level: the season terms before half a year (they would fit
 * a few months' wander and extrapolate it), the trend before 90 days. Left at zero they get no weight.
 */
function unidentified(historyDays: number): number[] {
  const cols: number[] = [];
  if (historyDays < 90) cols.push(BASE_FEATURES.indexOf('trend'));
  if (historyDays < 180) BASE_FEATURES.forEach((n, i) => { if (n.startsWith('season_')) cols.push(i); });
  return cols;
}

function fit(s: ProductSeries, rows: number[], units: Float64Array, buf: Float64Array, unfit: number[], logDemand: Float64Array | undefined, penalty: number, start?: PoissonModel, logBase?: Float64Array) {
  const X = new Matrix(rows.length, buf.length);
  const y = new Float64Array(rows.length);
  rows.forEach((t, r) => {
    writeRow(buf, s, t, logDemand, logBase);
    for (const c of unfit) buf[c] = 0;
    X.setRow(r, buf);
    y[r] = units[t]!;
  });
  const last = rows[rows.length - 1]!;
  const w = Float64Array.from(rows, (t) => Math.pow(0.5, (last - t) / HALF_LIFE_DAYS));
  return fitPoisson(X, y, penalty * y.reduce((a, b, r) => a + b * w[r]!, 0), start, w);
}

/**
 * Inputs for every index 0..end: a day with neither a history row nor a plan (a gap) keeps the last price,
 * has no promotion and no rain, and the temperature between its known neighbours.
 */
function fillInputs(known: Map<number, DayInputs>, end: number): DayInputs[] {
  const out: DayInputs[] = new Array(end + 1);
  let last: DayInputs | undefined;
  for (let t = 0; t <= end; t++) {
    const k = known.get(t);
    if (k) { out[t] = k; last = k; continue; }
    let next: DayInputs | undefined;
    for (let u = t + 1; u <= end && !next; u++) next = known.get(u);
    const temp = last && next ? (last.tempMaxC + next.tempMaxC) / 2 : (last ?? next)!.tempMaxC;
    out[t] = { priceFen: (last ?? next)!.priceFen, promo: false, tempMaxC: temp, rainMm: 0 };
  }
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
