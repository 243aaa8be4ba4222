// One product's design row for a day: the shared calendar features, trend, weather, promotion, price and the
// recent level (lags of the demand series, in which stock-out days hold imputed demand, not censored sales,
// taken as log ratios to the base model's mean: see forecaster.ts).

import { CALENDAR_FEATURES, calendarFeatures } from './calendar.js';

/** What is known or planned for a day besides its sales. */
export interface DayInputs {
  priceFen: number;
  promo: boolean;
  tempMaxC: number;
  rainMm: number;
}

/** A product's days on one contiguous day axis: index 0 is day number `start`. */
export interface ProductSeries {
  start: number;
  inputs: DayInputs[];
  /** Reference price (the history's median), so log price is a relative price. */
  refPriceFen: number;
}

export const LAGS = [1, 7, 14, 28] as const;
/** Rows need this many earlier days for their lags. */
export const MAX_LAG = 28;

export const BASE_FEATURES: readonly string[] = [
  'intercept', 'trend', ...CALENDAR_FEATURES,
  'temp', 'hot', 'cold', 'rain', 'heavy_rain', 'promo', 'post_promo', 'log_price',
];
export const LAG_FEATURES: readonly string[] = [...LAGS.map((l) => `lag${l}`), 'level7', 'level28'];

const HOT_C = 28;
const COLD_C = 8;
const HEAVY_RAIN_MM = 25;

/**
 * Writes the row of day index `t` into `out` (length BASE_FEATURES, plus LAG_FEATURES when `logDemand` is given:
 * log1p of the demand series, and `logBase`, log1p of the base model's mean; both read only at indices < t).
 */
export function writeRow(out: Float64Array, s: ProductSeries, t: number, logDemand?: Float64Array, logBase?: Float64Array): void {
  const day = s.start + t;
  const x = s.inputs[t]!;
  let i = 0;
  out[i++] = 1;
  out[i++] = t / 365;
  const cal = calendarFeatures(day);
  out.set(cal, i); i += cal.length;
  out[i++] = (x.tempMaxC - 20) / 10;
  out[i++] = Math.max(0, x.tempMaxC - HOT_C) / 5;
  out[i++] = Math.max(0, COLD_C - x.tempMaxC) / 5;
  out[i++] = Math.log1p(x.rainMm);
  out[i++] = x.rainMm >= HEAVY_RAIN_MM ? 1 : 0;
  out[i++] = x.promo ? 1 : 0;
  out[i++] = t > 0 && s.inputs[t - 1]!.promo && !x.promo ? 1 : 0; // the dip after a promotion
  out[i++] = Math.log(x.priceFen / s.refPriceFen);
  if (!logDemand) return;
  const b = logBase!;
  for (const l of LAGS) out[i++] = logDemand[t - l]! - b[t - l]!;
  for (const w of [7, 28]) {
    let d = 0, m = 0;
    for (let k = 1; k <= w; k++) { d += Math.expm1(logDemand[t - k]!); m += Math.expm1(b[t - k]!); }
    out[i++] = Math.log1p(d / w) - Math.log1p(m / w);
  }
}
