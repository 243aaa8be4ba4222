// The product catalog of a community.
import fs from 'node:fs';
import { and, eq, ne, sql } from 'drizzle-orm';
import { preparedFor } from '../store/prepared.js';
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
  return list.map((p) => ({ name: p.name, unit: p.unit, price_fen: p.priceFen, aliases: aliasesOf(p), category: p.category }));
}

export function readCatalogFile(file: string): CatalogEntry[] {
  const data: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!Array.isArray(data)) throw new Error(`${file}: 商品目录必须是 JSON 数组`);
  return data.map((e, i) => {
    const ok = e && typeof e.name === 'string' && e.name.trim() && typeof e.unit === 'string'
      && Number.isInteger(e.price_fen) && e.price_fen > 0;
    if (!ok) throw new Error(`${file}: 第 ${i + 1} 个商品缺少名称、单位或正整数价格(分)`);
    return e as CatalogEntry;
  });
}

/** Inserts or updates products by name (used by seed-demo and tests). */
export function upsertProducts(store: Store, communityId: number, entries: CatalogEntry[], now = Date.now()): void {
  store.db.transaction((tx) => {
    for (const e of entries) {
      const values = {
        communityId, name: e.name.trim(), unit: e.unit, priceFen: e.price_fen, stock: e.stock ?? 0,
        aliases: JSON.stringify(e.aliases ?? []), tier: e.tier ?? '利润', category: e.category ?? '其他',
        status: 'active' as const, updatedAt: now,
      };
      tx.insert(products).values(values)
        .onConflictDoUpdate({ target: [products.communityId, products.name], set: { ...values } }).run();
    }
  });
}
