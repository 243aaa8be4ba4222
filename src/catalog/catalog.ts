// The product catalog of a community.
import fs from 'node:fs';
import { and, eq, ne, sql } from 'drizzle-orm';
import { preparedFor } from '../store/prepared.js';
import { roundQty } from '../quantity.js';
import type { Store } from '../store/db.js';
import { products, type Product } from '../store/schema.js';
import type { CatalogProduct } from '../nlu/types.js';

export interface CatalogEntry {
  name: string;
  unit: string;
  price_fen: number;
  stock?: number;
  aliases?: string[];
  tier?: Product['tier'];
  category?: string;
  /** Pack sizes in the product's unit: {"箱": 12} = 1箱 is 12瓶 (optional). */
  packs?: Record<string, number>;
}

/** Products a resident can order or ask about (not taken down). */
export function listProducts(store: Store, communityId: number): Product[] {
  return store.db.select().from(products)
    .where(and(eq(products.communityId, communityId), ne(products.status, 'inactive')))
    .orderBy(products.id).all();
}

/** What is left of a product now (the cached catalog is for names and prices, not for stock). */
const stockQuery = preparedFor((store) => store.db.select({ stock: products.stock, reserved: products.reserved }).from(products)
  .where(eq(products.id, sql.placeholder('id'))).prepare());

/** Units an ordinary order can still take (stock above the presale reserve). */
export function productStock(store: Store, productId: number): number {
  const row = stockQuery(store).get({ id: productId });
  return row ? Math.max(0, row.stock - row.reserved) : 0;
}

export function aliasesOf(p: Product): string[] {
  try {
    const list: unknown = JSON.parse(p.aliases);
    return Array.isArray(list) ? list.filter((a): a is string => typeof a === 'string') : [];
  } catch {
    return [];
  }
}

/** What the parser needs to know of a product. */
export function toParserCatalog(list: Product[]): CatalogProduct[] {
  return list.map((p) => {
    const packs = packsOf(p);
    return { name: p.name, unit: p.unit, price_fen: p.priceFen, aliases: aliasesOf(p), category: p.category, ...(Object.keys(packs).length ? { packs } : {}) };
  });
}

/** The product's pack sizes (products.packs JSON); {} when none or unreadable. */
export function packsOf(p: Pick<Product, 'packs'>): Record<string, number> {
  try {
    const v: unknown = JSON.parse(p.packs);
    if (!v || typeof v !== 'object' || Array.isArray(v)) return {};
    return Object.fromEntries(Object.entries(v).filter(([k, n]) => k && typeof n === 'number' && Number.isFinite(n) && n > 0));
  } catch {
    return {};
  }
}

export function readCatalogFile(file: string): CatalogEntry[] {
  const data: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!Array.isArray(data)) throw new Error(`${file}: 商品目录必须是 JSON 数组`);
  return data.map((e, i) => {
    const ok = e && typeof e.name === 'string' && e.name.trim() && typeof e.unit === 'string'
      && Number.isInteger(e.price_fen) && e.price_fen > 0;
    if (!ok) throw new Error(`${file}: 第 ${i + 1} 个商品缺少名称、单位或正整数价格(分)`);
    const packsOk = e.packs === undefined || (e.packs && typeof e.packs === 'object' && !Array.isArray(e.packs)
      && Object.values(e.packs).every((n) => Number.isInteger(n) && (n as number) > 0));
    if (!packsOk) throw new Error(`${file}: 第 ${i + 1} 个商品的 packs 要写成 {"箱": 12}（整箱的件数，正整数）`);
    return e as CatalogEntry;
  });
}

