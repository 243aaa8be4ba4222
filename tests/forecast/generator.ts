// A seeded generator of daily sales for a community's products, with every factor of issue 16 built in its own
// way (not in the forecaster's form): weekday profiles on working vs rest days (chinese-days, so a 调休 Saturday
// sells like a weekday), statutory breaks and stock-up days, lunar festivals and solar terms from tyme4ts with
// ramped lead-ups, a slow random-walk level and a growth trend, seasonal bumps, temperature thresholds, rain,
// promotions with a pantry-loading dip after them, price elasticity, stock-outs that cap sales, and
// negative-binomial noise.

import chineseDays from 'chinese-days';
import { LunarDay, SolarDay, SolarTerm } from 'tyme4ts';
import { seededRandom } from '../../src/experiments/random.js';

export interface GeneratedRow {
  date: string;
  product: string;
  units: number;
  price_fen: number;
  promo: 0 | 1;
  temp_max_c: number;
  rain_mm: number;
  stockout: 0 | 1;
  /** True expected demand (not in the CSV): for tests of what the forecast should be. */
  demand: number;
}

export interface GeneratorOptions {
  seed: number;
  /** Last day, 'YYYY-MM-DD'. */
  end: string;
  days?: number;
  products?: number;
  /** Multiplies every product's base level. */
  scale?: number;
  /** Share of days that are stock-outs. */
  stockoutRate?: number;
}

/** The project's seeded PRNG (mulberry32). */
export const prng = seededRandom;

const DAY_MS = 86_400_000;
const ymd = (d: number) => new Date(d * DAY_MS).toISOString().slice(0, 10);
const dayOf = (s: string) => Date.parse(`${s}T00:00:00Z`) / DAY_MS;
const solarDay = (s: SolarDay) => dayOf(`${s.getYear()}-${String(s.getMonth()).padStart(2, '0')}-${String(s.getDay()).padStart(2, '0')}`);

type Festival = 'eve' | 'spring' | 'lantern' | 'dragon' | 'moon' | 'qingming' | 'winter';

function festivalDays(years: number[]): Map<Festival, number[]> {
  const m = new Map<Festival, number[]>(['eve', 'spring', 'lantern', 'dragon', 'moon', 'qingming', 'winter'].map((k) => [k as Festival, []]));
  for (const y of years) {
    const spring = solarDay(LunarDay.fromYmd(y, 1, 1).getSolarDay());
    m.get('spring')!.push(spring);
    m.get('eve')!.push(spring - 1);
    m.get('lantern')!.push(solarDay(LunarDay.fromYmd(y, 1, 15).getSolarDay()));
    m.get('dragon')!.push(solarDay(LunarDay.fromYmd(y, 5, 5).getSolarDay()));
    m.get('moon')!.push(solarDay(LunarDay.fromYmd(y, 8, 15).getSolarDay()));
    for (let i = 1; i <= 24; i++) {
      const t = SolarTerm.fromIndex(y, i);
      const name = t.getName();
      if (name === '清明') m.get('qingming')!.push(solarDay(t.getJulianDay().getSolarDay()));
      if (name === '冬至') m.get('winter')!.push(solarDay(t.getJulianDay().getSolarDay()));
    }
  }
  return m;
}

interface Product {
  name: string;
  base: number;
  growth: number;
  weekday: number[]; // Mon..Fri on working days
  restDay: number;
  peakDoy: number;
  seasonAmp: number;
  hot: number; // per °C above 26
  cold: number; // per °C below 12
  rain: number;
  elasticity: number;
  promoLift: number;
  dip: number;
  festival: Partial<Record<Festival, { lift: number; lead: number }>>;
  awayAtSpring: number;
  priceFen: number;
}

const NAMES = ['青菜', '西红柿', '土豆', '鸡蛋', '牛奶', '猪肉', '鸡腿', '大米', '苹果', '西瓜', '葡萄', '酸奶',
  '豆腐', '肥牛卷', '汤圆', '粽子', '月饼', '青团', '饺子', '坚果礼盒', '面包', '矿泉水', '橙子', '虾仁'];
