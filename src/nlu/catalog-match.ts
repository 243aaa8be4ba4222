// Finding catalog products in text. Everything per catalog is precomputed in buildCatalogIndex,
// so matching a message is map look-ups only (no pinyin conversion of catalog terms per message).
import { pinyin } from 'pinyin-pro';
import type { CatalogProduct } from './types.js';
import { CN_NUM_CHARS } from './text/numbers.js';
import { sentiment } from './models/sentiment.js';

/** How a key was derived: the product's own name/alias beats a derived head noun, which beats a derived prefix. */
const SCORE_EXACT = 3;
const SCORE_SUFFIX = 2;
const SCORE_PREFIX = 1;

export interface ProductSpan {
  start: number;
  end: number;
  /** The text as written. */
  term: string;
  /** Catalog indices; more than one = ambiguous. */
  products: number[];
  fuzzy: boolean;
}

interface KeyEntry { products: number[]; score: number }
interface FuzzyTerm {
  key: string; chars: string[]; readings: string[][]; products: number[]; score: number;
  /** Per position: char code → sounds alike (memoized, so a message costs number look-ups only). */
  alike: Map<number, boolean>[];
}

export interface CatalogIndex {
  products: CatalogProduct[];
  keys: Map<string, KeyEntry>;
  /** First char code → keys starting with it, longest first. */
  byFirst: Map<number, string[]>;
  /** Pinyin syllable of a first char → fuzzy terms. */
  fuzzyByFirst: Map<string, FuzzyTerm[]>;
  /** Text char → fuzzy terms its readings can start (filled lazily; most chars map to none). */
  charTerms: Map<number, FuzzyTerm[]>;
}

// Marketing words that say nothing about which product it is.
const GENERIC_PREFIX = /^(?:新鲜|鲜活|精品|精选|特级|特价|优质|有机|进口|国产|本地|农家|散装|正宗|当季|现摘|现杀|冷冻|冰鲜|生态|野生|纯天然|天然|头茬|应季|爆款|网红|秒杀|团购|超甜|特大|大个|小个|新)/;
// A derived key must not start with a counter or connector, or it would eat "2个核桃" / "苹果和油".
const BAD_FIRST = new Set('个只盒瓶袋箱把份条包提桶罐板串根颗件斤和跟与的要来再还'.split(''));
const NUMERAL = new Set(CN_NUM_CHARS.split(''));

const CJK = /^[\u3400-\u9fff]+$/;

