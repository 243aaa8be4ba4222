// 动态库存预警: 黄/橙/红 levels by days of cover, announced once per crossing, with a replenishment
// suggestion sized from recent sales and the supplier lead time.
//
// Days of cover = on hand (前置仓可售 + 中心仓) ÷ average daily sales. The order path only does
// arithmetic on a per-community cache (averages, thresholds, an estimate of what is on hand); it reads
// the real stock (one prepared primary-key read) only when the estimate says a level was crossed, and
// writes only when it really was. The hourly check reloads the cache and also re-arms recovered products.
import fs from 'node:fs';
import path from 'node:path';
import { and, eq, gte, isNull, ne, notInArray, sql } from 'drizzle-orm';
import type { App } from '../core/types.js';
import type { Store } from '../store/db.js';
import { communities, orderItems, orders, products, type Product } from '../store/schema.js';
import { centreStock, replenishments, stockAlertStates, stockAlerts, stockOuts, stockPolicies, type Replenishment } from '../store/schema-stock.js';
import { preparedFor } from '../store/prepared.js';
import { notifyLeaders } from '../messaging/notify.js';
import { qtyText } from '../quantity.js';
import { DATA_DIR } from '../config.js';

const DAY = 86_400_000;
/** How long cached averages are trusted before the order path reloads them (the ticker reloads hourly anyway). */
export const CACHE_TTL_MS = 3600_000;

export interface StockPolicy {
  yellowDays: number;
  orangeDays: number;
  redDays: number;
  /** Supplier lead time: a purchase arrives this many days after it is confirmed. */
  leadDays: number;
  /** Days of sales a purchase should cover after it arrives. */
  targetDays: number;
  salesWindowDays: number;
  stockOutTargetPercent: number;
}

let defaults: StockPolicy | undefined;
export function defaultPolicy(): StockPolicy {
  defaults ??= JSON.parse(fs.readFileSync(path.join(DATA_DIR, 'stock-policy.json'), 'utf8')) as StockPolicy;
  return defaults;
}

export function policyOf(store: Store, communityId: number): StockPolicy {
  const row = store.db.select().from(stockPolicies).where(eq(stockPolicies.communityId, communityId)).get();
  const base = defaultPolicy();
  return row ? { ...base, yellowDays: row.yellowDays, orangeDays: row.orangeDays, redDays: row.redDays, leadDays: row.leadDays } : base;
}

export type PolicyChange = Partial<Pick<StockPolicy, 'yellowDays' | 'orangeDays' | 'redDays' | 'leadDays'>>;

/** Sets thresholds / lead time; red < orange < yellow is required. Returns the new policy or an error text. */
export function setPolicy(store: Store, communityId: number, change: PolicyChange, now: number): { ok: true; policy: StockPolicy } | { ok: false; message: string } {
  const p = { ...policyOf(store, communityId), ...change };
  if (!(p.redDays > 0 && p.redDays < p.orangeDays && p.orangeDays < p.yellowDays)) {
    return { ok: false, message: `预警天数须满足 红 < 橙 < 黄 且都大于 0（现在会是 黄 ${p.yellowDays} 橙 ${p.orangeDays} 红 ${p.redDays}），没有修改` };
  }
  if (p.yellowDays > 60 || p.leadDays > 60 || p.leadDays < 0) return { ok: false, message: '天数最多 60 天，到货周期不能为负，没有修改' };
  const values = { communityId, yellowDays: p.yellowDays, orangeDays: p.orangeDays, redDays: p.redDays, leadDays: p.leadDays, updatedAt: now };
  store.db.insert(stockPolicies).values(values).onConflictDoUpdate({ target: stockPolicies.communityId, set: values }).run();
  forgetCommunity(store, communityId);
  return { ok: true, policy: p };
}

export const LEVELS = ['', '黄', '橙', '红'] as const;
export const LEVEL_ICONS = ['', '🟡', '🟠', '🔴'] as const;

