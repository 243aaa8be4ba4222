// Digital-twin benchmark: one seed of `lintuan simulate` (30 days × 300 residents through the real bot, in-process,
// simulated time) beside a floor measured in the same run: the same number of resident messages pushed through the
// same bot with no community model (evenly spread over the same days, a session open every day, the clock moved
// once a day instead of once per five-minute slot with events), so the difference is what the twin's model, its
// reads and checks and its finer clock cost. The last line is the
// machine-readable summary. `--days=N --residents=N` to change the size.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runTwin } from '../twin/run.js';
import { loadTwinDefaults } from '../twin/params.js';
import { loadStrategy } from '../twin/strategy.js';
import { startTwinBot } from '../twin/driver.js';
import { readCatalogFile } from '../src/catalog/catalog.js';
import { DATA_DIR } from '../src/config.js';

const arg = (name: string, dflt: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt);
const DAYS = arg('days', 30);
const RESIDENTS = arg('residents', 300);
const START_DAY = '2026-11-01';
const DAY_MS = 86_400_000;

const products = readCatalogFile(path.join(DATA_DIR, 'demo-catalog.json')).map((e) => e.name);
const strategy = loadStrategy(path.join(DATA_DIR, 'twin', 'baseline.json'), products);
const { params } = loadTwinDefaults();

const twin = await runTwin({ days: DAYS, residents: RESIDENTS, strategy, params, seed: 1, startDay: START_DAY });

// The floor: the same bot, the same number of messages, no model.
const t0 = performance.now();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lintuan-bench-twin-'));
const start = Date.parse(`${START_DAY}T00:00+08:00`);
const bot = await startTwinBot({ dbPath: path.join(dir, 'floor.db'), dir, start, campaigns: strategy.campaigns });
for (let i = 0; i < RESIDENTS; i++) await bot.join(`f${i}`, `${1 + (i % 12)}-${101 + i} 邻居${i}`, null, start + Math.floor(i * DAYS * DAY_MS / RESIDENTS / 2));
const perDay = Math.ceil(twin.health.messages / DAYS);
let sent = 0;
for (let d = 0; d < DAYS && sent < twin.health.messages; d++) {
  const open = start + d * DAY_MS + 8 * 3_600_000;
  await bot.advanceTo(open);
  await bot.say('团长', `/开团 第${d + 1}期 20:00 全部`, open);
  for (let k = 0; k < perDay && sent < twin.health.messages; k++, sent++) {
    const at = open + 60_000 + Math.floor(k * 11.9 * 3_600_000 / perDay);
    await bot.say(`f${(d * perDay + k) % RESIDENTS}`, k % 4 === 0 ? '今天天气不错' : `${products[k % products.length]}1`, at);
  }
}
await bot.advanceTo(start + DAYS * DAY_MS);
await bot.stop();
const floorMs = performance.now() - t0;
fs.rmSync(dir, { recursive: true, force: true });

const s = (ms: number) => (ms / 1000).toFixed(1);
console.log(`twin  (${DAYS} days × ${RESIDENTS} residents, real bot): ${s(twin.wallMs)} s wall, ${twin.health.messages} resident messages, ${twin.metrics.orders} orders, peak RSS ${twin.health.peakRssMb} MB, misread ${twin.health.misread}`);
console.log(`floor (${sent} messages, same bot, no model, clock once a day): ${s(floorMs)} s wall`);
console.log(`the model, its reads and checks cost ${s(twin.wallMs - floorMs)} s above the floor; acceptance: ≤ 60 s per seed → ${twin.wallMs <= 60_000 ? 'met' : 'NOT met'}`);
console.log(JSON.stringify({ days: DAYS, residents: RESIDENTS, twinMs: twin.wallMs, floorMs: Math.round(floorMs), messages: twin.health.messages, orders: twin.metrics.orders, peakRssMb: twin.health.peakRssMb }));
