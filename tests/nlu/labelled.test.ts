import { describe, expect, it } from 'vitest';
import { createParser } from '../../src/nlu/index.js';
import { itemsMatch, loadCatalogs, loadLabelled } from './labelled.js';

describe('labelled set', () => {
  const catalogs = loadCatalogs();
  const parsers = Object.fromEntries(Object.entries(catalogs).map(([k, c]) => [k, createParser(c)]));
  const cases = loadLabelled();
  it('has at least 300 lines over every catalog', () => {
    expect(cases.length).toBeGreaterThanOrEqual(300);
    expect(new Set(cases.map((c) => c.catalog)).size).toBe(Object.keys(catalogs).length);
  });
  it('reaches ≥95 % intent accuracy and ≥95 % order exact-match', () => {
    let intentOk = 0, orders = 0, ordersOk = 0;
    for (const c of cases) {
      const r = parsers[c.catalog].parse(c.text, c.ctx);
      if (r.intent === c.intent) intentOk++;
      if (['order', 'cancel', 'modify'].includes(c.intent)) {
        orders++;
        if (r.intent === c.intent && itemsMatch(c, r)) ordersOk++;
      }
    }
    expect(intentOk / cases.length).toBeGreaterThanOrEqual(0.95);
    expect(ordersOk / orders).toBeGreaterThanOrEqual(0.95);
  });
});
