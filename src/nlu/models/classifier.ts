// Fast text classifier: the per-feature log-weights of a naive Bayes model trained with natural
// (scripts/train-nlu.ts) shipped as JSON; classifying is a sum of table look-ups over jieba features.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BOUNDARY, isNegator, words } from '../text/tokens.js';

export type TextClass = 'complaint' | 'suggestion' | 'chitchat' | 'inquiry';

export interface ModelFile {
  version: 1;
  classes: TextClass[];
  /** log P(class) */
  prior: number[];
  /** Per feature: log P(feature | class) for each class (natural's smoothing applied). */
  weights: Record<string, number[]>;
}

export interface Classification {
  label: TextClass;
  /** log-score per class, same order as model.classes */
  scores: number[];
  /** log-odds complaint vs the best other class */
  complaintMargin: number;
}

export const MODEL_PATH = fileURLToPath(new URL('../../../data/nlu/model.json', import.meta.url));
/** Binary review polarity model (complaint vs chitchat) over character n-grams, trained on chat lines plus review-style lines. */
export const REVIEW_MODEL_PATH = fileURLToPath(new URL('../../../data/nlu/review-model.json', import.meta.url));

// Features are looked up by integer id: a bigram can only be in the model if both its words are,
// so unknown words cost one Map miss and no string building.
// 2^15 keeps a*PAIR+b a small integer (fast Map keys) as long as the vocabulary stays below 32768 words.
const PAIR = 1 << 15;

export class TokenClassifier {
  readonly classes: TextClass[];
  private readonly prior: Float64Array;
  private readonly ids = new Map<string, number>();
  private readonly uni: (Float64Array | undefined)[] = [];
  private readonly bi = new Map<number, Float64Array>();
  private readonly skip = new Map<number, Float64Array>();
  private readonly complaintIdx: number;
  /** Per unigram id: the call stamp that last counted it (Bernoulli model: presence, not count). */
  private stamp = new Uint32Array(0);
  private calls = 0;

  constructor(model: ModelFile) {
    this.classes = model.classes;
    this.prior = Float64Array.from(model.prior);
    this.complaintIdx = this.classes.indexOf('complaint');
    const id = (w: string) => {
      let i = this.ids.get(w);
      if (i === undefined) { i = this.ids.size; this.ids.set(w, i); }
      return i;
    };
    const entries = Object.entries(model.weights);
    for (const [f, v] of entries) if (!f.includes('_') && !f.includes('~')) this.uni[id(f)] = Float64Array.from(v);
    for (const [f, v] of entries) {
      const sep = f.includes('_') ? '_' : f.includes('~') ? '~' : '';
      if (!sep || this.ids.has(f)) continue;
      const k = f.indexOf(sep, 1);
      const a = this.ids.get(f.slice(0, k));
      const b = this.ids.get(f.slice(k + 1));
      if (a === undefined || b === undefined) continue;
      (sep === '_' ? this.bi : this.skip).set(a * PAIR + b, Float64Array.from(v));
    }
    if (this.ids.size >= PAIR) throw new Error(`model vocabulary too large (${this.ids.size} ≥ ${PAIR})`);
    this.stamp = new Uint32Array(this.ids.size);
  }

  classify(text: string): Classification {
    return this.classifyWords(words(text));
  }

  /** Same as classify() on the words of a text (words() from tokens.ts), so several models can share one jieba cut. */
  classifyWords(ws: string[]): Classification {
    const k = this.prior.length;
    const scores = new Array<number>(k);
    for (let c = 0; c < k; c++) scores[c] = this.prior[c];
    const n = ws.length;
    const tid = new Int32Array(n);
    for (let i = 0; i < n; i++) tid[i] = ws[i] === BOUNDARY ? -2 : this.ids.get(ws[i]) ?? -1;
    const call = ++this.calls;
    let pairs: Set<number> | undefined; // bigram/skip features already counted (rare: allocated on demand)
    for (let i = 0; i < n; i++) {
      const a = tid[i];
      if (a < 0) continue;
      const u = this.uni[a];
      if (u && this.stamp[a] !== call) {
        this.stamp[a] = call;
        for (let c = 0; c < k; c++) scores[c] += u[c];
      }
      const b = i + 1 < n ? tid[i + 1] : -2;
      if (b >= 0) {
        const key = a * PAIR + b;
        const w = this.bi.get(key);
        if (w && !(pairs ??= new Set()).has(key)) { pairs.add(key); for (let c = 0; c < k; c++) scores[c] += w[c]; }
      }
      if (b !== -2 && i + 2 < n && tid[i + 2] >= 0 && isNegator(ws[i])) {
        const key = a * PAIR + tid[i + 2];
        const w = this.skip.get(key);
        if (w && !(pairs ??= new Set()).has(-key - 1)) { pairs.add(-key - 1); for (let c = 0; c < k; c++) scores[c] += w[c]; }
      }
    }
    let best = 0;
    for (let c = 1; c < scores.length; c++) if (scores[c] > scores[best]) best = c;
    let other = -Infinity;
    for (let c = 0; c < scores.length; c++) if (c !== this.complaintIdx && scores[c] > other) other = scores[c];
    return { label: this.classes[best], scores, complaintMargin: scores[this.complaintIdx] - other };
  }
}

