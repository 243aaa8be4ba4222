// Rebuilds data/nlu/model.json from the corpus in data/nlu/corpus/*.txt (one line per example,
// file name = class; review-*.txt hold review-style lines, data/nlu/gen/ composes the review-mixed-* ones). Trains natural's BayesClassifier, then exports its learned per-feature
// log-probabilities so the runtime classifies by table look-up instead of calling natural.
import { writeFileSync } from 'node:fs';
import { loadCorpus } from './nlu-corpus.js';
import { fileURLToPath } from 'node:url';
import natural from 'natural';
import { features } from '../src/nlu/text/tokens.js';
import { charFeatures, MODEL_PATH, REVIEW_MODEL_PATH, type ModelFile, type TextClass } from '../src/nlu/models/classifier.js';

const CLASSES: TextClass[] = ['complaint', 'suggestion', 'chitchat', 'inquiry'];
const SMOOTHING = 0.5;

export { loadCorpus, type Sample } from './nlu-corpus.js';

/** minCount: features seen fewer times in all are dropped (keeps the model file small). */
export function train(samples: { text: string; label: TextClass }[], minCount = 1, feats: (t: string) => string[] = features): ModelFile {
  const bayes = new natural.BayesClassifier(undefined, SMOOTHING);
  for (const s of samples) bayes.addDocument(feats(s.text), s.label);
  bayes.train();
  // natural's save format (what BayesClassifier#save writes and BayesClassifier.restore reads): the vocabulary
  // in feature-index order, and per class the smoothed count of each feature index.
  const saved = JSON.parse(JSON.stringify(bayes)) as SavedBayes;
  const vocab = Object.keys(saved.features);
  const inner = saved.classifier;
  const classes = CLASSES.filter((c) => inner.classTotals[c]);
  const prior = classes.map((c) => Math.log(inner.classTotals[c] / inner.totalExamples));
  const weights: Record<string, number[]> = {};
  vocab.forEach((tok, i) => {
    if (minCount > 1 && classes.reduce((n, c) => n + (inner.classFeatures[c][i] || 0), 0) < minCount) return;
    weights[tok] = classes.map((c) => round(Math.log((inner.classFeatures[c][i] || inner.smoothing) / inner.classTotals[c])));
  });
  return { version: 1, classes, prior: prior.map(round), weights };
}

interface SavedBayes {
  features: Record<string, number>;
  classifier: { classFeatures: Record<string, Record<string, number>>; classTotals: Record<string, number>; totalExamples: number; smoothing: number };
}

function round(n: number): number {
  return Math.round(n * 1e4) / 1e4;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const all = loadCorpus();
  const t0 = performance.now();
  // The chat model: the short chat lines only (<class>.txt), so the review lines do not shift its priors
  // and its suggestion / inquiry classes keep their weight.
  const chat = all.filter((s) => !s.review);
  const model = train(chat);
  writeFileSync(MODEL_PATH, JSON.stringify(model));
  // The review polarity model (character 1–3-grams, no jieba at run time): complaint vs not (chat complaints + review complaints against chit-chat + review praise).
  const review = all.filter((s) => s.label === 'complaint' || s.label === 'chitchat');
  const rmodel = train(review, 3, charFeatures);
  writeFileSync(REVIEW_MODEL_PATH, JSON.stringify(rmodel));
  const counts = (xs: typeof all) => JSON.stringify(Object.fromEntries(CLASSES.map((c) => [c, xs.filter((s) => s.label === c).length]).filter(([, n]) => n)));
  console.log(`chat model: ${chat.length} lines ${counts(chat)}, ${Object.keys(model.weights).length} features → ${MODEL_PATH}`);
  console.log(`review model: ${review.length} lines ${counts(review)}, ${Object.keys(rmodel.weights).length} features → ${REVIEW_MODEL_PATH}`);
  console.log(`${Math.round(performance.now() - t0)} ms`);
}
