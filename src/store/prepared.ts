// Statements on per-message paths are built and prepared once per store: an unprepared drizzle
// query costs a query build plus an SQLite prepare on every call (tens to hundreds of µs here).
import type { Store } from './db.js';

export function preparedFor<T>(build: (store: Store) => T): (store: Store) => T {
  const cache = new WeakMap<Store, T>();
  return (store) => {
    let value = cache.get(store);
    if (value === undefined) cache.set(store, (value = build(store)));
    return value;
  };
}