/** 0 none, 1 黄, 2 橙, 3 红. Products that have not sold in the window never alert. */
export function alertLevel(onHand: number, avgDaily: number, p: StockPolicy): number {
  if (!(avgDaily > 0)) return 0;
  const cover = Math.max(0, onHand) / avgDaily;
  if (cover <= p.redDays) return 3;
  if (cover <= p.orangeDays) return 2;
  if (cover <= p.yellowDays) return 1;
  return 0;
}

/** Units to buy: enough for the lead time plus the target cover, minus what is on hand; whole units, at least 1. */
export function suggestedQty(onHand: number, avgDaily: number, p: StockPolicy): number {
  return Math.max(1, Math.ceil(avgDaily * (p.leadDays + p.targetDays) - Math.max(0, onHand) - 1e-9));
}

export interface ProductSales { productId: number; sold: number; first: number; avgDaily: number }

/**
 * The one average daily sales figure (alerts, /补货, suggestions): `sold` over the window, or over the
 * time since the first sale in it when that is more recent — at least one day.
 */
export function dailySales(sold: number, firstAt: number, now: number, windowDays: number): number {
  if (!(sold > 0)) return 0;
  return sold / Math.max(1, Math.min(windowDays, (now - firstAt) / DAY));
}

/**
 * Sales per product of a community (or of one product): live (not cancelled) order lines of orders not
 * cancelled or refunded, over the window, with their daily average (dailySales).
 */
export function salesOf(store: Store, communityId: number, now: number, windowDays = defaultPolicy().salesWindowDays, productId?: number): Map<number, ProductSales> {
  const since = now - windowDays * DAY;
  const where = [eq(orders.communityId, communityId), gte(orders.createdAt, since), isNull(orderItems.cancelledAt),
    notInArray(orders.status, ['cancelled', 'refunded'])];
  if (productId !== undefined) where.push(eq(orderItems.productId, productId));
  const rows = store.db.select({
    productId: orderItems.productId, sold: sql<number>`sum(${orderItems.qty})`.mapWith(orderItems.qty), first: sql<number>`min(${orders.createdAt})`,
  }).from(orderItems).innerJoin(orders, eq(orders.id, orderItems.orderId))
    .where(and(...where)).groupBy(orderItems.productId).all();
  const out = new Map<number, ProductSales>();
  for (const r of rows) out.set(r.productId, { productId: r.productId, sold: r.sold, first: r.first, avgDaily: dailySales(r.sold, r.first, now, windowDays) });
  return out;
}

interface Entry {
  productId: number;
  /** Sold in the window and the first sale in it (Infinity when none): avgDaily follows them at each order. */
  sold: number;
  first: number;
  avgDaily: number;
  centre: number;
  /** 前置仓可售 + 中心仓, kept current by subtracting what orders take; re-read before any write. */
  onHand: number;
  episode: number;
  level: number;
}

interface CommunityCache { communityId: number; loadedAt: number; policy: StockPolicy; entries: Map<number, Entry> }

const caches = new WeakMap<Store, Map<number, CommunityCache>>();

function cacheMap(store: Store): Map<number, CommunityCache> {
  let m = caches.get(store);
  if (!m) caches.set(store, (m = new Map()));
  return m;
}

/** Drops a community's cached averages and stock (after a restock, a transfer, a policy change, /库存). */
export function forgetCommunity(store: Store, communityId: number): void {
  caches.get(store)?.delete(communityId);
}

const sellable = (p: Pick<Product, 'stock' | 'reserved'>) => Math.max(0, p.stock - p.reserved);

