// NLU benchmark: labelled set accuracy, complaint detection on the hand-written development set
// (tests/nlu/dev-reviews.tsv: the only set thresholds and weights are chosen on) and on real reviews
// (/work/shared/eval: a held-out TEST set, never trained or tuned on, never inspected line by line),
// and parse cost per message. Last line is the machine-readable summary.
// --dev-misses lists the development set's misclassified lines (there is no such option for the test set).
// Group corpus: the dev split (data/nlu/group/*/09.jsonl) and, at the end, the held-out split (tests/nlu/holdout).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createParser } from '../src/nlu/index.js';
import type { CatalogProduct, Parser } from '../src/nlu/index.js';
import { itemsMatch, loadCatalogs, loadDevReviews, loadLabelled } from '../tests/nlu/labelled.js';
import { loadGroupSplit, scoreGroup, withParsers, type GroupSplit } from '../tests/nlu/group-corpus.js';

const EVAL_DIR = fileURLToPath(new URL('../../shared/eval/', import.meta.url));
const verbose = process.argv.includes('--verbose');
const devMisses = process.argv.includes('--dev-misses');
// --dev-only: labelled set and development set only (the loop for choosing thresholds; never reads the test set).
const devOnly = process.argv.includes('--dev-only') || devMisses;

const catalogs = loadCatalogs();
const parsers: Record<string, Parser> = Object.fromEntries(Object.entries(catalogs).map(([k, c]) => [k, createParser(c)]));
const cases = loadLabelled();

// (1) Labelled set.
let intentOk = 0;
let orderTotal = 0;
let orderOk = 0;
for (const c of cases) {
  const r = parsers[c.catalog].parse(c.text, c.ctx);
  const iok = r.intent === c.intent;
  if (iok) intentOk++;
  let ook = true;
  if (c.intent === 'order' || c.intent === 'cancel' || c.intent === 'modify') {
    orderTotal++;
    ook = iok && itemsMatch(c, r);
    if (ook) orderOk++;
  }
  if (verbose && (!iok || !ook)) console.log(`MISS line ${c.line} [${c.catalog}] ${JSON.stringify(c.text)} want ${c.intent} ${JSON.stringify(c.items)} got ${JSON.stringify(r)}`);
}
const intentAcc = intentOk / cases.length;
const orderExact = orderTotal ? orderOk / orderTotal : 1;
console.log(`labelled: ${cases.length} lines, intent_acc=${intentAcc.toFixed(4)}, order_exact=${orderExact.toFixed(4)} (${orderOk}/${orderTotal})`);

// (2) Real reviews (label 0 = negative = complaint).
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field); field = '';
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
    } else field += ch;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}
