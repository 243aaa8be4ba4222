import { describe, it, expect } from 'vitest';
import { LunarFestival, SolarDay, SolarFestival } from 'tyme4ts';
import { SOLAR_TERM_NAMES, addDays, listFestivals, listSolarTerms, parseYmd } from '../../src/campaigns/calendar/terms.js';
import { campaignCalendar } from '../../src/campaigns/calendar/campaigns.js';

const ymd = (d: SolarDay): string =>
  `${d.getYear()}-${String(d.getMonth()).padStart(2, '0')}-${String(d.getDay()).padStart(2, '0')}`;

/** Independent derivation: walk every day of the year and keep the first day of each term. */
function termsByDayWalk(year: number): Map<string, string> {
  const out = new Map<string, string>();
  for (let d = SolarDay.fromYmd(year, 1, 1); d.getYear() === year; d = d.next(1)) {
    const td = d.getTermDay();
    if (td.getDayIndex() === 0) out.set(td.getSolarTerm().getName(), ymd(d));
  }
  return out;
}

function festivalDate(year: number, name: string): string[] {
  return listFestivals(year).filter((f) => f.name === name).map((f) => f.date);
}

describe('solar terms', () => {
  for (let year = 2025; year <= 2030; year++) {
    it(`${year}: 24 terms match tyme4ts day-by-day term lookup`, () => {
      const terms = listSolarTerms(year);
      expect(terms.map((t) => t.name)).toEqual([...SOLAR_TERM_NAMES]);
      const walked = termsByDayWalk(year);
      expect(walked.size).toBe(24);
      for (const t of terms) expect(t.date, t.name).toBe(walked.get(t.name));
      // dates strictly increasing and inside the year
      for (let i = 1; i < terms.length; i++) expect(terms[i]!.date > terms[i - 1]!.date).toBe(true);
      // and the campaign calendar uses exactly these dates
      const cal = campaignCalendar(year).filter((c) => c.kind === 'solar_term');
      expect(cal).toHaveLength(24);
      for (const c of cal) expect(c.date, c.key).toBe(walked.get(c.key));
    });
  }

  it('known dates', () => {
    const get = (y: number, n: string) => listSolarTerms(y).find((t) => t.name === n)?.date;
    expect(get(2027, '清明')).toBe('2027-04-05');
    expect(get(2027, '冬至')).toBe('2027-12-22');
    expect(get(2025, '冬至')).toBe('2025-12-21');
  });
});

describe('festivals', () => {
  it('known lunar festival dates', () => {
    expect(festivalDate(2027, '端午')).toEqual(['2027-06-09']);
    expect(festivalDate(2027, '中秋')).toEqual(['2027-09-15']);
    expect(festivalDate(2027, '春节')).toEqual(['2027-02-06']);
    expect(festivalDate(2026, '中秋')).toEqual(['2026-09-25']);
  });

  it('lunar festivals agree with tyme4ts LunarFestival for 2025..2030', () => {
    const map: Record<string, string> = {
      春节: '春节', 元宵节: '元宵', 端午节: '端午', 七夕节: '七夕',
      中秋节: '中秋', 重阳节: '重阳', 腊八节: '腊八', 除夕: '除夕',
    };
    for (let year = 2025; year <= 2030; year++) {
      const expected = new Map<string, string[]>();
      for (const lunarYear of [year - 1, year]) {
        for (let i = 0; ; i++) {
          const f = LunarFestival.fromIndex(lunarYear, i);
          if (!f) break;
          const ours = map[f.getName()];
          const date = ymd(f.getDay().getSolarDay());
          if (ours && date.startsWith(`${year}-`)) expected.set(ours, [...(expected.get(ours) ?? []), date]);
        }
      }
      expect(expected.size).toBeGreaterThanOrEqual(7);
      for (const [name, dates] of expected) expect(festivalDate(year, name), `${year} ${name}`).toEqual(dates);
    }
  });

  it('solar festivals agree with tyme4ts SolarFestival', () => {
    const map: Record<string, string> = { 元旦: '元旦', 劳动节: '劳动节', 国庆节: '国庆' };
    for (let year = 2025; year <= 2030; year++) {
      for (let i = 0; ; i++) {
        const f = SolarFestival.fromIndex(year, i);
        if (!f) break;
        const ours = map[f.getName()];
        if (ours) expect(festivalDate(year, ours)).toEqual([ymd(f.getDay())]);
      }
    }
  });

  it('母亲节 / 父亲节 / 小年 / 除夕 conventions', () => {
    expect(festivalDate(2027, '母亲节')).toEqual(['2027-05-09']);
    expect(festivalDate(2027, '父亲节')).toEqual(['2027-06-20']);
    expect(festivalDate(2026, '母亲节')).toEqual(['2026-05-10']);
    expect(festivalDate(2026, '父亲节')).toEqual(['2026-06-21']);
    for (let year = 2025; year <= 2030; year++) {
      const [m] = festivalDate(year, '母亲节');
      const [f] = festivalDate(year, '父亲节');
      expect(parseYmd(m!).getWeek().getIndex()).toBe(0);
      expect(parseYmd(f!).getWeek().getIndex()).toBe(0);
      expect(Number(m!.slice(8))).toBeGreaterThanOrEqual(8);
      expect(Number(m!.slice(8))).toBeLessThanOrEqual(14);
      expect(Number(f!.slice(8))).toBeGreaterThanOrEqual(15);
      expect(Number(f!.slice(8))).toBeLessThanOrEqual(21);
      // 小年 = 腊月廿三 (northern convention); 除夕 = eve of 春节
      const [xn] = festivalDate(year, '小年');
      expect(parseYmd(xn!).getLunarDay().getLunarMonth().getMonth()).toBe(12);
      expect(parseYmd(xn!).getLunarDay().getDay()).toBe(23);
      expect(festivalDate(year, '除夕')).toEqual([addDays(festivalDate(year, '春节')[0]!, -1)]);
    }
    expect(festivalDate(2027, '小年')).toEqual(['2027-01-30']);
    expect(festivalDate(2027, '除夕')).toEqual(['2027-02-05']);
  });

  it('year boundary: 腊八 belongs to the Gregorian year of its date (2022 has two, 2027 one)', () => {
    expect(festivalDate(2022, '腊八')).toEqual(['2022-01-10', '2022-12-30']);
    expect(festivalDate(2023, '腊八')).toEqual([]);
    expect(festivalDate(2027, '腊八')).toEqual(['2027-01-15']);
    expect(festivalDate(2028, '腊八')).toEqual(['2028-01-04']);
  });

  it('every festival lies within its year', () => {
    for (let year = 2025; year <= 2030; year++) {
      for (const f of listFestivals(year)) expect(f.date.startsWith(`${year}-`)).toBe(true);
    }
  });
});