function load(store: Store, communityId: number, now: number): CommunityCache {
  const policy = policyOf(store, communityId);
  const sales = salesOf(store, communityId, now, policy.salesWindowDays);
  const list = store.db.select({ id: products.id, stock: products.stock, reserved: products.reserved }).from(products)
    .where(and(eq(products.communityId, communityId), ne(products.status, 'inactive'))).all();
  const centre = new Map(store.db.select().from(centreStock).where(eq(centreStock.communityId, communityId)).all().map((r) => [r.productId, r.qty]));
  const states = new Map(store.db.select().from(stockAlertStates).where(eq(stockAlertStates.communityId, communityId)).all().map((r) => [r.productId, r]));
  const entries = new Map<number, Entry>();
  for (const p of list) {
    const c = centre.get(p.id) ?? 0;
    const st = states.get(p.id);
    const sold = sales.get(p.id);
    entries.set(p.id, {
      productId: p.id, sold: sold?.sold ?? 0, first: sold?.first ?? Infinity, avgDaily: sold?.avgDaily ?? 0, centre: c, onHand: sellable(p) + c,
      episode: st?.episode ?? 1, level: st?.level ?? 0,
    });
  }
  const cache = { communityId, loadedAt: now, policy, entries };
  cacheMap(store).set(communityId, cache);
  return cache;
}

/** The community's cache, and whether it was (re)loaded just now (then it already reflects the current stock). */
function cacheFor(store: Store, communityId: number, now: number): { cache: CommunityCache; loaded: boolean } {
  const c = cacheMap(store).get(communityId);
  if (c && now - c.loadedAt < CACHE_TTL_MS && now >= c.loadedAt) return { cache: c, loaded: false };
  return { cache: load(store, communityId, now), loaded: true };
}

const st = preparedFor((store: Store) => {
  const p = sql.placeholder;
  return {
    stock: store.db.select({ stock: products.stock, reserved: products.reserved }).from(products).where(eq(products.id, p('id'))).prepare(),
    saveState: store.db.insert(stockAlertStates).values({
      productId: p('productId'), communityId: p('communityId'), episode: p('episode'), level: p('level'), updatedAt: p('now'),
    }).onConflictDoUpdate({ target: stockAlertStates.productId, set: { episode: sql`excluded.episode`, level: sql`excluded.level`, updatedAt: sql`excluded.updated_at` } }).prepare(),
    alert: store.db.insert(stockAlerts).values({
      communityId: p('communityId'), productId: p('productId'), level: p('level'), episode: p('episode'), stock: p('stock'), avgDaily: p('avg'), at: p('now'),
    }).onConflictDoNothing().prepare(),
  };
});

export interface Crossing { productId: number; level: number; episode: number; onHand: number; avgDaily: number; suggestion: Replenishment }

function saveState(store: Store, communityId: number, e: Entry, now: number): void {
  st(store).saveState.run({ productId: e.productId, communityId, episode: e.episode, level: e.level, now });
}

/** A level reached above the one announced: record it (once per product, level, episode), suggest, notify. */
function cross(store: Store, cache: CommunityCache, e: Entry, level: number, now: number): Crossing | null {
  e.level = level;
  saveState(store, cache.communityId, e, now);
  const inserted = st(store).alert.run({ communityId: cache.communityId, productId: e.productId, level, episode: e.episode, stock: e.onHand, avg: e.avgDaily, now });
  if (inserted.changes === 0) return null;
  const suggestion = suggest(store, cache, e, level, now);
  const product = store.db.select().from(products).where(eq(products.id, e.productId)).get()!;
  notifyLeaders(store, cache.communityId, alertText(product, e, level, cache.policy, suggestion), `stock-alert:${e.productId}:${e.episode}:${level}`, now);
  return { productId: e.productId, level, episode: e.episode, onHand: e.onHand, avgDaily: e.avgDaily, suggestion };
}

