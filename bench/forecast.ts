// Forecast benchmark (issue 16: each backtest cut-off ≤ 10 s on 20 products × 2 years, 28-day horizon).
// On the tests' generated series it times, per cut-off, the model (fit + 28-day recursive forecast of every
// product, scored) beside two floors measured in the same run: reading and checking the CSV, and the naive
// baselines of the same cut-off; and the backtest's WAPE. Last line: machine-readable summary.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { byProductDay, cutoffDays, emptyAcc, scoreWindow } from '../src/forecast/backtest.js';
import { readHistory } from '../src/forecast/csv.js';
import { generate, historyCsv } from '../tests/forecast/generator.js';

const CUTOFFS = 5, HORIZON = 28, REPEAT = 3;
const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lintuan-bench-')), 'history.csv');
fs.writeFileSync(file, historyCsv(generate({ seed: 1, end: '2026-11-30' })));

const time = (f: () => void) => { const t = performance.now(); f(); return performance.now() - t; };
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

let history = readHistory(file); // warm-up: module and calendar caches
const read = median(Array.from({ length: REPEAT }, () => time(() => { history = readHistory(file); })));
const byProduct = byProductDay(history);
const days = cutoffDays(history, CUTOFFS, HORIZON);
scoreWindow(byProduct, days[0]!, HORIZON, [emptyAcc()]); // warm-up
const naive: number[] = [], model: number[] = [];
const total = emptyAcc();
for (const cutoff of days) {
  naive.push(median(Array.from({ length: REPEAT }, () => time(() => scoreWindow(byProduct, cutoff, HORIZON, [emptyAcc()], false)))));
  model.push(median(Array.from({ length: REPEAT }, (_, k) => time(() => scoreWindow(byProduct, cutoff, HORIZON, k === 0 ? [total] : [emptyAcc()])))));
}
const wape = (m: keyof typeof total.abs) => total.abs[m] / total.actual;
const best = Math.min(wape('last_week'), wape('last_year'));
console.log(`series: ${byProduct.size} products × ${new Set(history.map((h) => h.day)).size} days (${history.length} rows), ${CUTOFFS} cut-offs × ${HORIZON} days`);
console.log(`floor  read+check CSV: ${read.toFixed(0)} ms; naive baselines per cut-off: ${median(naive).toFixed(1)} ms`);
console.log(`model  per cut-off: median ${median(model).toFixed(0)} ms, max ${Math.max(...model).toFixed(0)} ms (limit 10000 ms) = ${(median(model) / read).toFixed(1)}× reading the CSV`);
console.log(`WAPE   model ${wape('model').toFixed(3)}, last week ${wape('last_week').toFixed(3)}, last year ${wape('last_year').toFixed(3)}: ${((1 - wape('model') / best) * 100).toFixed(1)}% better than the better baseline`);
console.log(JSON.stringify({ products: byProduct.size, rows: history.length, read_ms: Math.round(read), naive_ms: +median(naive).toFixed(1), cutoff_ms_median: Math.round(median(model)), cutoff_ms_max: Math.round(Math.max(...model)), wape_model: +wape('model').toFixed(4), improvement: +(1 - wape('model') / best).toFixed(4) }));