let shared: TokenClassifier | undefined;
/** The shipped model, loaded once per process. */
export function loadClassifier(path = MODEL_PATH): TokenClassifier {
  if (path === MODEL_PATH && shared) return shared;
  const model = JSON.parse(readFileSync(path, 'utf8')) as ModelFile;
  const c = new TokenClassifier(model);
  if (path === MODEL_PATH) shared = c;
  return c;
}

// ---- Review polarity model over characters (no tokenizer: long reviews would make jieba the cost of a parse) ----

const isClauseBreak = (c: number) => !((c >= 0x3400 && c <= 0x9fff) || (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a));

/** Character 1-, 2- and 3-grams inside each clause (the trainer's view; CharClassifier computes the same ones by code). */
export function charFeatures(text: string): string[] {
  const out: string[] = [];
  for (const clause of text.split(/[^\u3400-\u9fff0-9a-zA-Z]+/)) {
    for (let i = 0; i < clause.length; i++) {
      out.push(clause[i]);
      if (i + 1 < clause.length) out.push(clause.slice(i, i + 2));
      if (i + 2 < clause.length) out.push(clause.slice(i, i + 3));
    }
  }
  return out;
}

/** Naive Bayes (Bernoulli: presence) over charFeatures, complaint against the other class. */
export class CharClassifier {
  private readonly prior: number;
  /** char code → char id + 1 (0: not in the model) */
  private readonly cid = new Uint16Array(65536);
  /** Features get dense indices: unigram = char id − 1; bigram and trigram indices come from small-integer-keyed maps. */
  private readonly bi = new Map<number, number>(); // cid1 * 65536 + cid2 → index
  private readonly tri = new Map<number, number>(); // bigram index * 65536 + cid3 → index
  /** Per feature index: log P(f|complaint) − log P(f|other); NaN where an n-gram is only the prefix of a longer one. */
  private readonly w: Float64Array;
  /** Per feature index: the call stamp that last counted it (presence, not count). */
  private readonly stamp: Uint32Array;
  private calls = 0;

  constructor(model: ModelFile) {
    const ci = model.classes.indexOf('complaint');
    const oi = 1 - ci;
    this.prior = model.prior[ci] - model.prior[oi];
    const entries = Object.entries(model.weights).sort((x, y) => x[0].length - y[0].length);
    const ws: number[] = [];
    let chars = 0;
    for (const [f] of entries) if (f.length === 1) this.cid[f.charCodeAt(0)] = ++chars;
    if (chars >= 65535) throw new Error('review model alphabet too large');
    for (let i = 0; i < chars; i++) ws.push(NaN);
    const index = (f: string): number | undefined => {
      const a = this.cid[f.charCodeAt(0)];
      if (!a) return undefined;
      if (f.length === 1) return a - 1;
      const b = this.cid[f.charCodeAt(1)];
      if (!b) return undefined;
      let k = this.bi.get(a * 65536 + b);
      if (f.length === 2) {
        if (k === undefined) { k = ws.length; ws.push(NaN); this.bi.set(a * 65536 + b, k); }
        return k;
      }
      if (k === undefined) return undefined;
      const c = this.cid[f.charCodeAt(2)];
      if (!c) return undefined;
      let t = this.tri.get(k * 65536 + c);
      if (t === undefined) { t = ws.length; ws.push(NaN); this.tri.set(k * 65536 + c, t); }
      return t;
    };
    for (const [f, v] of entries) {
      const i = index(f);
      if (i !== undefined) ws[i] = v[ci] - v[oi];
    }
    this.w = Float64Array.from(ws);
    this.stamp = new Uint32Array(ws.length);
  }

  /** log-odds complaint vs not, over the first maxLen characters. */
  margin(text: string, maxLen = 300): number {
    let s = this.prior;
    const call = ++this.calls;
    const n = Math.min(text.length, maxLen);
    const { cid, w, stamp, bi, tri } = this;
    let prev = 0, prevBi = -1; // char id of the previous character in the clause, and the bigram index ending there
    for (let i = 0; i < n; i++) {
      const code = text.charCodeAt(i);
      const c = isClauseBreak(code) ? 0 : cid[code];
      if (!c) { prev = 0; prevBi = -1; continue; }
      let f = c - 1;
      if (stamp[f] !== call) { stamp[f] = call; const v = w[f]; if (v === v) s += v; }
      if (prevBi >= 0) {
        const t = tri.get(prevBi * 65536 + c);
        if (t !== undefined && stamp[t] !== call) { stamp[t] = call; const v = w[t]; if (v === v) s += v; }
      }
      const b = prev ? bi.get(prev * 65536 + c) : undefined;
      if (b !== undefined) {
        f = b;
        if (stamp[f] !== call) { stamp[f] = call; const v = w[f]; if (v === v) s += v; }
        prevBi = b;
      } else prevBi = -1;
      prev = c;
    }
    return s;
  }
}

let sharedChar: CharClassifier | undefined;
/** The shipped review polarity model, loaded once per process. */
export function loadReviewModel(path = REVIEW_MODEL_PATH): CharClassifier {
  if (path === REVIEW_MODEL_PATH && sharedChar) return sharedChar;
  const c = new CharClassifier(JSON.parse(readFileSync(path, 'utf8')) as ModelFile);
  if (path === REVIEW_MODEL_PATH) sharedChar = c;
  return c;
}
