// One compiled parser per community catalog, rebuilt only when the catalog changes.
import type { Store } from './store/db.js';
import type { Product } from './store/schema.js';
import { listProducts, toParserCatalog } from './services/catalog.js';
import { createParser, type Parser } from './nlu/index.js';

export interface CompiledCatalog {
  parser: Parser;
  products: Product[];
  byName: Map<string, Product>;
}

export class CatalogCache {
  private compiled = new Map<number, CompiledCatalog>();

  constructor(private readonly store: Store) {}

  get(communityId: number): CompiledCatalog {
    let c = this.compiled.get(communityId);
    if (!c) {
      const products = listProducts(this.store, communityId);
      c = { parser: createParser(toParserCatalog(products)), products, byName: new Map(products.map((p) => [p.name, p])) };
      this.compiled.set(communityId, c);
    }
    return c;
  }

  /** Call after any catalog write of that community. */
  invalidate(communityId: number): void { this.compiled.delete(communityId); }
}
