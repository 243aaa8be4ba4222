// Rebuilds data/nlu/model.json from the corpus in data/nlu/corpus/*.txt (one line per example,
// file name = class). Trains natural's BayesClassifier, then exports its learned per-feature
// log-probabilities so the runtime classifies by table look-up instead of calling natural.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import natural from 'natural';
import { normalize } from '../src/nlu/normalize.js';
import { features } from '../src/nlu/tokens.js';
import { MODEL_PATH, type ModelFile, type TextClass } from '../src/nlu/classifier.js';

const CORPUS_DIR = fileURLToPath(new URL('../data/nlu/corpus/', import.meta.url));
const CLASSES: TextClass[] = ['complaint', 'suggestion', 'chitchat', 'inquiry'];
const SMOOTHING = 0.5;

export function loadCorpus(dir = CORPUS_DIR): { text: string; label: TextClass }[] {
  const out: { text: string; label: TextClass }[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
    const label = file.replace(/\.txt$/, '') as TextClass;
    if (!CLASSES.includes(label)) throw new Error(`unknown class file ${file}`);
    for (const line of readFileSync(dir + file, 'utf8').split('\n')) {
      const text = normalize(line);
      if (text && !line.startsWith('#')) out.push({ text, label });
    }
  }
  return out;
}

export function train(samples: { text: string; label: TextClass }[]): ModelFile {
  const bayes = new natural.BayesClassifier(undefined, SMOOTHING);
  for (const s of samples) bayes.addDocument(features(s.text), s.label);
  bayes.train();
  // natural keeps the vocabulary in insertion order; the inner (apparatus) model counts per feature index.
  const vocab = Object.keys((bayes as any).features as Record<string, number>);
  const inner = (bayes as any).classifier as {
    classFeatures: Record<string, Record<number, number>>; classTotals: Record<string, number>; totalExamples: number; smoothing: number;
  };
  const classes = CLASSES.filter((c) => inner.classTotals[c]);
  const prior = classes.map((c) => Math.log(inner.classTotals[c] / inner.totalExamples));
  const weights: Record<string, number[]> = {};
  vocab.forEach((tok, i) => {
    weights[tok] = classes.map((c) => round(Math.log((inner.classFeatures[c][i] || inner.smoothing) / inner.classTotals[c])));
  });
  return { version: 1, classes, prior: prior.map(round), weights };
}

function round(n: number): number {
  return Math.round(n * 1e4) / 1e4;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const samples = loadCorpus();
  const t0 = performance.now();
  const model = train(samples);
  writeFileSync(MODEL_PATH, JSON.stringify(model));
  const counts = Object.fromEntries(CLASSES.map((c) => [c, samples.filter((s) => s.label === c).length]));
  console.log(`trained on ${samples.length} lines ${JSON.stringify(counts)}, ${Object.keys(model.weights).length} features, ${Math.round(performance.now() - t0)} ms → ${MODEL_PATH}`);
}
