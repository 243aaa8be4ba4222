// The shared calendar features: 调休, statutory breaks and their travel days, festival lead-ups, and the
// rule-derived breaks for a year chinese-days has not announced.
import { describe, expect, it } from 'vitest';
import { LunarDay } from 'tyme4ts';
import { CALENDAR_FEATURES, calendarFeatures, holidaysCovered } from '../../src/forecast/calendar.js';
import { dayNumber, weekdayOf, ymdOf } from '../../src/forecast/days.js';

/** The named features that are on (non-zero 0/1 columns) for a date, season terms left out. */
function on(date: string): string[] {
  const f = calendarFeatures(dayNumber(date)!);
  return CALENDAR_FEATURES.filter((n, i) => !n.startsWith('season') && f[i] === 1);
}

describe('calendar features', () => {
  it('treats a 调休 Saturday as a working day and marks the break and its travel days (春节 2026)', () => {
    expect(on('2026-02-13')).toEqual(['fri', 'pre_holiday', '除夕_lead_far']);
    expect(on('2026-02-14')).toEqual(['sat', 'makeup_workday', 'pre_holiday', '除夕_lead_near']); // worked Saturday
    expect(on('2026-02-16')).toEqual(['mon', 'rest_day', 'holiday_long', '除夕_on']);
    expect(on('2026-02-17')).toEqual(['tue', 'rest_day', 'holiday_long', '春节_on']);
    expect(on('2026-02-24')).toEqual(['tue', 'post_holiday']);
    expect(on('2026-03-10')).toEqual(['tue']);
    expect(on('2026-03-14')).toEqual(['sat', 'rest_day']);
  });

  it('gives a one-day festival its lead-up and a short break', () => {
    expect(on('2026-06-14')).toEqual(['rest_day', '端午_lead_far']); // Sunday, 5 days before
    expect(on('2026-06-17')).toEqual(['wed', 'pre_holiday', '端午_lead_near']);
    expect(on('2026-06-19')).toEqual(['fri', 'rest_day', 'holiday_short', '端午_on']);
    expect(on('2026-12-22')).toEqual(['tue', '冬至_on']);
  });

  it('keeps season terms smooth and in [-1, 1]', () => {
    const a = calendarFeatures(dayNumber('2026-07-01')!), b = calendarFeatures(dayNumber('2026-07-02')!);
    const s = CALENDAR_FEATURES.indexOf('season_sin1');
    expect(Math.abs(a[s]! - b[s]!)).toBeLessThan(0.02);
    expect(Math.abs(a[s]!)).toBeLessThanOrEqual(1);
  });

  it('derives the legal holiday days by rule for a year chinese-days has not announced', () => {
    expect(holidaysCovered(2026)).toBe(true);
    expect(holidaysCovered(2090)).toBe(false);
    const s = LunarDay.fromYmd(2090, 1, 1).getSolarDay();
    const spring = dayNumber(`${s.getYear()}-${String(s.getMonth()).padStart(2, '0')}-${String(s.getDay()).padStart(2, '0')}`)!;
    for (let d = spring - 1; d <= spring + 2; d++) expect(on(ymdOf(d)), ymdOf(d)).toContain('rest_day'); // 除夕 – 初三
    for (const d of ['2090-10-01', '2090-10-02', '2090-10-03']) expect(on(d)).toContain('rest_day');
    // The day after the break is a working day unless it is a weekend (no 调休 is invented).
    const after = dayNumber('2090-10-04')!;
    const w = weekdayOf(after);
    expect(on('2090-10-04').includes('rest_day')).toBe(w === 0 || w === 6);
    for (let d = dayNumber('2090-01-01')!; d <= dayNumber('2090-12-31')!; d++) expect(on(ymdOf(d))).not.toContain('makeup_workday');
  });
});
