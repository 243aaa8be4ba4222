// Acceptance of issue 16: on generated 2-year series with every factor, the real CLI's rolling backtest
// (5 cut-offs × 28 days) beats the better naive baseline by at least 25 % WAPE.
import { describe, expect, it } from 'vitest';
import { generate, historyCsv, type GeneratedRow, type GeneratorOptions } from './generator.js';
import { generateDrift } from './generator-drift.js';
import { parseBacktest, runCli, tempDir, writeFile } from './cli-helpers.js';

async function backtestOf(opts: GeneratorOptions | GeneratedRow[]) {
  const file = writeFile(tempDir(), 'h.csv', historyCsv(Array.isArray(opts) ? opts : generate(opts)));
  const res = await runCli(['--backtest', file, '--cutoffs', '5', '--horizon', '28']);
  expect(res.stderr).toBe('');
  expect(res.status).toBe(0);
  return { rows: parseBacktest(res.stdout), stdout: res.stdout };
}

describe('forecast backtest', () => {
  it('beats the better naive baseline by ≥ 25 % WAPE on 20 products × 2 years', async () => {
    const { rows, stdout } = await backtestOf({ seed: 1, end: '2026-11-30' });
    expect(rows.map((r) => r.cutoff)).toEqual(['2026-07-13', '2026-08-10', '2026-09-07', '2026-10-05', '2026-11-02', 'overall']);
    const overall = rows.at(-1)!;
    // Stock-out days are not scored: 20 products × 140 days minus the censored ones.
    expect(overall.days).toBeLessThan(20 * 140);
    expect(overall.days).toBeGreaterThan(20 * 140 * 0.9);
    const best = Math.min(overall.lastWeek, overall.lastYear);
    expect(overall.model).toBeLessThanOrEqual(0.75 * best);
    for (const w of rows) expect(w.model, w.cutoff).toBeLessThan(Math.min(w.lastWeek, w.lastYear));
    const improvement = Number(/比它低 ([\d.]+)%/.exec(stdout)![1]) / 100;
    expect(improvement).toBeCloseTo(1 - overall.model / best, 2);
  }, 120_000);

  // Not one lucky series: other seeds, end dates (so other holidays fall in the windows), volumes and stock-out rates.
  it.each<GeneratorOptions>([
    { seed: 3, end: '2026-02-28', scale: 0.3, products: 12 },
    { seed: 4, end: '2025-10-31', scale: 3, products: 12, stockoutRate: 0.08 },
  ])('also beats it by at least a quarter on seed $seed ending $end', async (opts) => {
    const overall = (await backtestOf(opts)).rows.at(-1)!;
    expect(overall.model).toBeLessThanOrEqual(0.75 * Math.min(overall.lastWeek, overall.lastYear));
  }, 120_000);

  // A level drifting 3 % a day (sd) with slow pull-back; at 5 % a day the model's edge falls to 18–22 % (README).
  it('also beats it by at least a quarter on a differently built series with a drifting level', async () => {
    const overall = (await backtestOf(generateDrift({ seed: 104, end: '2026-09-30', products: 12, walk: 0.03 }))).rows.at(-1)!;
    expect(overall.model).toBeLessThanOrEqual(0.75 * Math.min(overall.lastWeek, overall.lastYear));
  }, 120_000);
});