const SPECIAL: Record<string, Product['festival']> = {
  汤圆: { lantern: { lift: 4, lead: 6 }, winter: { lift: 1.5, lead: 3 } },
  粽子: { dragon: { lift: 6, lead: 8 } },
  月饼: { moon: { lift: 7, lead: 15 } },
  青团: { qingming: { lift: 5, lead: 5 } },
  饺子: { winter: { lift: 2.5, lead: 2 }, eve: { lift: 2, lead: 3 } },
  坚果礼盒: { eve: { lift: 3, lead: 15 } },
};

function makeProducts(rand: () => number, n: number, scale: number): Product[] {
  return Array.from({ length: n }, (_, i) => {
    const name = NAMES[i % NAMES.length]! + (i >= NAMES.length ? `${Math.floor(i / NAMES.length) + 1}` : '');
    const special = SPECIAL[name] ?? {};
    const weekday = Array.from({ length: 5 }, () => 0.85 + 0.3 * rand());
    return {
      name,
      base: scale * Math.exp(Math.log(2) + rand() * Math.log(40)), // 2 … 80 a day
      growth: -0.15 + 0.5 * rand(),
      weekday,
      restDay: 0.9 + 0.5 * rand(),
      peakDoy: Math.floor(rand() * 365),
      seasonAmp: Object.keys(special).length ? 0.1 : 0.1 + 0.4 * rand(),
      hot: rand() < 0.3 ? 0.03 + 0.06 * rand() : -0.01 * rand(),
      cold: rand() < 0.3 ? 0.02 + 0.04 * rand() : 0,
      rain: -0.2 + 0.35 * rand(),
      elasticity: -(0.8 + 1.8 * rand()),
      promoLift: 1.3 + 0.8 * rand(),
      dip: 0.6 + 0.3 * rand(),
      festival: { eve: { lift: 1.2 + 0.4 * rand(), lead: 10 }, ...special },
      awayAtSpring: 0.35 + 0.35 * rand(),
      priceFen: 100 * Math.round(3 + 60 * rand()),
    };
  });
}

/** Multiplier from a festival with a ramp over `lead` days before it (highest the day before) and the day itself. */
function festivalEffect(day: number, dates: number[], lift: number, lead: number): number {
  let m = 1;
  for (const d of dates) {
    const ahead = d - day;
    if (ahead === 0) m *= 1 + (lift - 1) * 0.8;
    else if (ahead > 0 && ahead <= lead) m *= 1 + (lift - 1) * Math.pow(1 - (ahead - 1) / lead, 1.5);
    else if (ahead < 0 && ahead >= -2) m *= 0.8 + 0.1 * -ahead; // a little after
  }
  return m;
}

function negBinomial(rand: () => number, mean: number, shape: number): number {
  // Gamma(shape, mean/shape) by Marsaglia–Tsang, then Poisson by Knuth (or normal for large means).
  const d = shape - 1 / 3, c = 1 / Math.sqrt(9 * d);
  let g: number;
  for (;;) {
    const z = gauss(rand), v = Math.pow(1 + c * z, 3);
    if (v > 0 && Math.log(rand()) < 0.5 * z * z + d - d * v + d * Math.log(v)) { g = d * v; break; }
  }
  const lam = (mean * g) / shape;
  if (lam > 60) return Math.max(0, Math.round(lam + Math.sqrt(lam) * gauss(rand)));
  const L = Math.exp(-lam);
  let k = 0, p = 1;
  for (;;) { p *= rand(); if (p <= L) return k; k++; }
}

