// "苹果改成3斤", "牛奶换成4瓶": the latest open line of that product takes the new quantity.
import type { Handler } from '../../core/types.js';
import { modifyLine, MAX_LINE_QTY } from '../../ordering/orders.js';
import { MAX_WRITTEN } from '../../nlu/index.js';
import { render } from '../../messaging/replies.js';
import { ambiguityQuestion } from './order.js';
import { qtyText } from '../../quantity.js';
import { yuan } from '../../money.js';
import { refuseLocked } from './locked.js';
import type { OpenLine } from '../../ordering/orders.js';

export const modifyHandler: Handler = {
  name: 'modify',
  match: (ctx) => ctx.member !== null && ctx.community !== null && ctx.parsed()?.intent === 'modify',
  handle(ctx, app) {
    const p = ctx.parsed()!;
    if (p.ambiguous) return ctx.reply(ambiguityQuestion(p.ambiguous));
    if (p.rejected?.reason === 'absurd_qty') return ctx.reply(render('order_absurd_qty', { term: p.rejected.term, qty: p.rejected.qty ?? '', max: (p.rejected.qty ?? 0) > MAX_WRITTEN ? MAX_WRITTEN : MAX_LINE_QTY }));
    if (p.items.length === 0) return ctx.reply(render('modify_needs_product', { example: '苹果改成3斤' }));
    const replies: string[] = [];
    const locked: { line: OpenLine; wanted: number }[] = [];
    for (const item of p.items) {
      const r = modifyLine(app.store, ctx.member!.id, item.product, item.qty, app.now());
      const vars = { product: item.product, unit: item.unit, qty: qtyText(item.qty) };
      if (r.ok) replies.push(render('modify_done', { ...vars, from: qtyText(r.from), to: qtyText(r.to), amount: yuan(r.amountFen) }));
      else if (r.reason === 'locked') locked.push({ line: r.line, wanted: item.qty });
      else if (r.reason === 'unchanged') replies.push(render('modify_unchanged', { ...vars, unit: r.line.unit }));
      else if (r.reason === 'not_ordered') replies.push(render('modify_not_ordered', vars));
      else if (r.reason === 'sold_out') replies.push(render('modify_sold_out', { ...vars, left: qtyText(r.left) }));
      else replies.push(render('order_bad_qty', { term: item.product, example: `${item.product}改成2${item.unit}` }));
    }
    if (locked.length) replies.push(refuseLocked(ctx, app, '修改', locked));
    ctx.reply(replies.join('\n'));
  },
};
