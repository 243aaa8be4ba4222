// Multinomial logistic regression (softmax) over the sparse binary features of features.ts. Weights are trained by
// scripts/train-intent.ts and shipped in data/nlu/intent-model.json; scoring is a sum of table look-ups.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Intent } from './types.js';

export interface IntentModelFile {
  version: 1;
  classes: Intent[];
  bias: number[];
  /** feature → one weight per class (features absent here weigh 0). */
  weights: Record<string, number[]>;
}

export const INTENT_MODEL_PATH = fileURLToPath(new URL('../../data/nlu/intent-model.json', import.meta.url));

export class IntentModel {
  readonly classes: Intent[];
  private readonly bias: Float64Array;
  private readonly w = new Map<string, Float64Array>();
  constructor(m: IntentModelFile) {
    this.classes = m.classes;
    this.bias = Float64Array.from(m.bias);
    for (const [f, v] of Object.entries(m.weights)) this.w.set(f, Float64Array.from(v));
  }

  /** Class probabilities for a message's features (a feature present twice counts once). */
  predict(features: string[]): Float64Array {
    const k = this.classes.length;
    const z = Float64Array.from(this.bias);
    const seen = new Set<string>();
    for (const f of features) {
      if (seen.has(f)) continue;
      seen.add(f);
      const v = this.w.get(f);
      if (v) for (let c = 0; c < k; c++) z[c] += v[c];
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
