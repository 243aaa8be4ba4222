// Loader and scorer for the labelled group corpus (data/nlu/group/*/NN.jsonl, format in data/nlu/group/README or
// issue 14) and the held-out split (tests/nlu/holdout). Shared by the trainer, the bench and the tests.
// Split: A/09.jsonl and B/09.jsonl are the development split (never trained on); every other group file is training.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CatalogProduct, Intent, ParseContext, ParseResult, Parser } from '../../src/nlu/types.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const GROUP_DIR = ROOT + 'data/nlu/group/';
export const HOLDOUT_DIR = ROOT + 'tests/nlu/holdout/';
const DEV_FILES = new Set(['09.jsonl']);

export interface GroupCase {
  id: string;
  /** Catalog key: "<dir>/<name>" so two directories' catalogs never collide. */
  catalog: string;
  text: string;
  intent: Intent;
  items: { product: string; qty: number; unit: string }[];
  ctx: ParseContext;
  kind?: string;
  rejected?: string;
  complaintType?: string;
}

export interface GroupSplit { cases: GroupCase[]; catalogs: Record<string, CatalogProduct[]> }

function readDir(dir: string, key: string, files: (f: string) => boolean, into: GroupSplit): void {
  const catDir = dir + 'catalogs/';
  for (const f of readdirSync(catDir).filter((f) => f.endsWith('.json'))) {
    into.catalogs[`${key}/${f.replace(/\.json$/, '')}`] = JSON.parse(readFileSync(catDir + f, 'utf8'));
  }
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.jsonl') && files(f)).sort()) {
    for (const line of readFileSync(dir + f, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const d = JSON.parse(line);
      const ctx: ParseContext = {};
      if (typeof d.recent === 'string') ctx.recent = d.recent;
      if (typeof d.previous === 'string') ctx.previous = d.previous;
      into.cases.push({
        id: d.id, catalog: `${key}/${d.catalog}`, text: d.text, intent: d.intent, items: d.items ?? [], ctx,
        kind: d.kind, rejected: d.rejected, complaintType: d.complaintType,
      });
    }
  }
}

/** 'train' | 'dev' of data/nlu/group, or 'holdout' (tests/nlu/holdout: only the bench's final aggregate report reads it). */
export function loadGroupSplit(split: 'train' | 'dev' | 'holdout'): GroupSplit {
  const out: GroupSplit = { cases: [], catalogs: {} };
  if (split === 'holdout') {
    if (existsSync(HOLDOUT_DIR)) readDir(HOLDOUT_DIR, 'holdout', () => true, out);
    return out;
  }
  for (const sub of readdirSync(GROUP_DIR).sort()) {
    if (!existsSync(GROUP_DIR + sub + '/catalogs')) continue;
    readDir(GROUP_DIR + sub + '/', sub, (f) => DEV_FILES.has(f) === (split === 'dev'), out);
  }
  return out;
}

export const ACTIONS: ReadonlySet<Intent> = new Set(['order', 'cancel', 'modify', 'complaint', 'redeem']);
const NON_ACTION: ReadonlySet<Intent> = new Set(['chitchat', 'suggestion', 'inquiry']);
const ORDERISH: ReadonlySet<Intent> = new Set(['order', 'cancel', 'modify']);
/** Gold intents whose lines must never become an action ("query" = points/order/invite queries). */
export const isNonAction = (i: Intent) => NON_ACTION.has(i) || i === 'points_query' || i === 'order_query' || i === 'invite_query';

const itemKey = (xs: { product: string; qty: number }[]) =>
  xs.map((x) => `${x.product}*${Math.round(x.qty * 1000) / 1000}`).sort().join(';');

/** Reads each line with a parser built (once) for its catalog. */
export function withParsers(split: GroupSplit, create: (catalog: CatalogProduct[]) => Parser): (c: GroupCase) => ParseResult {
  const ps: Record<string, Parser> = {};
  return (c) => (ps[c.catalog] ??= create(split.catalogs[c.catalog])).parse(c.text, c.ctx);
}

export interface GroupScore {
  lines: number;
  intentAcc: number;
  ordersExact: number;
  orderLines: number;
  /** Share of non-action lines read as an action. */
  actionsOnNonAction: number;
  nonActionLines: number;
  perIntent: Record<string, { n: number; ok: number }>;
  misses: { c: GroupCase; r: ParseResult }[];
}

/** `read`: the parser's answer for one line (a Parser for the line's catalog, or answers collected from the CLI). */
export function scoreGroup(split: GroupSplit, read: (c: GroupCase) => ParseResult): GroupScore {
  let ok = 0, orders = 0, ordersOk = 0, non = 0, nonActed = 0;
  const perIntent: GroupScore['perIntent'] = {};
  const misses: GroupScore['misses'] = [];
  for (const c of split.cases) {
    const r = read(c);
    const iok = r.intent === c.intent;
    const pi = (perIntent[c.intent] ??= { n: 0, ok: 0 });
    pi.n++;
    if (iok) { ok++; pi.ok++; }
    let good = iok;
    if (ORDERISH.has(c.intent)) {
      orders++;
      good = iok && itemKey(c.items) === itemKey(r.items);
      if (good) ordersOk++;
    }
    if (isNonAction(c.intent)) {
      non++;
      if (ACTIONS.has(r.intent)) nonActed++;
    }
    if (!good) misses.push({ c, r });
  }
  const n = split.cases.length;
  return {
    lines: n, intentAcc: n ? ok / n : 1, ordersExact: orders ? ordersOk / orders : 1, orderLines: orders,
    actionsOnNonAction: non ? nonActed / non : 0, nonActionLines: non, perIntent, misses,
  };
}
