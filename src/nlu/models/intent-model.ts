// Multinomial logistic regression (softmax) over the sparse binary features of features.ts. Weights are trained by
// scripts/train-intent.ts and shipped in data/nlu/intent-model.json; scoring is a sum of table look-ups.
// The file is compact so `lintuan parse` starts fast: the feature names as one string array, the weights as one
// base64 block of 16-bit integers (weight = int · scale, row-major: one row of K classes per feature). Parsing it is
// a JSON.parse of a few strings and one Map of names, not 50,000 small arrays.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Intent } from '../types.js';

export interface IntentModelFile {
  version: 2;
  classes: Intent[];
  bias: number[];
  /** Feature names; row i of `weights` belongs to features[i] (features absent here weigh 0). */
  features: string[];
  /** One weight is its int16 times this. */
  scale: number;
  /** base64 of an Int16Array (little-endian), features.length × classes.length. */
  weights: string;
}

export const INTENT_MODEL_PATH = fileURLToPath(new URL('../../../data/nlu/intent-model.json', import.meta.url));

/** The file form of dense weights (`w`: features × K, row-major). */
export function packModel(classes: Intent[], bias: ArrayLike<number>, features: string[], w: Float64Array): IntentModelFile {
  let max = 0;
  for (const v of w) max = Math.max(max, Math.abs(v));
  const scale = max > 0 ? max / 32767 : 1;
  const q = new Int16Array(w.length);
  for (let i = 0; i < w.length; i++) q[i] = Math.round(w[i] / scale);
  const bytes = Buffer.from(q.buffer, q.byteOffset, q.byteLength);
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) bytes.swap16(); // stored little-endian everywhere
  return {
    version: 2, classes, bias: Array.from(bias, (v) => Math.round(v * 1e4) / 1e4), features, scale,
    weights: bytes.toString('base64'),
  };
}

export class IntentModel {
  readonly classes: Intent[];
  private readonly bias: Float64Array;
  private readonly row = new Map<string, number>();
  private readonly w: Float32Array;
  constructor(m: IntentModelFile) {
    if (m.version !== 2) throw new Error(`intent model version ${String(m.version)}: retrain (npm run train:intent)`);
    const k = m.classes.length;
    this.classes = m.classes;
    this.bias = Float64Array.from(m.bias);
    const bytes = Buffer.from(m.weights, 'base64');
    if (bytes.length !== m.features.length * k * 2) throw new Error('intent model: weights do not match features × classes');
    if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) bytes.swap16();
    const q = new Int16Array(bytes.buffer, bytes.byteOffset, bytes.length / 2);
    this.w = new Float32Array(q.length);
    for (let i = 0; i < q.length; i++) this.w[i] = q[i] * m.scale;
    for (let i = 0; i < m.features.length; i++) this.row.set(m.features[i], i * k);
  }

  /** Per row: the call that last counted it (one Map look-up per feature, no Set per message). */
  private stamp = new Uint32Array(0);
  private calls = 0;

  /** Class probabilities for a message's features (a feature present twice counts once). */
  predict(features: string[]): Float64Array {
    const k = this.classes.length;
    const z = Float64Array.from(this.bias);
    if (this.stamp.length !== this.row.size) this.stamp = new Uint32Array(this.row.size);
    if (++this.calls === 0xffffffff) { this.stamp.fill(0); this.calls = 1; }
    const call = this.calls;
    for (const f of features) {
      const at = this.row.get(f);
      if (at === undefined || this.stamp[at / k] === call) continue;
      this.stamp[at / k] = call;
      for (let c = 0; c < k; c++) z[c] += this.w[at + c];
    }
    let max = -Infinity;
    for (let c = 0; c < k; c++) if (z[c] > max) max = z[c];
    let sum = 0;
    for (let c = 0; c < k; c++) { z[c] = Math.exp(z[c] - max); sum += z[c]; }
    for (let c = 0; c < k; c++) z[c] /= sum;
    return z;
  }
}

let shared: IntentModel | null | undefined;
/** The shipped model, loaded once per process; null when it has not been trained yet (rules only). */
export function loadIntentModel(path = INTENT_MODEL_PATH): IntentModel | null {
  if (path === INTENT_MODEL_PATH && shared !== undefined) return shared;
  const m = existsSync(path) ? new IntentModel(JSON.parse(readFileSync(path, 'utf8')) as IntentModelFile) : null;
  if (path === INTENT_MODEL_PATH) shared = m;
  return m;
}
