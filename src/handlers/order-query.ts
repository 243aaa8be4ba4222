// "我的订单": the member's recent orders with their status.
import type { Handler } from '../router.js';
import type { Order } from '../store/schema.js';
import { recentOrdersOf } from '../services/orders.js';
import { render } from '../replies.js';
import { yuan } from '../money.js';
import { qtyText } from '../format.js';

export const STATUS_NAMES: Record<Order['status'], string> = {
  placed: '已下单', confirmed: '已确认', delivered: '已送达', picked_up: '已取货', done: '已完成', cancelled: '已取消', refunded: '已退款',
};

export const orderQueryHandler: Handler = {
  name: 'order-query',
  match: (ctx) => ctx.member !== null && ctx.parsed()?.intent === 'order_query',
  handle(ctx, app) {
    const list = recentOrdersOf(app.store, ctx.member!.id, 5);
    if (list.length === 0) return ctx.reply(render('order_query_none'));
    const lines = list.map(({ order, items }) => render('order_query_line', {
      orderId: `#${order.id}`,
      status: STATUS_NAMES[order.status],
      lines: items.map((i) => `${i.name} ${qtyText(i.qty)}${i.unit}`).join('、') || '（已全部取消）',
      total: yuan(order.totalFen),
    }));
    ctx.reply([render('order_query_header'), ...lines].join('\n'));
  },
};
