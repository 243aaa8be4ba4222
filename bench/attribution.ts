// Attribution benchmark: 200,000 journeys over 12 touchpoints written to a temp file, then
//   floor  = reading the file and JSON-parsing every line (what any reader of the file must do),
//   path   = what `lintuan attribution` does in-process: read + parse + validate + aggregate + exact Shapley,
//   cli    = the real CLI as a child process (includes Node + tsx start-up),
// all in the same run. Goal: the CLI ≤ 5 s. Last line is the machine-readable summary.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { attributeFile, attributionJson } from '../src/experiments/attribution/cli.js';
import { seededRandom } from '../src/experiments/random.js';

const JOURNEYS = 200_000;
const TOUCHPOINTS = ['直播日', '截单提醒', '爆款测试', '剧本杀', '邀请', '优惠券提醒', '早报', '开团帖', '节气活动', '大促预告', '接龙', '新人券'];
const BIN = fileURLToPath(new URL('../bin/lintuan.js', import.meta.url));

const random = seededRandom(20270508);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lintuan-bench-attr-'));
const file = path.join(dir, 'journeys.jsonl');
const lines: string[] = [];
for (let i = 0; i < JOURNEYS; i++) {
  // Each touchpoint reached with its own probability; conversion rises with what was met (with diminishing returns).
  const met = TOUCHPOINTS.filter((_, k) => random() < 0.08 + 0.03 * (k % 5));
  const lift = met.reduce((s, t) => s + 0.01 + 0.004 * TOUCHPOINTS.indexOf(t), 0);
  const converted = random() < 0.03 + lift / (1 + lift) ? 1 : 0;
  lines.push(JSON.stringify({ touchpoints: met, converted }));
}
fs.writeFileSync(file, lines.join('\n') + '\n');
const mb = fs.statSync(file).size / 1e6;

function best(f: () => void, runs = 5): number {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    min = Math.min(min, performance.now() - t);
  }
  return min;
}

let parsed = 0;
const floorMs = best(() => {
  parsed = 0;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) if (line) { JSON.parse(line); parsed++; }
});
let json = '';
const pathMs = best(() => { json = attributionJson(attributeFile(file)); });
const t = performance.now();
const cli = spawnSync(process.execPath, [BIN, 'attribution', '--journeys', file], { encoding: 'utf8' });
const cliMs = performance.now() - t;
if (cli.status !== 0 || cli.stdout.trim() !== json) throw new Error(`CLI disagrees with the in-process path: ${cli.stderr}`);
const credits = JSON.parse(json) as Record<string, number>;
const sum = Object.values(credits).reduce((s, x) => s + x, 0);

console.log(`file: ${parsed} journeys, ${TOUCHPOINTS.length} touchpoints, ${mb.toFixed(1)} MB`);
console.log(`floor (read + JSON.parse each line): ${floorMs.toFixed(0)} ms (best of 5)`);
console.log(`attribution in-process (read + parse + exact Shapley): ${pathMs.toFixed(0)} ms (best of 5), ${(pathMs / floorMs).toFixed(2)}× floor`);
console.log(`lintuan attribution (child process, incl. start-up): ${cliMs.toFixed(0)} ms — goal ≤ 5000 ms`);
console.log(`credits sum ${sum.toFixed(6)}: ${json}`);
console.log(JSON.stringify({ journeys: parsed, touchpoints: TOUCHPOINTS.length, floor_ms: Math.round(floorMs), path_ms: Math.round(pathMs), cli_ms: Math.round(cliMs), goal_ms: 5000, ok: cliMs <= 5000 }));
fs.rmSync(dir, { recursive: true, force: true });
