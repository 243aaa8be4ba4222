// Date ranges of the dashboard: inclusive 'YYYY-MM-DD' days in Shanghai, turned into epoch-ms bounds, with the
// complete Monday–Sunday weeks inside and the previous period of the same length.
import { shanghaiDay } from '../time.js';

export const DAY_MS = 86_400_000;
/** Days in the default range and in the "last 30 days" figures (silent_share, repurchase_30d). */
export const DEFAULT_DAYS = 30;

export interface DateRange { from: string; to: string }

/** A range as instants: [start, end) with end the midnight after `to`, and its length in days. */
export interface Period extends DateRange { start: number; end: number; days: number }

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** 00:00 Shanghai of a 'YYYY-MM-DD' day, or null when it is no real date (2026-02-30). */
export function dayStart(day: string): number | null {
  if (!DATE.test(day)) return null;
  const ms = Date.parse(`${day}T00:00:00+08:00`);
  return Number.isFinite(ms) && shanghaiDay(ms) === day ? ms : null;
}

export const addDays = (day: string, n: number): string => shanghaiDay(dayStart(day)! + n * DAY_MS + DAY_MS / 2);

export function periodOf(range: DateRange): Period {
  const start = dayStart(range.from);
  const last = dayStart(range.to);
  if (start === null || last === null) throw new Error(`bad date range ${range.from}..${range.to}`);
  if (start > last) throw new Error(`date range ends before it starts: ${range.from}..${range.to}`);
  return { ...range, start, end: last + DAY_MS, days: Math.round((last + DAY_MS - start) / DAY_MS) };
}

/** The last 30 days ending today (by `now`). */
export function defaultRange(now: number): DateRange {
  const to = shanghaiDay(now);
  return { from: addDays(to, -(DEFAULT_DAYS - 1)), to };
}

/** The same number of days just before `from` (/看板 compares the two). */
export function previousRange(range: DateRange): DateRange {
  const { days } = periodOf(range);
  return { from: addDays(range.from, -days), to: addDays(range.from, -1) };
}

/** The `n` days ending with the range's last day (they may reach back before `from`). */
export function lastDays(p: Period, n: number): Period {
  return periodOf({ from: addDays(p.to, -(n - 1)), to: p.to });
}

/**
 * The last two complete Monday–Sunday weeks inside the range, [before, last]; fewer when the range does not hold two.
 */
export function completeWeeks(p: Period): Period[] {
  const dow = new Date(dayStart(p.to)! + 8 * 3600_000).getUTCDay(); // 0 = Sunday, in Shanghai
  const lastSunday = addDays(p.to, -dow);
  const weeks: Period[] = [];
  for (let k = 1; k >= 0; k--) {
    const week = periodOf({ from: addDays(lastSunday, -6 - 7 * k), to: addDays(lastSunday, -7 * k) });
    if (week.start >= p.start) weeks.push(week);
  }
  return weeks;
}
