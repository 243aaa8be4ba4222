// One compiled parser per community catalog, rebuilt only when the catalog changes.
import type { Store } from '../store/db.js';
import type { Product } from '../store/schema.js';
import { listProducts, toParserCatalog } from '../catalog/catalog.js';
import { createParser, normalize, type Parser } from '../nlu/index.js';
import { buildCatalogIndex, findProducts, type CatalogIndex } from '../nlu/catalog-match.js';

export interface CompiledCatalog {
  parser: Parser;
  products: Product[];
  byName: Map<string, Product>;
  /** Catalog names mentioned in a text, in order (e.g. the products a leader's post is about). */
  mentions(text: string): string[];
  /** Where the first product is named in the normalized text (-1 when none is). */
  firstProductAt(text: string): number;
}

export class CatalogCache {
  private compiled = new Map<number, CompiledCatalog>();

  constructor(private readonly store: Store) {}

  get(communityId: number): CompiledCatalog {
    let c = this.compiled.get(communityId);
    if (!c) {
      const products = listProducts(this.store, communityId);
      const catalog = toParserCatalog(products);
      const index: CatalogIndex = buildCatalogIndex(catalog);
      c = {
        parser: createParser(catalog),
        products,
        byName: new Map(products.map((p) => [p.name, p])),
        mentions: (text) => findProducts(index, normalize(text))
          .filter((s) => s.products.length === 1)
          .map((s) => catalog[s.products[0]!]!.name),
        firstProductAt: (text) => findProducts(index, normalize(text))[0]?.start ?? -1,
      };
      this.compiled.set(communityId, c);
    }
    return c;
  }

  /**
   * Compiles every community's catalog and loads the models and jieba's dictionary behind them, so the first
   * resident message after start-up is answered as fast as the rest (loading them lazily takes about a second).
   */
  warm(communityIds: readonly number[]): void {
    for (const id of communityIds) this.get(id).parser.parse('大家早上好');
  }

  /** Call after any catalog write of that community. */
  invalidate(communityId: number): void { this.compiled.delete(communityId); }
}
