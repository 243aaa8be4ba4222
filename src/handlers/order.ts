// Orders typed in chat: parse against the community catalog, place the order, confirm it.
import type { Handler } from '../router.js';
import type { MessageContext } from '../context.js';
import type { App } from '../app.js';
import { placeOrder, MAX_LINE_QTY } from '../services/orders.js';
import { render } from '../replies.js';
import { yuan } from '../money.js';
import { qtyText } from '../format.js';

function rejectionText(ctx: MessageContext, app: App): string | null {
  const p = ctx.parsed()!;
  if (p.ambiguous) return render('order_ambiguous', { candidates: p.ambiguous.candidates.map((c) => `「${c}」`).join('、') });
  if (!p.rejected) return null;
  const { reason, term, qty } = p.rejected;
  if (reason === 'unknown_product') {
    const names = app.catalogs.get(ctx.community!.id).products.slice(0, 12).map((x) => x.name).join('、');
    return render('order_unknown_product', { term, catalog: names || '暂无商品' });
  }
  const catalog = app.catalogs.get(ctx.community!.id);
  const product = catalog.byName.get(term);
  const example = product ? `${product.name}2${product.unit}` : '苹果2斤';
  if (reason === 'absurd_qty') return render('order_absurd_qty', { term, qty: qty ?? '', max: MAX_LINE_QTY });
  return render('order_bad_qty', { term, example });
}

export const orderHandler: Handler = {
  name: 'order',
  atomic: true,
  match(ctx) {
    if (!ctx.community || !ctx.member) return false;
    const p = ctx.parsed();
    return p !== null && (p.intent === 'order' || p.ambiguous !== undefined);
  },
  handle(ctx, app) {
    const p = ctx.parsed()!;
    const problem = rejectionText(ctx, app);
    if (p.items.length === 0) {
      if (problem) ctx.reply(problem);
      return;
    }
    const result = placeOrder(app.store, {
      communityId: ctx.community!.id,
      groupId: ctx.group?.id ?? null,
      memberId: ctx.member!.id,
      sourceMsgId: ctx.messageId,
      lines: p.items.map((i) => ({ productName: i.product, qty: i.qty })),
      note: p.note ?? null,
    }, app.now());
    if (!result.ok) {
      switch (result.reason) {
        case 'duplicate': return; // already answered the first time
        case 'sold_out':
          return ctx.reply(render('order_sold_out', { product: result.product.name, left: qtyText(Math.max(0, result.left)), unit: result.product.unit }));
        case 'unknown_product':
          app.catalogs.invalidate(ctx.community!.id); // the catalog changed under us
          return ctx.reply(render('order_unknown_product', { term: result.name, catalog: app.catalogs.get(ctx.community!.id).products.map((x) => x.name).join('、') }));
        case 'bad_qty':
          return ctx.reply(render('order_bad_qty', { term: result.name, example: `${result.name}2` }));
        case 'empty':
          return;
      }
    }
    const lines = result.lines.map((l) => render('order_line', {
      product: l.product.name, qty: qtyText(l.qty), unit: l.product.unit, amount: yuan(l.amountFen),
    })).join('；');
    let text = render('order_confirmed', { name: ctx.member!.displayName, lines, total: yuan(result.order.totalFen), orderId: `#${result.order.id}` });
    if (p.note) text += `\n备注：${p.note}`;
    if (problem) text += `\n${problem}`;
    ctx.reply(text);
  },
};
