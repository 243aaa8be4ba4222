// 接龙 lists: every version is remembered per group; the lines a sender added are their order.
import type { Handler } from '../router.js';
import { isJielong } from '../nlu/jielong.js';
import { normalize } from '../nlu/index.js';
import { setLastJielong } from '../services/groups.js';
import { placeAndConfirm } from './order.js';

export const jielongHandler: Handler = {
  name: 'jielong',
  atomic: true,
  // The cheap test first: a 接龙 is several lines, or says 接龙 (this runs for every group message).
  match: (ctx) => ctx.group !== null && ctx.member !== null && ctx.text.length <= 20_000
    && (ctx.text.includes('\n') || ctx.text.includes('接龙')) && isJielong(normalize(ctx.text)),
  handle(ctx, app) {
    const p = ctx.parsed()!; // parsed against the previous version
    if (p.intent === 'order') placeAndConfirm(ctx, app, p);
    app.directory.updateGroup(setLastJielong(app.store, ctx.group!.id, ctx.text));
  },
};
