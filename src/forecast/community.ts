// The forecaster in the bot: each community's own daily sales per product (live orders; a day with a line refused
// or cut for lack of stock is a stock-out day, its sales censored), the product's current price, no promotion, and
// the weather provider's forecast (else a mild constant: the bot records no weather history, so weather then adds
// nothing). Trained once per community and day (the nightly pass warms it); until a product has 4 weeks of history
// the forecast is the recent daily mean and says so (`fallback`).
import { and, eq, gte, inArray, isNull, lt, ne, sql } from 'drizzle-orm';
import type { Store } from '../store/db.js';
import { orderItems, orders, products } from '../store/schema.js';
import { orderShortfalls } from '../store/schema-stock.js';
import { LIVE_STATUSES } from '../ordering/summary.js';
import { shanghaiDay, startOfShanghaiDay } from '../time.js';
import { dayNumber } from './days.js';
import { forecastProduct, type HistoryDay, type PlannedDay } from './forecaster.js';
import { fileWeatherProvider, type WeatherProvider } from './weather.js';

const DAY_MS = 86_400_000;
/** Two years of history at most: what the model's season terms use. */
const HISTORY_DAYS = 730;
/** Days forecast ahead (today included). */
export const OUTLOOK_DAYS = 14;
const MILD = { tempMaxC: 20, rainMm: 0 };

export interface ProductOutlook {
  productId: number;
  name: string;
  unit: string;
  /** Expected units per day (base unit), from today on, OUTLOOK_DAYS entries. */
  daily: number[];
  /** Fewer than 4 weeks of history: the recent daily mean, not the model. */
  fallback: boolean;
  observedDays: number;
}

const cache = new WeakMap<Store, Map<string, Map<number, ProductOutlook>>>();

/** Every product on sale or in stock of a community, by product id; computed at most once per community and day. */
export function communityOutlook(store: Store, communityId: number, now: number, weather: WeatherProvider = defaultWeather()): Map<number, ProductOutlook> {
  const key = `${communityId}:${shanghaiDay(now)}`;
  const perStore = cache.get(store) ?? new Map<string, Map<number, ProductOutlook>>();
  cache.set(store, perStore);
  const hit = perStore.get(key);
  if (hit) return hit;
  const outlook = computeOutlook(store, communityId, now, weather);
  for (const k of perStore.keys()) if (k.startsWith(`${communityId}:`)) perStore.delete(k);
  perStore.set(key, outlook);
  return outlook;
}

/** The nightly pass: trains every community's outlook for the new day. */
export function warmOutlooks(store: Store, communityIds: readonly number[], now: number): number {
  for (const id of communityIds) communityOutlook(store, id, now);
  return communityIds.length;
}

let weatherProvider: WeatherProvider | undefined;
function defaultWeather(): WeatherProvider {
  // The shipped file has only a header; a bad file must not stop /补货: no forecasts then.
  try { return (weatherProvider ??= fileWeatherProvider()); } catch { return { forecast: () => null }; }
}

function computeOutlook(store: Store, communityId: number, now: number, weather: WeatherProvider): Map<number, ProductOutlook> {
  const today = startOfShanghaiDay(now);
  const from = today - HISTORY_DAYS * DAY_MS;
  const list = store.db.select({ id: products.id, name: products.name, unit: products.unit, priceFen: products.priceFen })
    .from(products).where(and(eq(products.communityId, communityId), ne(products.status, 'inactive'))).all();
  // Units per product and Shanghai day (order time + 8 h, whole days).
  const dayOf = sql<number>`cast((${orders.createdAt} + 28800000) / 86400000 as integer)`;
  const sold = store.db.select({ productId: orderItems.productId, day: dayOf, milli: sql<number>`sum(${orderItems.qty})` })
    .from(orderItems).innerJoin(orders, eq(orders.id, orderItems.orderId))
    .where(and(eq(orders.communityId, communityId), inArray(orders.status, [...LIVE_STATUSES]), isNull(orderItems.cancelledAt), gte(orders.createdAt, from), lt(orders.createdAt, today)))
    .groupBy(orderItems.productId, dayOf).all();
  const shortDay = sql<number>`cast((${orderShortfalls.at} + 28800000) / 86400000 as integer)`;
  const short = store.db.selectDistinct({ productId: orderShortfalls.productId, day: shortDay }).from(orderShortfalls)
    .where(and(eq(orderShortfalls.communityId, communityId), gte(orderShortfalls.at, from), lt(orderShortfalls.at, today))).all();
  // Epoch days (days since 1970-01-01 in Shanghai) → the forecaster's day numbers.
  const epochToday = Math.floor((today + 8 * 3600_000) / DAY_MS);
  const offset = dayNumber(shanghaiDay(now))! - epochToday;
  const units = new Map<number, Map<number, number>>();
  for (const r of sold) {
    const m = units.get(r.productId) ?? new Map<number, number>();
    m.set(r.day + offset, Number(r.milli) / 1000);
    units.set(r.productId, m);
  }
  const stockouts = new Set(short.map((r) => `${r.productId}:${r.day + offset}`));
  const firstDay = dayNumber(shanghaiDay(now))!;
  const weatherOf = (d: number) => {
    const w = weather.forecast(shanghaiDay((d - offset) * DAY_MS));
    return w ? { tempMaxC: w.temp_max_c, rainMm: w.rain_mm } : MILD;
  };
  const out = new Map<number, ProductOutlook>();
  for (const p of list) {
    const daysSold = units.get(p.id) ?? new Map<number, number>();
    const start = daysSold.size ? Math.min(...daysSold.keys()) : firstDay - 1;
    const history: HistoryDay[] = [];
    for (let d = start; d < firstDay; d++) {
      history.push({ day: d, units: daysSold.get(d) ?? 0, stockout: stockouts.has(`${p.id}:${d}`), priceFen: p.priceFen, promo: false, ...MILD });
    }
    const planned: PlannedDay[] = Array.from({ length: OUTLOOK_DAYS }, (_, k) => ({ day: firstDay + k, priceFen: p.priceFen, promo: false, ...weatherOf(firstDay + k) }));
    const f = forecastProduct(history, planned);
    out.set(p.id, { productId: p.id, name: p.name, unit: p.unit, daily: f.units.map((u) => Math.max(0, u)), fallback: f.fallback, observedDays: f.observedDays });
  }
  return out;
}

/** Expected units over the next `days` days (today included). */
export const expectedOver = (o: ProductOutlook, days: number) => o.daily.slice(0, days).reduce((s, u) => s + u, 0);
