// The shared calendar features of a date: weekday, rest days and 调休 workdays, statutory holiday blocks and the
// travel days around them, lunar festivals and solar terms with their lead-up, and the season.
//
// Nothing is typed in by date: statutory holidays and 调休 come from chinese-days, festival and solar-term dates
// from tyme4ts through src/campaigns/calendar/terms.ts. chinese-days only knows the years the State Council has
// announced (probed below, 2004–2026 in v1.5.7). For a year beyond that, the holiday days are derived from the
// rule of 《全国年节及纪念日放假办法》 (2025 edition) on the tyme4ts dates — 元旦 1, 春节 除夕–初三, 清明 1,
// 劳动节 5/1–5/2, 端午 1, 中秋 1, 国庆 10/1–10/3 — joined to any adjacent weekend; its 调休 is unknown, so no
// Saturday counts as worked. See `holidaysCovered`.

import chineseDays from 'chinese-days';
import { listFestivals, listSolarTerms, MAX_YEAR, MIN_YEAR } from '../campaigns/calendar/terms.js';
import { dayNumber, weekdayOf, yearOf, ymdOf } from './days.js';

/**
 * The events with a demand lead-up: `lead` days before the date (年货 before 除夕, 月饼 before 中秋) and `span`
 * days from the date on (春节 初一–初六, when many residents are away). Window lengths, not dates.
 */
const EVENTS: ReadonlyArray<{ key: string; lead: number; span: number }> = [
  { key: '除夕', lead: 10, span: 1 },
  { key: '春节', lead: 0, span: 6 },
  { key: '元宵', lead: 3, span: 1 },
  { key: '端午', lead: 5, span: 1 },
  { key: '中秋', lead: 10, span: 1 },
  { key: '清明', lead: 3, span: 1 },
  { key: '冬至', lead: 3, span: 1 },
];

const FOURIER_ORDER = 3;

/** Names of the calendar feature columns, in the order `calendarFeatures` writes them. */
export const CALENDAR_FEATURES: readonly string[] = [
  'mon', 'tue', 'wed', 'thu', 'fri', 'sat',
  'rest_day', 'makeup_workday', 'holiday_long', 'holiday_short', 'pre_holiday', 'post_holiday',
  ...EVENTS.flatMap((e) => [`${e.key}_lead_far`, `${e.key}_lead_near`, `${e.key}_on`]),
  ...Array.from({ length: FOURIER_ORDER }, (_, k) => [`season_sin${k + 1}`, `season_cos${k + 1}`]).flat(),
];

interface YearHolidays {
  covered: boolean;
  /** Statutory holiday days (the announced block, weekends inside it included). */
  holiday: Set<number>;
  /** Weekend days worked under 调休. */
  makeup: Set<number>;
}

const years = new Map<number, YearHolidays>();

/** Whether chinese-days has the announced holidays of `year` (every announced year has a 国庆 break). */
export function holidaysCovered(year: number): boolean {
  return yearHolidays(year).covered;
}

function yearHolidays(year: number): YearHolidays {
  let y = years.get(year);
  if (y) return y;
  const covered = chineseDays.getDayDetail(`${year}-10-01`).name.includes('国庆');
  y = { covered, holiday: new Set(), makeup: new Set() };
  const first = dayNumber(`${year}-01-01`)!;
  const last = dayNumber(`${year}-12-31`)!;
  if (covered) {
    for (let d = first; d <= last; d++) {
      // A holiday-named day is either part of the break (not worked) or a 调休 workday (worked).
      const detail = chineseDays.getDayDetail(ymdOf(d));
      if (!detail.name.includes(',')) continue;
      if (detail.work) { if (isWeekend(d)) y.makeup.add(d); } else y.holiday.add(d);
    }
  } else {
    for (const d of statutoryCoreDays(year)) y.holiday.add(d);
    // The break runs on through the weekend it touches.
    for (const d of [...y.holiday]) {
      for (const step of [-1, 1]) for (let e = d + step; isWeekend(e) && yearOf(e) === year; e += step) y.holiday.add(e);
    }
  }
  years.set(year, y);
  return y;
}