function gauss(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

export function generate(opts: GeneratorOptions): GeneratedRow[] {
  const rand = prng(opts.seed);
  const nDays = opts.days ?? 730;
  const last = dayOf(opts.end);
  const first = last - nDays + 1;
  const products = makeProducts(rand, opts.products ?? 20, opts.scale ?? 1);
  const y0 = new Date(first * DAY_MS).getUTCFullYear();
  const fest = festivalDays([y0 - 1, y0, y0 + 1, y0 + 2, y0 + 3]);
  const stockoutRate = opts.stockoutRate ?? 0.03;
  // One city's weather, shared by every product.
  const temps: number[] = [], rains: number[] = [];
  let anomaly = 0;
  for (let d = first; d <= last; d++) {
    const doy = (d - dayOf(`${new Date(d * DAY_MS).getUTCFullYear()}-01-01`)) / 365.25;
    anomaly = 0.75 * anomaly + 2.2 * gauss(rand);
    temps.push(Math.round((21 + 12 * Math.cos(2 * Math.PI * (doy - 0.56)) + anomaly) * 10) / 10);
    const wet = 0.2 + 0.25 * Math.exp(-Math.pow((doy - 0.47) / 0.06, 2)); // 梅雨 in June
    rains.push(rand() < wet ? Math.round(-12 * Math.log(1 - rand()) * 10) / 10 : 0);
  }
  const rows: GeneratedRow[] = [];
  for (const p of products) {
    let level = 0, price = p.priceFen, promoLeft = 0, dipLeft = 0;
    for (let d = first; d <= last; d++) {
      const i = d - first;
      const date = ymd(d);
      const detail = chineseDays.getDayDetail(date);
      const weekday = new Date(d * DAY_MS).getUTCDay();
      const onHoliday = detail.name.includes(',') && !detail.work;
      level = 0.97 * level + 0.03 * gauss(rand);
      if (rand() < 0.004) price = Math.round(price * (0.9 + 0.25 * rand())); // a supplier price change
      let promo = false;
      if (promoLeft > 0) { promo = true; promoLeft--; if (promoLeft === 0) dipLeft = 1 + Math.floor(rand() * 2); }
      else if (rand() < 0.04) { promo = true; promoLeft = Math.floor(rand() * 3); if (promoLeft === 0) dipLeft = 1 + Math.floor(rand() * 2); }
      const dipping = !promo && dipLeft > 0 && i > 0;
      if (!promo && dipLeft > 0) dipLeft--;
      const dayPrice = promo ? Math.round(price * (0.7 + 0.15 * rand())) : price;
      const doy = (i % 365.25) / 365.25;
      const season = 1 + p.seasonAmp * Math.cos(2 * Math.PI * (doy - p.peakDoy / 365 + (first % 365) / 365));
      const work = chineseDays.isWorkday(date);
      let m = p.base * Math.exp(level) * (1 + p.growth * i / 365) * season;
      m *= work ? p.weekday[weekday >= 1 && weekday <= 5 ? weekday - 1 : 4]! : p.restDay;
      if (onHoliday) m *= detail.name.includes('春节') ? p.awayAtSpring : detail.name.includes('国庆') ? 0.8 : 1.1;
      if (!onHoliday) {
        const next = chineseDays.getDayDetail(ymd(d + 1));
        if (next.name.includes(',') && !next.work) m *= 1.25; // stocking up before a break
      }
      for (const [k, f] of Object.entries(p.festival)) m *= festivalEffect(d, fest.get(k as Festival)!, f.lift, f.lead);
      const t = temps[i]!, r = rains[i]!;
      m *= Math.exp(p.hot * Math.max(0, t - 26) + p.cold * Math.max(0, 12 - t));
      if (r > 5) m *= 1 + p.rain * Math.min(1, r / 30);
      m *= Math.pow(dayPrice / p.priceFen, p.elasticity);
      if (promo) m *= p.promoLift;
      if (dipping) m *= p.dip;
      const demand = negBinomial(rand, m, 15);
      const stockout = rand() < stockoutRate && demand > 1;
      const units = stockout ? Math.floor(demand * (0.2 + 0.5 * rand())) : demand;
      rows.push({ date, product: p.name, units, price_fen: dayPrice, promo: promo ? 1 : 0, temp_max_c: t, rain_mm: r, stockout: stockout ? 1 : 0, demand: m });
    }
  }
  return rows;
}

export const HISTORY_HEADER = 'date,product,units,price_fen,promo,temp_max_c,rain_mm,stockout';
export const FUTURE_HEADER = 'date,product,price_fen,promo,temp_max_c,rain_mm';

export function historyCsv(rows: GeneratedRow[]): string {
  return [HISTORY_HEADER, ...rows.map((r) => [r.date, r.product, r.units, r.price_fen, r.promo, r.temp_max_c, r.rain_mm, r.stockout].join(','))].join('\n') + '\n';
}

export function futureCsv(rows: GeneratedRow[]): string {
  return [FUTURE_HEADER, ...rows.map((r) => [r.date, r.product, r.price_fen, r.promo, r.temp_max_c, r.rain_mm].join(','))].join('\n') + '\n';
}
