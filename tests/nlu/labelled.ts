// Loader for the labelled set (tests/nlu/labelled.tsv) and its catalogs, shared by the tests and the bench.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CatalogProduct, Intent, ParseContext, ParseResult } from '../../src/nlu/types.js';

const DIR = fileURLToPath(new URL('.', import.meta.url));

export interface LabelledCase {
  line: number;
  catalog: string;
  intent: Intent;
  /** Expected items, or 'ambiguous' / 'rejected' for an order that must not be taken. */
  items: { product: string; qty: number }[] | 'ambiguous' | 'rejected';
  text: string;
  ctx: ParseContext;
}

export function loadCatalogs(): Record<string, CatalogProduct[]> {
  const out: Record<string, CatalogProduct[]> = {};
  for (const f of readdirSync(DIR + 'catalogs').filter((f) => f.endsWith('.json'))) {
    out[f.replace(/\.json$/, '')] = JSON.parse(readFileSync(DIR + 'catalogs/' + f, 'utf8'));
  }
  return out;
}

const unescape = (s: string) => s.replace(/\\n/g, '\n');

export function loadLabelled(): LabelledCase[] {
  const out: LabelledCase[] = [];
  readFileSync(DIR + 'labelled.tsv', 'utf8').split('\n').forEach((row, i) => {
    if (!row.trim() || row.startsWith('#')) return;
    const [catalog, intent, items, text, context] = row.split('\t');
    const ctx: ParseContext = {};
    if (context?.startsWith('recent=')) ctx.recent = context.slice(7);
    if (context?.startsWith('previous=')) ctx.previous = unescape(context.slice(9));
    out.push({
      line: i + 1, catalog, intent: intent as Intent, text: unescape(text), ctx,
      items: items === '?' ? 'ambiguous' : items === '!' ? 'rejected' : items === '-' ? [] : items.split(';').map((s) => {
        const [product, qty] = s.split('*');
        return { product, qty: Number(qty) };
      }),
    });
  });
  return out;
}

/** Same products with the same quantities (order-insensitive); ambiguous/rejected must not order anything. */
export function itemsMatch(c: LabelledCase, r: ParseResult): boolean {
  if (c.items === 'ambiguous') return r.items.length === 0 && !!r.ambiguous;
  if (c.items === 'rejected') return r.items.length === 0 && !!r.rejected;
  const key = (xs: { product: string; qty: number }[]) => xs.map((x) => `${x.product}*${Math.round(x.qty * 1000) / 1000}`).sort().join(';');
  return key(c.items) === key(r.items);
}

export interface DevReview { line: number; text: string; negative: boolean }

/** The hand-written review development set (tests/nlu/dev-reviews.tsv, label 0 = complaint). */
/** dev-reviews.tsv (error analysis and tuning) or dev-reviews-2.tsv (fresh batch: only to compare variants). */
export function loadDevReviews(file = 'dev-reviews.tsv'): DevReview[] {
  const out: DevReview[] = [];
  readFileSync(DIR + file, 'utf8').split('\n').forEach((row, i) => {
    if (!row.trim() || row.startsWith('#')) return;
    const tab = row.indexOf('\t');
    const label = row.slice(0, tab);
    if (label !== '0' && label !== '1') throw new Error(`${file}:${i + 1}: bad label ${label}`);
    out.push({ line: i + 1, text: row.slice(tab + 1), negative: label === '0' });
  });
  return out;
}
