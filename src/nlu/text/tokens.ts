// Classifier features: jieba words + adjacent-word bigrams, digits folded to one symbol.
// Shared by the trainer (scripts/train-nlu.ts) and the runtime classifier, so both see the same features.
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

let jieba: Jieba | undefined;
function getJieba(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

const DROP = /^[\s,.;:!?~()\[\]"'“”‘’、，。；：！？…·\-—_=+*/\\|<>《》【】（）#@&%^$]+$/;
const NEGATORS = new Set(['不', '没', '没有', '别', '不是', '不太', '不会', '不能', '不够', '太', '很', '好', '真', '超', '非常', '特别', '有点', '有些', '一点']);

/** Boundary marker between clauses: bigrams never cross it. */
export const BOUNDARY = '|';
export const isNegator = (w: string) => NEGATORS.has(w);

/** jieba words with punctuation turned into BOUNDARY and numbers into '<n>'. */
export function words(text: string): string[] {
  const ws = getJieba().cut(text, false);
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i];
    const c = w.charCodeAt(0);
    if (c >= 0x3400 && c <= 0x9fff) continue; // CJK word: as is
    if (DROP.test(w)) ws[i] = BOUNDARY;
    else if (/^\d+(?:\.\d+)?$/.test(w)) ws[i] = '<n>';
  }
  return ws;
}

/** Features of a normalized text (the trainer's view; the runtime computes the same ones by id). */
export function features(text: string): string[] {
  const toks = words(text);
  const out: string[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t === BOUNDARY) continue;
    out.push(t);
    const n = toks[i + 1];
    if (n && n !== BOUNDARY) out.push(t + '_' + n);
    // Negation/degree word + the word after next ("不 太 新鲜" → 不~新鲜).
    const n2 = toks[i + 2];
    if (NEGATORS.has(t) && n && n !== BOUNDARY && n2 && n2 !== BOUNDARY) out.push(t + '~' + n2);
  }
  return out;
}
