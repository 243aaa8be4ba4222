// "我的订单": the member's recent orders with their status and pickup codes (privately).
import type { Handler } from '../../core/types.js';
import { ORDER_STATUS_NAMES, recentOrdersOf } from '../../ordering/orders.js';
import { render } from '../../messaging/replies.js';
import { yuan } from '../../money.js';
import { qtyText } from '../../quantity.js';
import { traceCode } from '../../catalog/trace.js';

export const orderQueryHandler: Handler = {
  name: 'order-query',
  match: (ctx) => ctx.member !== null && ctx.parsed()?.intent === 'order_query',
  handle(ctx, app) {
    const list = recentOrdersOf(app.store, ctx.member!.id, 5);
    if (list.length === 0) return ctx.reply(render('order_query_none'));
    // The list carries pickup codes: asked in a group, it goes privately.
    const lines = list.map(({ order, items }) => {
      const line = render('order_query_line', {
        orderId: `#${order.orderNo}`,
        status: ORDER_STATUS_NAMES[order.status],
        lines: items.map((i) => `${i.name} ${qtyText(i.qty)}${i.unit}`).join('、') || '（已全部取消）',
        total: yuan(order.totalFen),
        code: order.pickupCode && items.length ? `，取货码 ${order.pickupCode}` : '',
      });
      // 质量追溯: each line's trace code ("溯源 CODE" answers batch, checkpoints and delivery).
      return items.length ? `${line}\n${render('order_query_trace', { codes: items.map((i) => `${i.name} ${traceCode(i.itemId)}`).join('、') })}` : line;
    });
    ctx.replyConfidential([render('order_query_header'), ...lines].join('\n'));
  },
};
