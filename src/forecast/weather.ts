// Weather for the forecast: a small provider interface, a file-based default so it works offline, and a
// climate fallback (the history's own weather at that time of year) for dates the provider has no forecast for.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DATA_DIR } from '../config.js';
import { fieldReader, InputError, readTable } from './csv.js';
import { dayNumber, ymdOf } from './days.js';

export interface DayWeather {
  temp_max_c: number;
  rain_mm: number;
}

export interface WeatherProvider {
  /** The forecast for a 'YYYY-MM-DD' date, or null when there is none. */
  forecast(date: string): DayWeather | null;
}

/** Default forecast file (header only when shipped: drop a forecast export there, same columns). */
export const DEFAULT_WEATHER_PATH = path.join(DATA_DIR, 'weather', 'forecast.csv');

/**
 * Reads forecasts from a CSV (`date,temp_max_c,rain_mm`) or a JSON array of `{date, temp_max_c, rain_mm}`.
 * A bad line or entry is an InputError naming it; a file with only a header gives no forecasts.
 */
export function fileWeatherProvider(file: string = DEFAULT_WEATHER_PATH): WeatherProvider {
  const byDate = new Map<string, DayWeather>();
  const add = (date: string, w: DayWeather, where: string) => {
    if (byDate.has(date)) throw new InputError(`${where}：${date} 重复`);
    byDate.set(date, w);
  };
  if (file.endsWith('.json')) {
    let raw: unknown;
    try { raw = JSON.parse(readFileSync(file, 'utf8')); } catch (e) { throw new InputError(`天气文件 ${file} 读不出 JSON：${(e as Error).message}`); }
    if (!Array.isArray(raw)) throw new InputError(`天气文件 ${file} 应为数组`);
    raw.forEach((e: unknown, i) => {
      const where = `${path.basename(file)} 第 ${i + 1} 项`;
      const o = (e ?? {}) as Record<string, unknown>;
      const ok = typeof o.date === 'string' && dayNumber(o.date) !== null && typeof o.temp_max_c === 'number' && Number.isFinite(o.temp_max_c)
        && typeof o.rain_mm === 'number' && o.rain_mm >= 0;
      if (!ok) throw new InputError(`${where}：应为 {date: "YYYY-MM-DD", temp_max_c: 数字, rain_mm: 非负数}`);
      add(o.date as string, { temp_max_c: o.temp_max_c as number, rain_mm: o.rain_mm as number }, where);
    });
  } else {
    const t = readTable(file, ['date', 'temp_max_c', 'rain_mm'], { allowEmpty: true });
    for (const { line, get } of t.rows) {
      const f = fieldReader(t.label, line, get);
      const day = f.day();
      add(ymdOf(day), { temp_max_c: f.number('temp_max_c'), rain_mm: f.number('rain_mm', 0) }, `${t.label} 第 ${line} 行`);
    }
  }
  return { forecast: (date) => byDate.get(date) ?? null };
}

/**
 * Weather for a day: the provider's forecast, else the climate of the history — the mean maximum temperature and
 * mean rain of the history days within ±7 days of the same day of the year (else of all history days).
 */
export function weatherWithClimate(provider: WeatherProvider, history: ReadonlyArray<{ day: number; tempMaxC: number; rainMm: number }>) {
  return (day: number): { tempMaxC: number; rainMm: number } => {
    const w = provider.forecast(ymdOf(day));
    if (w) return { tempMaxC: w.temp_max_c, rainMm: w.rain_mm };
    const near = history.filter((h) => { const d = (((day - h.day) % 365.2425) + 365.2425) % 365.2425; return d <= 7 || d >= 358.2425; });
    const pool = near.length ? near : history;
    if (!pool.length) throw new InputError('没有天气预报，也没有历史天气可参考');
    return { tempMaxC: mean(pool.map((h) => h.tempMaxC)), rainMm: mean(pool.map((h) => h.rainMm)) };
  };
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
