// Calendar dates as whole day numbers (days since 1970-01-01), so series can be indexed by day.
// Dates are plain Asia/Shanghai calendar dates 'YYYY-MM-DD'; the arithmetic is in UTC, so no time zone enters.

const DAY_MS = 86_400_000;
const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number of a strict 'YYYY-MM-DD' that names a real date, else null (2026-02-30 is null). */
export function dayNumber(ymd: string): number | null {
  const m = YMD.exec(ymd);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return ymdOf(ms / DAY_MS) === ymd ? ms / DAY_MS : null;
}

/** 'YYYY-MM-DD' of a day number. */
export function ymdOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Gregorian year of a day number. */
export function yearOf(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}
