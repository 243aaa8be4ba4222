// Intents the parser understands whose features are not built yet: say so plainly instead of ignoring the resident.
import type { Handler } from '../router.js';
import type { Intent } from '../nlu/index.js';
import { render } from '../replies.js';

const FEATURES: Partial<Record<Intent, string>> = { trace: '商品溯源' };

export const notReadyHandler: Handler = {
  name: 'not-ready',
  match: (ctx) => ctx.community !== null && FEATURES[ctx.parsed()?.intent ?? 'chitchat'] !== undefined,
  handle: (ctx) => ctx.reply(render('feature_not_ready', { feature: FEATURES[ctx.parsed()!.intent]! })),
};
