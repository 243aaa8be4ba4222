import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createParser } from '../../src/nlu/index.js';
import { MAX_QTY } from '../../src/nlu/order.js';
import { loadCatalogs } from './labelled.js';

const catalogs = loadCatalogs();
const parser = createParser(Object.values(catalogs).flat());
const names = Object.values(catalogs).flat().map((p) => p.name);

// Pieces residents type, so random strings hit the interesting paths and not only noise.
const piece = fc.oneof(
  fc.constantFrom(...names, '苹果', '草莓', '鸡蛋', '+', '+1', 'x', '×', '*', '-', '.', '、', '，', '\n', '1.', '#接龙', '取消', '改成', '不要了', '多少钱', '?', '半', '两', '十', '百', '千', '万', '斤', '公斤', '克', '盒', '个', '3-501', '5栋302', '王姐', '\u200b', '👍', '０', '１'),
  fc.integer({ min: -1e12, max: 1e12 }).map(String),
  fc.double({ noNaN: false }).map(String),
  fc.string({ maxLength: 6 }),
);
const message = fc.array(piece, { maxLength: 12 }).map((xs) => xs.join(''));

/** A guard against a blow-up (catastrophic backtracking, a quadratic loop), not a speed claim: bench:nlu measures speed. */
const BLOW_UP_MS = 200;

/**
 * Parse cost of one input: the best of up to three tries, so a GC pause or a busy CI core does not
 * fail the run, while an input that is really slow (a blow-up in the parser) still does.
 */
function costMs(text: string, c?: Parameters<typeof parser.parse>[1]): number {
  let best = Infinity;
  for (let i = 0; i < 3 && best >= BLOW_UP_MS; i++) {
    const t0 = performance.now();
    parser.parse(text, c);
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}
const ctx = fc.record({ previous: fc.option(message, { nil: undefined }), recent: fc.option(fc.constantFrom(...names, '不存在'), { nil: undefined }) });

describe('parser properties', () => {
  it('never throws, never blows up (over 200 ms), never orders a quantity ≤ 0, not finite or absurd', () => {
    fc.assert(fc.property(message, ctx, (text, c) => {
      const r = parser.parse(text, c);
      expect(costMs(text, c)).toBeLessThan(BLOW_UP_MS);
      for (const it of r.items) {
        expect(Number.isFinite(it.qty)).toBe(true);
        expect(it.qty).toBeGreaterThan(0);
        expect(it.qty).toBeLessThanOrEqual(MAX_QTY * 10); // 接龙 may add a few lines of one product
        expect(names).toContain(it.product);
      }
    }), { numRuns: 3000 });
  });

  it('flags any written quantity above the limit as absurd', () => {
    fc.assert(fc.property(fc.constantFrom(...names), fc.integer({ min: MAX_QTY + 1, max: 1e9 }), (name, n) => {
      const r = parser.parse(`${name}${n}${catalogs.fruit.concat(...Object.values(catalogs)).find((p) => p.name === name)!.unit}`);
      expect(r.items).toEqual([]);
      expect(r.rejected?.reason).toBe('absurd_qty');
    }), { numRuns: 300 });
  });

  it('handles long and hostile inputs quickly', () => {
    for (const text of ['苹'.repeat(5000), '1'.repeat(5000), '+'.repeat(3000) + '1', '1.\n'.repeat(2000), '苹果2斤，'.repeat(500)]) {
      expect(costMs(text)).toBeLessThan(BLOW_UP_MS);
    }
  });
});