/** Inserts or updates products by name (used by seed-demo and tests). */
export function upsertProducts(store: Store, communityId: number, entries: CatalogEntry[], now: number): void {
  store.db.transaction((tx) => {
    for (const e of entries) {
      const values = {
        communityId, name: e.name.trim(), unit: e.unit, priceFen: e.price_fen, stock: e.stock ?? 0,
        aliases: JSON.stringify(e.aliases ?? []), tier: e.tier ?? '利润', category: e.category ?? '其他', packs: JSON.stringify(e.packs ?? {}),
        status: 'active' as const, updatedAt: now,
      };
      tx.insert(products).values(values)
        .onConflictDoUpdate({ target: [products.communityId, products.name], set: { ...values } }).run();
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Catalog writes by the leader (/上架 /下架 /改价 /库存) and the value pyramid (/选品).
// Every function is scoped by communityId: a leader can never reach another community's products.

export type Tier = Product['tier'];
export const TIERS: readonly Tier[] = ['引流', '利润', '爆品', '体验'];

/** Target share (percent) of each tier among the SKUs on sale: the value pyramid. */
export const TIER_TARGETS: Readonly<Record<Tier, number>> = { 引流: 5, 利润: 60, 爆品: 30, 体验: 5 };

/** Highest price a leader may set: anything above is a typo. */
export const MAX_PRICE_FEN = 100_000 * 100;
/** Highest stock a leader may set. */
export const MAX_STOCK = 1_000_000;

export type PriceParse =
  | { ok: true; fen: number }
  | { ok: false; reason: 'unparsable' | 'not_positive' | 'too_high' };

/** Yuan as a leader writes it ("6", "6.5", "¥6.50", "６元", "0.5") → integer fen, exactly (no float maths). */
export function parsePriceFen(text: string): PriceParse {
  const t = text.normalize('NFKC').trim().replace(/^[¥]/, '').replace(/(?:元|块)$/, '').trim();
  const m = /^(\d{1,9})(?:\.(\d{1,2})?)?$/.exec(t) ?? /^()\.(\d{1,2})$/.exec(t);
  if (!m) return /^-/.test(t) ? { ok: false, reason: 'not_positive' } : { ok: false, reason: 'unparsable' };
  const fen = Number(m[1] || '0') * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  if (fen <= 0) return { ok: false, reason: 'not_positive' };
  if (fen > MAX_PRICE_FEN) return { ok: false, reason: 'too_high' };
  return { ok: true, fen };
}

/** A non-negative quantity as a leader writes it ("200", "１.５", "200斤" when unit is 斤) → number, else null. */
export function parseStock(text: string, unit?: string): number | null {
  let t = text.normalize('NFKC').trim();
  if (unit && t.endsWith(unit)) t = t.slice(0, -unit.length).trim();
  if (!/^\d{1,9}(?:\.\d{1,2})?$/.test(t)) return null;
  const n = Number(t);
  return n <= MAX_STOCK ? n : null;
}

/** Tier word, also with 品 ("利润品") → tier, else undefined. */
export function parseTier(word: string): Tier | undefined {
  const w = word.normalize('NFKC').trim().replace(/^(引流|利润|体验)品$/, '$1');
  return (TIERS as readonly string[]).includes(w) ? (w as Tier) : undefined;
}


/** Any product of the community with this exact name, also one that was taken down. */
export function productByName(store: Store, communityId: number, name: string): Product | undefined {
  return store.db.select().from(products)
    .where(and(eq(products.communityId, communityId), eq(products.name, name.normalize('NFKC').trim()))).get();
}

/** The product a leader command names: exact name first (also taken down), else one on sale with that alias. */
export function findProduct(store: Store, communityId: number, nameOrAlias: string): Product | undefined {
  const key = nameOrAlias.normalize('NFKC').trim();
  if (!key) return undefined;
  const exact = productByName(store, communityId, key);
  if (exact) return exact;
  const byAlias = listProducts(store, communityId).filter((p) => aliasesOf(p).includes(key));
  return byAlias.length === 1 ? byAlias[0] : undefined;
}

export interface ListingInput {
  name: string;
  unit: string;
  priceFen: number;
  stock: number;
  /** Kept as it was when re-listing without one; 利润 for a new product. */
  tier?: Tier;
  /** Replace the aliases when given; kept as they were otherwise. */
  aliases?: string[];
  /** Replace the pack sizes when given ({"箱": 12}); kept as they were otherwise. */
  packs?: Record<string, number>;
}

export type ListingResult = { product: Product; outcome: 'created' | 'reactivated' | 'updated'; before?: Product };

/** /上架: creates the product, or re-activates and updates the one of that name (the presale reserve never exceeds the new stock). */
export function listProduct(store: Store, communityId: number, input: ListingInput, now: number): ListingResult {
  return store.db.transaction((tx) => {
    const name = input.name.normalize('NFKC').trim();
    const before = productByName(store, communityId, name);
    const aliases = input.aliases ? JSON.stringify(input.aliases) : undefined;
    const packs = input.packs ? JSON.stringify(input.packs) : undefined;
    if (!before) {
      const product = tx.insert(products).values({
        communityId, name, unit: input.unit, priceFen: input.priceFen, stock: roundQty(input.stock),
        aliases: aliases ?? '[]', packs: packs ?? '{}', tier: input.tier ?? '利润', status: 'active', reserved: 0, updatedAt: now,
      }).returning().get();
      return { product, outcome: 'created' as const };
    }
    const stock = roundQty(input.stock);
    const product = tx.update(products).set({
      unit: input.unit, priceFen: input.priceFen, stock, reserved: Math.min(before.reserved, stock),
      ...(aliases ? { aliases } : {}), ...(packs ? { packs } : {}), ...(input.tier ? { tier: input.tier } : {}),
      status: 'active', updatedAt: now,
    }).where(and(eq(products.id, before.id), eq(products.communityId, communityId))).returning().get();
    return { product, outcome: before.status === 'inactive' ? 'reactivated' as const : 'updated' as const, before };
  });
}

export type DelistResult = { ok: true; product: Product } | { ok: false; reason: 'unknown' | 'already_inactive'; product?: Product };

/** /下架: the product stays in the store (orders keep their lines) but can no longer be ordered or seen. */
export function delistProduct(store: Store, communityId: number, nameOrAlias: string, now: number): DelistResult {
  const found = findProduct(store, communityId, nameOrAlias);
  if (!found) return { ok: false, reason: 'unknown' };
  if (found.status === 'inactive') return { ok: false, reason: 'already_inactive', product: found };
  const product = store.db.update(products).set({ status: 'inactive', updatedAt: now })
    .where(and(eq(products.id, found.id), eq(products.communityId, communityId))).returning().get();
  return { ok: true, product };
}

/** /改价: the new price; orders placed from a stale catalog are re-priced by the order path. */
export function setProductPrice(store: Store, communityId: number, productId: number, priceFen: number, now: number): Product | undefined {
  return store.db.update(products).set({ priceFen, updatedAt: now })
    .where(and(eq(products.id, productId), eq(products.communityId, communityId))).returning().get();
}

export type StockChange =
  | { kind: 'set'; stock: number }
  | { kind: 'add'; delta: number }
  /** Hold back a share (0–100 %) of the current stock for presale. */
  | { kind: 'reserve_share'; percent: number }
  /** Hold back this many units for presale. */
  | { kind: 'reserve_units'; units: number };

export type StockResult =
  | { ok: true; before: Product; product: Product }
  | { ok: false; reason: 'unknown' | 'negative' | 'too_high' | 'reserve_exceeds_stock' | 'no_stock'; product?: Product };

/** /库存: set, add to / take from the stock, or set the presale reserve. Never below 0; the reserve never exceeds the stock. */
export function changeStock(store: Store, communityId: number, productId: number, change: StockChange, now: number): StockResult {
  return store.db.transaction((tx) => {
    const before = tx.select().from(products)
      .where(and(eq(products.id, productId), eq(products.communityId, communityId))).get();
    if (!before) return { ok: false as const, reason: 'unknown' as const };
    let stock = before.stock;
    let reserved = before.reserved;
    if (change.kind === 'set' || change.kind === 'add') {
      stock = roundQty(change.kind === 'set' ? change.stock : before.stock + change.delta);
      if (stock < 0) return { ok: false as const, reason: 'negative' as const, product: before };
      if (stock > MAX_STOCK) return { ok: false as const, reason: 'too_high' as const, product: before };
      reserved = Math.min(reserved, stock);
    } else {
      const wanted = change.kind === 'reserve_share' ? reserveOf(before.stock, change.percent) : roundQty(change.units);
      if (wanted > 0 && before.stock <= 0) return { ok: false as const, reason: 'no_stock' as const, product: before };
      if (wanted > before.stock) return { ok: false as const, reason: 'reserve_exceeds_stock' as const, product: before };
      reserved = wanted;
    }
    const product = tx.update(products).set({ stock, reserved, updatedAt: now })
      .where(and(eq(products.id, productId), eq(products.communityId, communityId))).returning().get();
    return { ok: true as const, before, product };
  });
}

/** Units held back for a share of the stock: whole units when the stock is whole, else to 0.01. */
export function reserveOf(stock: number, percent: number): number {
  const raw = (stock * percent) / 100;
  return Number.isInteger(stock) ? Math.min(stock, Math.round(raw)) : Math.min(stock, roundQty(raw));
}

export interface TierShare {
  tier: Tier;
  count: number;
  /** Whole percent of the SKUs on sale. */
  percent: number;
  target: number;
  /** SKUs this tier should have at the current assortment size (at least 1 from 4 SKUs on). */
  targetCount: number;
  /** targetCount − count: > 0 too few, < 0 too many. */
  gap: number;
}

/** The value pyramid of an assortment: per tier its count and share against the target. */
export function pyramid(list: readonly Pick<Product, 'tier'>[]): { total: number; tiers: TierShare[] } {
  const total = list.length;
  const tiers = TIERS.map((tier) => {
    const count = list.filter((p) => p.tier === tier).length;
    const target = TIER_TARGETS[tier];
    // Once there are enough SKUs for every tier, each tier of the pyramid should have at least one.
    const targetCount = Math.max(total >= TIERS.length ? 1 : 0, Math.round((total * target) / 100));
    return { tier, count, percent: total ? Math.round((count * 100) / total) : 0, target, targetCount, gap: targetCount - count };
  });
  return { total, tiers };
}
