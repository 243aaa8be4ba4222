// "我的积分": balance from the ledger, plus what open orders will bring.
import type { Handler } from '../router.js';
import { pendingPoints, pointsBalance } from '../services/points.js';
import { render } from '../replies.js';

export const pointsQueryHandler: Handler = {
  name: 'points-query',
  match: (ctx) => ctx.member !== null && ctx.parsed()?.intent === 'points_query',
  handle(ctx, app) {
    const balance = pointsBalance(app.store, ctx.member!.id);
    const pending = pendingPoints(app.store, ctx.member!.id);
    ctx.reply(render('points_balance', { balance, pending: pending > 0 ? render('points_pending', { pending }) : '' }));
  },
};