/** One suggestion per product and episode: created at the first crossing, re-sized while pending when the level worsens. */
function suggest(store: Store, cache: CommunityCache, e: Entry, level: number, now: number): Replenishment {
  const qty = suggestedQty(e.onHand, e.avgDaily, cache.policy);
  const existing = store.db.select().from(replenishments)
    .where(and(eq(replenishments.productId, e.productId), eq(replenishments.episode, e.episode))).get();
  if (!existing) {
    return store.db.insert(replenishments).values({
      communityId: cache.communityId, productId: e.productId, episode: e.episode, level, avgDaily: e.avgDaily,
      leadDays: cache.policy.leadDays, suggestedQty: qty, status: 'pending', createdAt: now,
    }).returning().get();
  }
  if (existing.status !== 'pending') return existing;
  return store.db.update(replenishments).set({ level, avgDaily: e.avgDaily, suggestedQty: qty, leadDays: cache.policy.leadDays })
    .where(eq(replenishments.id, existing.id)).returning().get();
}

const days = (n: number) => (n >= 10 ? String(Math.round(n)) : n.toFixed(1));

function alertText(p: Product, e: Entry, level: number, policy: StockPolicy, s: Replenishment): string {
  const u = p.unit;
  const cover = e.onHand / e.avgDaily;
  return [
    `${LEVEL_ICONS[level]} 库存预警【${LEVELS[level]}】${p.name}：可用 ${qtyText(e.onHand)}${u}（前置仓 ${qtyText(Math.max(0, e.onHand - e.centre))}${u}，中心仓 ${qtyText(e.centre)}${u}），`
      + `近期日均卖 ${qtyText(e.avgDaily)}${u}，约 ${days(cover)} 天卖完`,
    `建议补货 ${qtyText(s.suggestedQty)}${u}（到货周期 ${policy.leadDays} 天 + 备货 ${policy.targetDays} 天的销量，减去现有库存）`,
    `确认采购并入库：/补货 确认 ${p.name} ${qtyText(s.suggestedQty)}`,
  ].join('\n');
}

/**
 * After an order (inside its transaction): for each ordered product, the cached sales and on-hand
 * estimate take the order in (so a product's first day of sales alerts as /补货 shows it); only when that
 * suggests a new level are the real stock and sales read and, if confirmed, the crossing recorded.
 */
export function checkAfterOrder(store: Store, communityId: number, lines: readonly { productId: number; qty: number }[], now: number): Crossing[] {
  const { cache, loaded } = cacheFor(store, communityId, now);
  const window = cache.policy.salesWindowDays;
  const out: Crossing[] = [];
  for (const l of lines) {
    const e = cache.entries.get(l.productId);
    if (!e) continue;
    if (!loaded) {
      e.onHand -= l.qty;
      e.sold += l.qty;
      e.first = Math.min(e.first, now);
    }
    e.avgDaily = dailySales(e.sold, e.first, now, window);
    if (alertLevel(e.onHand, e.avgDaily, cache.policy) <= e.level) continue;
    const real = st(store).stock.get({ id: l.productId });
    if (!real) continue;
    const sales = salesOf(store, communityId, now, window, l.productId).get(l.productId);
    e.onHand = sellable(real) + e.centre;
    e.sold = sales?.sold ?? 0;
    e.first = sales?.first ?? Infinity;
    e.avgDaily = sales?.avgDaily ?? 0;
    const level = alertLevel(e.onHand, e.avgDaily, cache.policy);
    if (level > e.level) {
      const c = cross(store, cache, e, level, now);
      if (c) out.push(c);
    }
  }
  return out;
}

/** Re-checks every product of a community from fresh figures: crossings, and re-arming the recovered. */
export function checkCommunity(store: Store, communityId: number, now: number): { crossings: Crossing[]; rearmed: number } {
  const cache = load(store, communityId, now);
  const crossings: Crossing[] = [];
  let rearmed = 0;
  for (const e of cache.entries.values()) {
    const level = alertLevel(e.onHand, e.avgDaily, cache.policy);
    if (level > e.level) {
      const c = cross(store, cache, e, level, now);
      if (c) crossings.push(c);
    } else if (level === 0 && e.level > 0) {
      // Recovered above the yellow threshold: the next fall is a new episode, announced again.
      e.episode += 1;
      e.level = 0;
      saveState(store, communityId, e, now);
      rearmed++;
    }
  }
  return { crossings, rearmed };
}

