import { commandTarget } from '../src/core/command.js';
import type { Command } from '../src/core/types.js';
import { yuan } from '../src/money.js';
import { qtyText } from '../src/quantity.js';
import { shanghaiClock } from '../src/time.js';
import { recentOrdersOf } from '../src/ordering/orders.js';
import { ORDER_STATUS_NAMES } from '../src/ordering/orders.js';

const USAGE = '/订单 @某人';
const LIMIT = 10;

export const memberOrders: Command = {
  names: ['订单', 'orders'],
  role: 'leader',
  needsCommunity: true,
  usage: USAGE,
  summary: '查看某位居民在本小区的订单：状态、商品、金额和取货码',
  details: `@ 对方，或写群昵称里的名字；列出最近 ${LIMIT} 笔\n例如：/订单 @张姐、/订单 张姐`,
  run(ctx, args, app) {
    const arg = args.join(' ').trim();
    const member = commandTarget(ctx, app, arg, '请写明要查谁的订单', USAGE);
    if (!member) return;
    const list = recentOrdersOf(app.store, member.id, LIMIT);
    if (list.length === 0) return ctx.reply(`${member.displayName} 在本小区还没有订单`);
    const lines = list.map(({ order, items }) => {
      const goods = items.map((i) => `${i.name} ${qtyText(i.qty)}${i.unit}`).join('、') || '（已全部取消）';
      const code = order.pickupCode ? `，取货码 ${order.pickupCode}` : '';
      return `#${order.orderNo}【${ORDER_STATUS_NAMES[order.status]}】${goods}，合计 ${yuan(order.totalFen)}${code}（${shanghaiClock(order.createdAt)}）`;
    });
    ctx.replyConfidential([`${member.displayName} 的订单（最近 ${list.length} 笔）：`, ...lines].join('\n'));
  },
};