function loadReviews(file: string): { review: string; negative: boolean }[] {
  const rows = parseCsv(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  const header = rows.shift()!.map((h) => h.trim());
  const li = header.indexOf('label');
  const ri = header.indexOf('review');
  return rows.filter((r) => r[ri] !== undefined && (r[li] === '0' || r[li] === '1')).map((r) => ({ review: r[ri], negative: r[li] === '0' }));
}

// (2a) Development set: hand-written reviews, the set every threshold is chosen on.
const prf = (tp: number, fp: number, fn: number) => {
  const p = tp / (tp + fp), r = tp / (tp + fn);
  return { p, r, f1: 2 * p * r / (p + r) };
};
const allProducts: CatalogProduct[] = Object.values(catalogs).flat();
/** P/R/F1 and false-order rate of one hand-written dev file; `misses` prints its wrong lines. */
function scoreDev(label: string, file: string | undefined, misses: boolean): string {
  const p = createParser(allProducts);
  const dev = loadDevReviews(file);
  let tp = 0, fp = 0, fn = 0, orders = 0;
  for (const d of dev) {
    const r = p.parse(d.text);
    const isC = r.intent === 'complaint';
    if (isC && d.negative) tp++; else if (isC) fp++; else if (d.negative) fn++;
    if (r.intent === 'order') orders++;
    if (misses && isC !== d.negative) console.log(`DEV ${d.negative ? 'FN' : 'FP'} line ${d.line} ${JSON.stringify(d.text)} → ${r.intent}`);
  }
  const m = prf(tp, fp, fn);
  const line = `${label}: ${dev.length} reviews, complaint P=${m.p.toFixed(4)} R=${m.r.toFixed(4)} F1=${m.f1.toFixed(4)}, false_order=${(orders / dev.length).toFixed(4)}`;
  console.log(line);
  return line;
}
const devLine = scoreDev('dev', undefined, devMisses);
// (2b) Fresh development batch (tests/nlu/dev-reviews-2.tsv): written before any error analysis and never
// used for it (so its misses are never printed); only to compare variants, an honest held-out estimate.
const dev2Line = scoreDev('dev2', 'dev-reviews-2.tsv', false);
// (2c) Development batch 3 (tests/nlu/dev-reviews-3.tsv): shopping and takeaway reviews by another writer; used for error analysis.
const dev3Line = scoreDev('dev3', 'dev-reviews-3.tsv', devMisses);

// (2d) Group corpus (data/nlu/group): the development split A/09 + B/09 (never trained on). --group-misses lists its
// wrong lines; the held-out split (tests/nlu/holdout) prints only its aggregate numbers, last, and never in --dev-only.
function scoreGroupSplit(label: string, split: GroupSplit, misses: boolean): string {
  const s = scoreGroup(split, withParsers(split, (c) => createParser(c)));
  const sizes = Object.entries(s.perIntent).sort((a, b) => b[1].n - a[1].n).map(([k, v]) => `${k}=${v.n}`).join(' ');
  console.log(`${label} corpus: ${s.lines} lines (${sizes})`);
  if (misses) for (const { c, r } of s.misses) console.log(`GROUP MISS ${c.id} ${JSON.stringify(c.text)} want ${c.intent} ${JSON.stringify(c.items)} got ${r.intent} ${JSON.stringify(r.items)}`);
  const line = `${label}: ${s.lines} lines, intent_acc=${s.intentAcc.toFixed(4)}, orders_exact=${s.ordersExact.toFixed(4)} (${s.orderLines} order/cancel/modify lines), actions_on_non_action=${s.actionsOnNonAction.toFixed(4)} (${s.nonActionLines} lines)`;
  console.log(line);
  return line;
}
const groupDevLine = scoreGroupSplit('group-dev', loadGroupSplit('dev'), process.argv.includes('--group-misses'));
if (devOnly) process.exit(0);

let complaintF1 = NaN;
let falseOrder = NaN;
const reviewTexts: string[] = [];
if (existsSync(EVAL_DIR + 'waimai_10k.csv') || existsSync(EVAL_DIR + 'shopping_fruit_dairy.csv')) {
  // A broad catalog, so food words in reviews can match products the way they would in a real group.
  const p = createParser(allProducts);
  let tp = 0, fp = 0, fn = 0, orders = 0, total = 0;
  for (const f of ['waimai_10k.csv', 'shopping_fruit_dairy.csv']) {
    if (!existsSync(EVAL_DIR + f)) continue;
    let ftp = 0, ffp = 0, ffn = 0, forders = 0;
    const rows = loadReviews(EVAL_DIR + f);
    for (const { review, negative } of rows) {
      reviewTexts.push(review);
      const r = p.parse(review);
      const isC = r.intent === 'complaint';
      if (isC && negative) ftp++;
      else if (isC) ffp++;
      else if (negative) ffn++;
      if (r.intent === 'order') forders++;
    }
    const prec = ftp / (ftp + ffp), rec = ftp / (ftp + ffn);
    console.log(`${f}: ${rows.length} reviews, complaint P=${prec.toFixed(4)} R=${rec.toFixed(4)} F1=${(2 * prec * rec / (prec + rec)).toFixed(4)}, false_order=${(forders / rows.length).toFixed(4)}`);
    tp += ftp; fp += ffp; fn += ffn; orders += forders; total += rows.length;
  }
  const prec = tp / (tp + fp), rec = tp / (tp + fn);
  complaintF1 = 2 * prec * rec / (prec + rec);
  falseOrder = orders / total;
  console.log(`reviews: ${total}, complaint precision=${prec.toFixed(4)} recall=${rec.toFixed(4)} F1=${complaintF1.toFixed(4)} (tp=${tp} fp=${fp} fn=${fn}), false_order=${falseOrder.toFixed(4)}`);
} else {
  console.log(`reviews: ${EVAL_DIR} not found, skipped`);
}

// (3) Cost per message: labelled texts + reviews, several passes after a warm-up.
const texts = [...cases.map((c) => c.text), ...loadGroupSplit('dev').cases.map((c) => c.text), ...reviewTexts];
const p = createParser(Object.values(catalogs).flat());
for (const t of texts.slice(0, 2000)) p.parse(t);
// Best of several passes: the machine is shared, the fastest pass is the least disturbed one.
const passes = reviewTexts.length ? 3 : 50;
let perMsg = Infinity;
for (let k = 0; k < passes; k++) {
  const t0 = process.hrtime.bigint();
  for (const t of texts) p.parse(t);
  perMsg = Math.min(perMsg, Number(process.hrtime.bigint() - t0) / 1000 / texts.length);
}
console.log(`cost: ${texts.length} messages × ${passes} passes, best ${perMsg.toFixed(1)} µs/message`);

console.log(devLine);
console.log(dev2Line);
console.log(dev3Line);
console.log(groupDevLine);
// Held-out split, last: aggregate numbers only (no option prints its lines).
const holdout = loadGroupSplit('holdout');
if (holdout.cases.length) scoreGroupSplit('group-holdout', holdout, false);

// Start-up: the real `lintuan parse` process, from spawn to the answer of its first line.
{
  const { spawn } = await import('node:child_process');
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const file = join(mkdtempSync(join(tmpdir(), 'nlu-start-')), 'catalog.json');
  writeFileSync(file, JSON.stringify(catalogs.fruit));
  const bin = fileURLToPath(new URL('../bin/lintuan.js', import.meta.url));
  const t0 = performance.now();
  const child = spawn(process.execPath, [bin, 'parse', '--catalog', file], { stdio: ['pipe', 'pipe', 'inherit'] });
  child.stdin.write(JSON.stringify({ id: 'x', text: '苹果2斤' }) + '\n');
  const startupMs = await new Promise<number>((resolve) => child.stdout.once('data', () => resolve(performance.now() - t0)));
  child.stdin.end();
  console.log(`startup: lintuan parse answered its first line ${startupMs.toFixed(0)} ms after spawn (limit 2000 ms)`);
}
const fmt = (n: number, d: number) => (Number.isNaN(n) ? 'NA' : n.toFixed(d));
console.log(`nlu: intent_acc=${fmt(intentAcc, 4)} order_exact=${fmt(orderExact, 4)} complaint_f1=${fmt(complaintF1, 4)} false_order=${fmt(falseOrder, 4)} per_msg_us=${fmt(perMsg, 1)}`);