/** Name without packaging specs: "蒙牛纯牛奶(250ml*12)" → "蒙牛纯牛奶". */
export function cleanName(name: string): string {
  return name.toLowerCase()
    .replace(/[(（【\[][^)）】\]]*[)）】\]]/g, '')
    .replace(/\d+(?:\.\d+)?\s*(?:ml|l|g|kg|克|千克|公斤|斤|毫升|升|枚|个|只|片|包|袋|瓶|盒|粒)?\s*(?:[*x×/]\s*\d+\s*\S?)?$/i, '')
    .replace(/[\s/*·-]+$/, '')
    .replace(/(?<=[\u4e00-\u9fff]{2})[\da-z.]+[\u4e00-\u9fff]?$/, '') // 飞鹤奶粉3段, 纸尿裤l码
    .trim();
}

export function buildCatalogIndex(catalog: CatalogProduct[]): CatalogIndex {
  const keys = new Map<string, KeyEntry>();
  const add = (key: string, idx: number, score: number) => {
    key = key.trim().toLowerCase();
    if (key.length < 1) return;
    const e = keys.get(key);
    if (!e || score > e.score) keys.set(key, { products: [idx], score });
    else if (score === e.score && !e.products.includes(idx)) e.products.push(idx);
  };
  catalog.forEach((p, idx) => {
    add(p.name, idx, SCORE_EXACT);
    for (const a of p.aliases ?? []) add(a, idx, SCORE_EXACT);
    const base = cleanName(p.name);
    if (base && base !== p.name.toLowerCase()) add(base, idx, SCORE_EXACT);
    let core = base;
    while (GENERIC_PREFIX.test(core) && core.replace(GENERIC_PREFIX, '').length >= 2) core = core.replace(GENERIC_PREFIX, '');
    if (core !== base) add(core, idx, SCORE_EXACT);
    // Residents shorten names: the head noun (suffix: 红富士苹果 → 苹果) is the strong short form,
    // any other 2+ character piece (阳光玫瑰葡萄 → 阳光玫瑰, 黑猪五花肉 → 五花) a weak one.
    if (CJK.test(core) && core.length >= 3) {
      for (let i = 0; i < core.length - 1; i++) {
        for (let j = i + 2; j <= core.length; j++) {
          if (i === 0 && j === core.length) continue;
          const piece = core.slice(i, j);
          // "六个核桃" must not yield "六个" (a quantity); "五花" is fine.
          if (BAD_FIRST.has(piece[0]) || (NUMERAL.has(piece[0]) && BAD_FIRST.has(piece[1]))) continue;
          // A short form that is a complaint word ("垃圾" of 垃圾袋, "烂" pieces) would hide the complaint.
          if (sentiment(piece).neg <= -1.5) continue;
          add(piece, idx, j === core.length ? SCORE_SUFFIX : SCORE_PREFIX);
        }
      }
    }
  });
  const byFirst = new Map<number, string[]>();
  for (const k of keys.keys()) {
    const list = byFirst.get(k.charCodeAt(0)) ?? [];
    list.push(k);
    byFirst.set(k.charCodeAt(0), list);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.length - a.length);

  const fuzzyByFirst = new Map<string, FuzzyTerm[]>();
  for (const [key, e] of keys) {
    if (key.length < 2 || !CJK.test(key) || e.score < SCORE_SUFFIX) continue;
    const chars = [...key];
    const term: FuzzyTerm = { key, chars, readings: chars.map(readingsOf), products: e.products, score: e.score, alike: chars.map(() => new Map()) };
    for (const syl of term.readings[0]) {
      const list = fuzzyByFirst.get(syl) ?? [];
      list.push(term);
      fuzzyByFirst.set(syl, list);
    }
  }
  return { products: catalog, keys, byFirst, fuzzyByFirst, charTerms: new Map() };
}

const readingCache = new Map<string, string[]>();
/** Toneless readings of one character (all heteronyms), cached process-wide. */
export function readingsOf(ch: string): string[] {
  let r = readingCache.get(ch);
  if (!r) {
    r = CJK.test(ch) ? [...new Set(pinyin(ch, { toneType: 'none', multiple: true, type: 'array' }))] : [ch];
    readingCache.set(ch, r);
  }
  return r;
}

/**
 * Products mentioned in `text`, left to right, longest exact match first; spans not covered
 * by an exact match are then tried by pinyin (homophone typos: 平果 → 苹果).
 */
export function findProducts(index: CatalogIndex, text: string): ProductSpan[] {
  const spans: ProductSpan[] = [];
  for (let i = 0; i < text.length; ) {
    const code = text.charCodeAt(i);
    const cands = index.byFirst.get(code);
    let hit: string | undefined;
    if (cands) for (const k of cands) if (text.startsWith(k, i)) { hit = k; break; }
    const e = hit ? index.keys.get(hit)! : undefined;
    // A homophone typo may be longer than a weak exact piece inside it ("土鸡旦" vs derived "土鸡").
    if (!e || e.score < SCORE_EXACT) {
      const fz = index.fuzzyByFirst.size && code >= 0x3400 && code <= 0x9fff ? fuzzyAt(index, text, i, code, hit ? hit.length : 1) : undefined;
      if (fz) {
        spans.push({ start: i, end: i + fz.len, term: text.slice(i, i + fz.len), products: fz.products, fuzzy: true });
        i += fz.len;
        continue;
      }
    }
    if (!hit || !e) { i++; continue; }
    const end = i + hit.length + (e.products.length === 1 ? elided(index.products[e.products[0]].name, hit, text, i + hit.length) : 0);
    spans.push({ start: i, end, term: text.slice(i, end), products: e.products, fuzzy: false });
    i = end;
  }
  return spans;
}

/**
 * Residents drop a middle character: "五常米" for 五常大米, "麒麟瓜" for 麒麟西瓜. After a matched piece of the name,
 * up to two more written characters that follow it in the name, ending on its last character, belong to the product.
 * Returns how many characters to add to the span (0 when the text does not go on like that).
 */
function elided(name: string, hit: string, text: string, at: number): number {
  let pos = name.indexOf(hit);
  if (pos < 0) return 0;
  pos += hit.length;
  for (let k = 0; k < 2 && at + k < text.length; k++) {
    const found = name.indexOf(text[at + k], pos);
    if (found < 0) return 0;
    pos = found + 1;
    if (pos === name.length) return k + 1;
  }
  return 0;
}

/** Best homophone match at i longer than minLen. */
function fuzzyAt(index: CatalogIndex, text: string, i: number, code: number, minLen: number): { len: number; products: number[] } | undefined {
  let terms = index.charTerms.get(code);
  if (!terms) {
    terms = [];
    for (const syl of readingsOf(text[i])) for (const t of index.fuzzyByFirst.get(syl) ?? []) if (!terms.includes(t)) terms.push(t);
    index.charTerms.set(code, terms);
  }
  if (!terms.length) return undefined;
  let bestLen = minLen;
  let bestScore = 0;
  let products: number[] = [];
  {
    for (const t of terms) {
      const n = t.chars.length;
      if (i + n > text.length || n < bestLen || n <= minLen) continue;
      let same = 0;
      let ok = true;
      for (let j = 0; j < n; j++) {
        const code = text.charCodeAt(i + j);
        if (code === t.chars[j].charCodeAt(0)) { same++; continue; }
        let alike = t.alike[j].get(code);
        if (alike === undefined) {
          const rs = readingsOf(text[i + j]);
          alike = t.readings[j].some((r) => rs.includes(r));
          t.alike[j].set(code, alike);
        }
        if (!alike) { ok = false; break; }
      }
      // At least one character as written, at most half replaced: "评过" must not become 苹果.
      if (!ok || same === 0 || same === n || (n - same) * 2 > n) continue;
      const score = t.score + same / n;
      if (n > bestLen || score > bestScore) {
        bestLen = n; bestScore = score; products = [...t.products];
      } else if (n === bestLen && score === bestScore) {
        for (const p of t.products) if (!products.includes(p)) products.push(p);
      }
    }
  }
  return products.length ? { len: bestLen, products } : undefined;
}

export { SCORE_EXACT, SCORE_SUFFIX, SCORE_PREFIX };

const categoryCache = new WeakMap<CatalogIndex, string[]>();
/** Whether the text names a category of this catalog ("冻品是冷链送吗", "今天有海鲜吗"). */
export function mentionsCategory(index: CatalogIndex, text: string): boolean {
  let cats = categoryCache.get(index);
  if (!cats) {
    cats = [...new Set(index.products.map((p) => p.category?.trim() ?? '').filter((c) => c.length >= 2))];
    categoryCache.set(index, cats);
  }
  for (const c of cats) if (text.includes(c)) return true;
  return false;
}
