// A second, differently built series for the backtest (so the acceptance is not tuned to one generator's form):
// a random-walk level, a weekday pattern that a 调休 Saturday borrows from Thursday, additive-in-log holiday
// effects (春节 away, other breaks busier), a 中秋 lead-up for a quarter of the products, linear temperature
// response, promotions with a fixed discount and a dip after, and plain Poisson noise.

import chineseDays from 'chinese-days';
import { LunarDay } from 'tyme4ts';
import { prng, type GeneratedRow } from './generator.js';

const DAY_MS = 86_400_000;

export function generateDrift(opts: { seed: number; end: string; products?: number; walk?: number }): GeneratedRow[] {
  const rand = prng(opts.seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const poisson = (l: number) => {
    if (l > 50) return Math.max(0, Math.round(l + Math.sqrt(l) * gauss()));
    let k = 0, p = 1;
    const L = Math.exp(-l);
    for (;;) { p *= rand(); if (p <= L) return k; k++; }
  };
  const walk = opts.walk ?? 0.03;
  const last = Date.parse(`${opts.end}T00:00:00Z`) / DAY_MS, first = last - 729;
  const y0 = new Date(first * DAY_MS).getUTCFullYear();
  const moon = [y0, y0 + 1, y0 + 2].map((y) => {
    const s = LunarDay.fromYmd(y, 8, 15).getSolarDay();
    return Date.UTC(s.getYear(), s.getMonth() - 1, s.getDay()) / DAY_MS;
  });
  const temps = Array.from({ length: 730 }, (_, i) => Math.round((18 + 10 * Math.sin((2 * Math.PI * (first + i - 100)) / 365.25) + 3 * gauss()) * 10) / 10);
  const rows: GeneratedRow[] = [];
  for (let p = 0; p < (opts.products ?? 20); p++) {
    const base = 1 + 50 * rand() ** 2, weekly = Array.from({ length: 7 }, () => 0.6 + 0.8 * rand()), elasticity = -0.5 - 2 * rand();
    const price0 = 500 + Math.floor(3000 * rand());
    let level = 0, promoBefore = false;
    for (let d = first; d <= last; d++) {
      const i = d - first, date = new Date(d * DAY_MS).toISOString().slice(0, 10);
      level = 0.995 * (level + walk * gauss());
      const detail = chineseDays.getDayDetail(date);
      const dow = new Date(d * DAY_MS).getUTCDay();
      const promo = rand() < 0.06;
      const price = promo ? Math.round(price0 * 0.8) : price0;
      let m = base * Math.exp(level) * (1 + 0.3 * Math.sin(2 * Math.PI * (i / 365.25 + p / 20)));
      m *= chineseDays.isWorkday(date) ? weekly[dow === 0 || dow === 6 ? 4 : dow]! : weekly[dow === 0 ? 0 : 6]!;
      if (detail.name.includes(',') && !detail.work) m *= detail.name.includes('春节') ? 0.3 : 1.4;
      m *= Math.pow(price / price0, elasticity) * (promo ? 1.8 : 1) * (promoBefore && !promo ? 0.6 : 1);
      m *= 1 + 0.02 * ((p % 3) - 1) * (temps[i]! - 18);
      if (p % 4 === 0) for (const f of moon) if (f - d >= 0 && f - d <= 10) m *= 3;
      promoBefore = promo;
      const demand = poisson(Math.max(0, m));
      const stockout = rand() < 0.04;
      rows.push({ date, product: `商品${p + 1}`, units: stockout ? Math.floor(demand / 2) : demand, price_fen: price, promo: promo ? 1 : 0,
        temp_max_c: temps[i]!, rain_mm: 0, stockout: stockout ? 1 : 0, demand: m });
    }
  }
  return rows;
}
