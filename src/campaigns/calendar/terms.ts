// Solar terms (节气) and traditional / marketing festivals for one Gregorian year.
//
// All astronomy and lunar-calendar conversion is delegated to tyme4ts. tyme4ts computes
// solar-term instants in Beijing time (UTC+8), independent of the process time zone, so
// every date returned here is an Asia/Shanghai calendar date formatted as 'YYYY-MM-DD'.

import { LunarDay, SolarDay, SolarTerm } from 'tyme4ts';

/** The 24 solar terms in Gregorian-year order (小寒 in early January … 冬至 in late December). */
export const SOLAR_TERM_NAMES = [
  '小寒', '大寒', '立春', '雨水', '惊蛰', '春分',
  '清明', '谷雨', '立夏', '小满', '芒种', '夏至',
  '小暑', '大暑', '立秋', '处暑', '白露', '秋分',
  '寒露', '霜降', '立冬', '小雪', '大雪', '冬至',
] as const;
export type SolarTermName = (typeof SOLAR_TERM_NAMES)[number];

/**
 * Festivals the calendar knows. 清明 and 冬至 are deliberately absent: they are solar terms
 * and appear (once) in listSolarTerms(); a festival list that repeated them would make the
 * campaign calendar post twice.
 */
export const FESTIVAL_NAMES = [
  // lunar
  '春节', '元宵', '端午', '七夕', '中秋', '重阳', '腊八', '小年', '除夕',
  // Gregorian
  '元旦', '劳动节', '国庆', '母亲节', '父亲节',
] as const;
export type FestivalName = (typeof FESTIVAL_NAMES)[number];

export interface DatedSolarTerm {
  name: SolarTermName;
  /** Asia/Shanghai calendar date of the term's instant, 'YYYY-MM-DD'. */
  date: string;
}

export interface DatedFestival {
  name: FestivalName;
  /** 'lunar' = fixed lunar date (converted by tyme4ts); 'solar' = Gregorian rule. */
  calendar: 'lunar' | 'solar';
  /** Gregorian date, 'YYYY-MM-DD'. */
  date: string;
}

/** Years supported by the calendar (tyme4ts handles far more; this keeps input sane). */
export const MIN_YEAR = 1901;
export const MAX_YEAR = 2100;

export function assertSupportedYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new RangeError(`不支持的年份：${String(year)}（应为 ${MIN_YEAR}–${MAX_YEAR} 之间的整数）`);
  }
}

/** Formats a tyme4ts SolarDay as 'YYYY-MM-DD'. */
export function formatSolarDay(d: SolarDay): string {
  const mm = String(d.getMonth()).padStart(2, '0');
  const dd = String(d.getDay()).padStart(2, '0');
  return `${String(d.getYear()).padStart(4, '0')}-${mm}-${dd}`;
}

const YMD_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses a strict 'YYYY-MM-DD' string into a tyme4ts SolarDay; throws on anything else. */
export function parseYmd(ymd: string): SolarDay {
  const m = YMD_RE.exec(ymd);
  if (!m) throw new RangeError(`日期格式应为 YYYY-MM-DD：${ymd}`);
  try {
    return SolarDay.fromYmd(Number(m[1]), Number(m[2]), Number(m[3]));
  } catch {
    throw new RangeError(`无效日期：${ymd}`);
  }
}

/** Adds (or, with a negative n, subtracts) whole calendar days to a 'YYYY-MM-DD' date. */
export function addDays(ymd: string, n: number): string {
  return formatSolarDay(parseYmd(ymd).next(n));
}

/**
 * The 24 solar terms whose dates fall in Gregorian `year`, sorted by date.
 *
 * tyme4ts indexes terms per "term year" starting at the previous December's 冬至
 * (index 0); indices 1..24 (小寒 … next 冬至) are exactly the terms of Gregorian `year`.
 */
export function listSolarTerms(year: number): DatedSolarTerm[] {
  assertSupportedYear(year);
  const out: DatedSolarTerm[] = [];
  for (let i = 1; i <= 24; i++) {
    const term = SolarTerm.fromIndex(year, i);
    const date = formatSolarDay(term.getJulianDay().getSolarDay());
    const name = term.getName() as SolarTermName;
    if (name !== SOLAR_TERM_NAMES[i - 1] || !date.startsWith(`${year}-`)) {
      // Would mean tyme4ts changed its indexing convention; fail loudly rather than mis-date.
      throw new Error(`tyme4ts 节气索引异常：${year} #${i} → ${name} ${date}`);
    }
    out.push({ name, date });
  }
  return out;
}

/** Lunar festivals by lunar month/day; 除夕 (last day of the lunar year) is handled apart. */
const LUNAR_FIXED: ReadonlyArray<{ name: FestivalName; month: number; day: number }> = [
  { name: '春节', month: 1, day: 1 },
  { name: '元宵', month: 1, day: 15 },
  { name: '端午', month: 5, day: 5 },
  { name: '七夕', month: 7, day: 7 },
  { name: '中秋', month: 8, day: 15 },
  { name: '重阳', month: 9, day: 9 },
  { name: '腊八', month: 12, day: 8 },
  // 小年 convention: the northern / official-media date, 腊月廿三 (the south often keeps 廿四).
  { name: '小年', month: 12, day: 23 },
];

/** Gregorian date of the N-th given weekday (0 = Sunday) of a month. */
function nthWeekday(year: number, month: number, weekday: number, nth: number): SolarDay {
  const first = SolarDay.fromYmd(year, month, 1);
  const offset = (weekday - first.getWeek().getIndex() + 7) % 7;
  return first.next(offset + (nth - 1) * 7);
}

/**
 * The festivals whose Gregorian dates fall in `year`, sorted by date (ties: FESTIVAL_NAMES order).
 *
 * Lunar festivals are taken from lunar years year-1 and year and kept only if their Gregorian
 * date falls in `year`: so 腊八/小年/除夕 of the lunar year that ends in early `year` belong to
 * `year`, those that fall in January of year+1 do not, and a year can even hold two 腊八
 * (e.g. 2022-01-10 and 2022-12-30) or none.
 *
 * 母亲节 = second Sunday of May, 父亲节 = third Sunday of June.
 */
export function listFestivals(year: number): DatedFestival[] {
  assertSupportedYear(year);
  const prefix = `${year}-`;
  const out: DatedFestival[] = [];
  for (const lunarYear of [year - 1, year]) {
    for (const f of LUNAR_FIXED) {
      const date = formatSolarDay(LunarDay.fromYmd(lunarYear, f.month, f.day).getSolarDay());
      if (date.startsWith(prefix)) out.push({ name: f.name, calendar: 'lunar', date });
    }
    // 除夕 = the day before the next lunar new year (腊月廿九 or 三十).
    const eve = formatSolarDay(LunarDay.fromYmd(lunarYear + 1, 1, 1).getSolarDay().next(-1));
    if (eve.startsWith(prefix)) out.push({ name: '除夕', calendar: 'lunar', date: eve });
  }
  const solar: Array<[FestivalName, SolarDay]> = [
    ['元旦', SolarDay.fromYmd(year, 1, 1)],
    ['劳动节', SolarDay.fromYmd(year, 5, 1)],
    ['国庆', SolarDay.fromYmd(year, 10, 1)],
    ['母亲节', nthWeekday(year, 5, 0, 2)],
    ['父亲节', nthWeekday(year, 6, 0, 3)],
  ];
  for (const [name, d] of solar) out.push({ name, calendar: 'solar', date: formatSolarDay(d) });
  const order = (n: FestivalName): number => FESTIVAL_NAMES.indexOf(n);
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : order(a.name) - order(b.name)));
}
