// "取消苹果", "苹果不要了", "取消订单" / "取消" (everything still open).
import type { Handler } from '../../core/types.js';
import { cancelLines, type OpenLine } from '../../ordering/orders.js';
import { render } from '../../messaging/replies.js';
import { ambiguityQuestion } from './order.js';
import { qtyText } from '../../quantity.js';
import { refuseLocked } from './locked.js';

const lineText = (l: OpenLine) => `${l.name} ${qtyText(l.qty)}${l.unit}`;

export const cancelHandler: Handler = {
  name: 'cancel',
  match: (ctx) => ctx.member !== null && ctx.parsed()?.intent === 'cancel',
  handle(ctx, app) {
    const p = ctx.parsed()!;
    if (p.rejected?.reason === 'unknown_product') return ctx.reply(render('cancel_not_ordered', { names: p.rejected.term }));
    if (p.ambiguous) return ctx.reply(ambiguityQuestion(p.ambiguous));
    const names = [...new Set(p.items.map((i) => i.product))];
    const { cancelled, missing, locked } = cancelLines(app.store, ctx.member!.id, names, app.now());
    const parts: string[] = [];
    if (cancelled.length) parts.push(render(names.length ? 'cancel_done' : 'cancel_all_done', { lines: cancelled.map(lineText).join('、') }));
    if (missing.length) parts.push(render('cancel_not_ordered', { names: missing.join('、') }));
    if (locked.length) parts.push(refuseLocked(ctx, app, '取消', locked.map((line) => ({ line, wanted: 0 }))));
    if (!parts.length) parts.push(render('cancel_nothing_open'));
    ctx.reply(parts.join('\n'));
  },
};
