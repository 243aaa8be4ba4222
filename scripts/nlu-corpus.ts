// The chat and review lines of data/nlu/corpus/*.txt (one line per example, file name = class), shared by the
// trainers (train-nlu.ts, train-intent.ts) without loading natural.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { normalize } from '../src/nlu/text/normalize.js';
import type { TextClass } from '../src/nlu/models/classifier.js';

const CORPUS_DIR = fileURLToPath(new URL('../data/nlu/corpus/', import.meta.url));
const CLASSES: TextClass[] = ['complaint', 'suggestion', 'chitchat', 'inquiry'];

export interface Sample { text: string; label: TextClass; /** from a review-*.txt file */ review: boolean }

export function loadCorpus(dir = CORPUS_DIR): Sample[] {
  const out: Sample[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
    // "<class>.txt" or "<group>-<class>.txt" (review-complaint.txt, review-mixed-praise.txt); praise and neutral are chitchat.
    const base = file.replace(/\.txt$/, '').split('-').pop()!;
    const label = (base === 'praise' || base === 'neutral' ? 'chitchat' : base) as TextClass;
    if (!CLASSES.includes(label)) throw new Error(`unknown class file ${file}`);
    for (const line of readFileSync(dir + file, 'utf8').split('\n')) {
      const text = normalize(line);
      if (text && !line.startsWith('#')) out.push({ text, label, review: file.startsWith('review-') });
    }
  }
  return out;
}