/** The legal holiday days of a year by the 2025 rule, on tyme4ts dates (used only beyond chinese-days). */
function statutoryCoreDays(year: number): number[] {
  const fest = new Map(listFestivals(year).map((f) => [f.name as string, dayNumber(f.date)!]));
  const qingming = dayNumber(listSolarTerms(year).find((t) => t.name === '清明')!.date)!;
  const out = [dayNumber(`${year}-01-01`)!, qingming, dayNumber(`${year}-05-01`)!, dayNumber(`${year}-05-02`)!];
  for (const k of ['端午', '中秋']) out.push(fest.get(k)!);
  for (let i = 0; i < 3; i++) out.push(dayNumber(`${year}-10-0${i + 1}`)!);
  const spring = fest.get('春节');
  if (spring !== undefined) out.push(spring - 1, spring, spring + 1, spring + 2); // 除夕 – 初三
  return out.filter((d) => yearOf(d) === year);
}

function isWeekend(d: number): boolean {
  const w = weekdayOf(d);
  return w === 0 || w === 6;
}

function isHoliday(d: number): boolean {
  return yearHolidays(yearOf(d)).holiday.has(d);
}

const eventDays = new Map<number, Map<string, number[]>>();

/** Dates of the EVENTS in a Gregorian year (a year may hold two 除夕 or none: see listFestivals). */
function eventsOf(year: number): Map<string, number[]> {
  let m = eventDays.get(year);
  if (m) return m;
  m = new Map(EVENTS.map((e) => [e.key, []]));
  for (const f of listFestivals(year)) m.get(f.name)?.push(dayNumber(f.date)!);
  for (const t of listSolarTerms(year)) m.get(t.name)?.push(dayNumber(t.date)!);
  eventDays.set(year, m);
  return m;
}

const cache = new Map<number, Float64Array>();

/** Whether a day can be given calendar features (tyme4ts's range as the campaign calendar allows it). */
export function calendarSupports(day: number): boolean {
  const y = yearOf(day);
  return y > MIN_YEAR && y < MAX_YEAR; // a neighbouring year is read for lead-ups and breaks across New Year
}

/** The calendar features of a day (cached; shared by every product). */
export function calendarFeatures(day: number): Float64Array {
  const hit = cache.get(day);
  if (hit) return hit;
  const f = new Float64Array(CALENDAR_FEATURES.length);
  let i = 0;
  const wd = weekdayOf(day);
  for (let k = 1; k <= 6; k++) f[i++] = wd === k ? 1 : 0;
  const y = yearHolidays(yearOf(day));
  const holiday = isHoliday(day);
  f[i++] = holiday || (isWeekend(day) && !y.makeup.has(day)) ? 1 : 0;
  f[i++] = y.makeup.has(day) ? 1 : 0;
  let blockLength = 0;
  if (holiday) {
    let a = day; while (isHoliday(a - 1)) a--;
    let b = day; while (isHoliday(b + 1)) b++;
    blockLength = b - a + 1;
  }
  f[i++] = blockLength >= 5 ? 1 : 0;
  f[i++] = blockLength > 0 && blockLength < 5 ? 1 : 0;
  // Travel days: the two days before a break starts and the two after it ends.
  f[i++] = !holiday && (isHoliday(day + 1) || isHoliday(day + 2)) ? 1 : 0;
  f[i++] = !holiday && (isHoliday(day - 1) || isHoliday(day - 2)) ? 1 : 0;
  const year = yearOf(day);
  for (const e of EVENTS) {
    let far = 0, near = 0, on = 0;
    for (const yy of [year - 1, year, year + 1]) {
      for (const date of eventsOf(yy).get(e.key)!) {
        const ahead = date - day; // > 0: the event is still to come
        if (ahead <= 0 && -ahead < e.span) on = 1;
        else if (ahead >= 1 && ahead <= Math.min(2, e.lead)) near = 1;
        else if (ahead >= 3 && ahead <= e.lead) far = 1;
      }
    }
    f[i++] = far; f[i++] = near; f[i++] = on;
  }
  const phase = (2 * Math.PI * day) / 365.2425;
  for (let k = 1; k <= FOURIER_ORDER; k++) { f[i++] = Math.sin(k * phase); f[i++] = Math.cos(k * phase); }
  cache.set(day, f);
  return f;
}
