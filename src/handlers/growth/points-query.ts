// "我的积分": balance from the ledger, plus what open orders will bring, and the points level (等级 · 荣誉).
import type { Handler } from '../../core/types.js';
import { levelOf, levelText, pendingPoints, pointRules, pointsBalance } from '../../growth/points.js';
import { render } from '../../messaging/replies.js';

export const pointsQueryHandler: Handler = {
  name: 'points-query',
  match: (ctx) => ctx.member !== null && ctx.parsed()?.intent === 'points_query',
  handle(ctx, app) {
    const balance = pointsBalance(app.store, ctx.member!.id);
    const pending = pendingPoints(app.store, ctx.member!.id);
    ctx.reply([
      render('points_balance', { balance, pending: pending > 0 ? render('points_pending', { pending }) : '' }),
      levelText(levelOf(app.store, ctx.member!.id)),
      `下单备注「不要袋子」可得绿色积分 ${pointRules().green.points} 分；发送「兑换」查看可兑换的券`,
    ].join('\n'));
  },
};