/** The hourly pass over every community. */
export function checkInventory(app: App, now = app.now()): { communities: number; crossings: number; rearmed: number } {
  const ids = app.store.db.select({ id: communities.id }).from(communities).all().map((r) => r.id);
  let crossings = 0;
  let rearmed = 0;
  for (const id of ids) {
    const r = app.store.db.transaction(() => checkCommunity(app.store, id, now));
    crossings += r.crossings.length;
    rearmed += r.rearmed;
  }
  if (crossings) app.notifyOutbox();
  return { communities: ids.length, crossings, rearmed };
}

export interface ProductCover { product: Product; front: number; centre: number; avgDaily: number; cover: number | null; level: number; announced: number }

/** Per product of a community: stock by location, average sales, days of cover and level (for /补货). */
export function coverOf(store: Store, communityId: number, now: number): ProductCover[] {
  const policy = policyOf(store, communityId);
  const sales = salesOf(store, communityId, now, policy.salesWindowDays);
  const centre = new Map(store.db.select().from(centreStock).where(eq(centreStock.communityId, communityId)).all().map((r) => [r.productId, r.qty]));
  const states = new Map(store.db.select().from(stockAlertStates).where(eq(stockAlertStates.communityId, communityId)).all().map((r) => [r.productId, r.level]));
  const list = store.db.select().from(products).where(and(eq(products.communityId, communityId), ne(products.status, 'inactive'))).orderBy(products.id).all();
  return list.map((product) => {
    const front = sellable(product);
    const c = centre.get(product.id) ?? 0;
    const avgDaily = sales.get(product.id)?.avgDaily ?? 0;
    return {
      product, front, centre: c, avgDaily, cover: avgDaily > 0 ? (front + c) / avgDaily : null,
      level: alertLevel(front + c, avgDaily, policy), announced: states.get(product.id) ?? 0,
    };
  });
}

export function pendingSuggestions(store: Store, communityId: number, productId?: number): Replenishment[] {
  const where = [eq(replenishments.communityId, communityId), eq(replenishments.status, 'pending')];
  if (productId !== undefined) where.push(eq(replenishments.productId, productId));
  return store.db.select().from(replenishments).where(and(...where)).orderBy(replenishments.id).all();
}

// --- Stock-out rate -------------------------------------------------------------------------------

const soldOutInsert = preparedFor((store: Store) => store.db.insert(stockOuts).values({
  communityId: sql.placeholder('communityId'), productId: sql.placeholder('productId'), sourceMsgId: sql.placeholder('src'), at: sql.placeholder('now'),
}).onConflictDoNothing().prepare());

/** An order attempt refused as sold out (once per message, also when it is re-delivered). */
export function recordSoldOut(store: Store, communityId: number, productId: number, sourceMsgId: string, now: number): void {
  soldOutInsert(store).run({ communityId, productId, src: sourceMsgId, now });
}

export interface StockOutRate { days: number; refused: number; attempts: number; percent: number }

/**
 * 断货率: the share of order attempts refused as sold out over the last `days` days —
 * refused ÷ (orders placed + refused). Orders placed later cancelled still count as attempts served.
 */
export function stockOutRate(store: Store, communityId: number, now: number, days: number): StockOutRate {
  const since = now - days * DAY;
  const refused = store.db.select({ n: sql<number>`count(*)` }).from(stockOuts)
    .where(and(eq(stockOuts.communityId, communityId), gte(stockOuts.at, since))).get()!.n;
  const placed = store.db.select({ n: sql<number>`count(*)` }).from(orders)
    .where(and(eq(orders.communityId, communityId), gte(orders.createdAt, since))).get()!.n;
  const attempts = placed + refused;
  return { days, refused, attempts, percent: attempts ? Math.round((refused * 1000) / attempts) / 10 : 0 };
}

