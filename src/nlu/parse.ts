// The parser: the rule layer (rules.ts) reads the message, the intent model (relevance.ts) decides.
import { buildCatalogIndex } from './catalog-match.js';
import { loadClassifier, loadReviewModel, type TokenClassifier } from './models/classifier.js';
import { intentFeatures } from './models/features.js';
import { loadIntentModel, type IntentModel } from './models/intent-model.js';
import { decide, latinPinyin, readMessage } from './relevance.js';
import { guard, parse, type State } from './rules.js';
import type { CatalogProduct, ParseContext, Parser } from './types.js';

/**
 * `model`: the intent model (data/nlu/intent-model.json); null = the rule layer alone (the trainer's view).
 * `warm`: load jieba's dictionary now, so the bot's first chat message is not the slow one; `lintuan parse` starts
 * without it (most lines never need jieba). The review model is always loaded on first use (long texts only).
 */
export function createParser(catalog: CatalogProduct[], classifier: TokenClassifier = loadClassifier(), model: IntentModel | null = loadIntentModel(), { warm = true }: { warm?: boolean } = {}): Parser {
  const state: State = { index: buildCatalogIndex(catalog), classifier, review: loadReviewModel, model };
  // Warm up the pinyin tables and the rule layer's paths now.
  for (const w of ['平果2斤', '今天天气不错', '几点到?', '送得太慢了', '取消', '#接龙\n1. 3-501 苹果2斤']) parse(state, w, {});
  if (warm) state.classifier.classify('今天天气不错'); // the lexicon answers the texts above, so load jieba explicitly
  return { parse: (text, ctx) => guard(decide(state, text ?? '', ctx ?? {})) };
}

/** The intent model's features of a message as the parser sees it (for scripts/train-intent.ts). */
export function createFeatureReader(catalog: CatalogProduct[]): (text: string, ctx?: ParseContext) => string[] {
  const state: State = { index: buildCatalogIndex(catalog), classifier: loadClassifier(), review: loadReviewModel, model: null };
  return (text, ctx) => {
    const m = readMessage(state, latinPinyin(state, String(text)), ctx ?? {});
    return m ? intentFeatures(m) : [];
  };
}
