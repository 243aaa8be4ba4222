// Fast text classifier: the per-feature log-weights of a naive Bayes model trained with natural
// (scripts/train-nlu.ts) shipped as JSON; classifying is a sum of table look-ups over jieba features.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BOUNDARY, isNegator, words } from './tokens.js';

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

export const MODEL_PATH = fileURLToPath(new URL('../../data/nlu/model.json', import.meta.url));

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
    const k = this.prior.length;
    const scores = new Array<number>(k);
    for (let c = 0; c < k; c++) scores[c] = this.prior[c];
    const ws = words(text);
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
