import type { App, Command, MessageContext } from '../src/core/types.js';
import { yuan } from '../src/money.js';
import { qtyText } from '../src/quantity.js';
import { resolveMember } from '../src/growth/members.js';
import { fulfilByCode, fulfilMember, isPickupCode, type FulfilledOrder, type FulfilStatus, type NotArrived } from '../src/ordering/fulfilment.js';
import { ORDER_STATUS_NAMES } from '../src/ordering/orders.js';

const VERB: Record<FulfilStatus, string> = { picked_up: '核销', delivered: '标记送达' };
const DONE: Record<FulfilStatus, string> = { picked_up: '已核销取货', delivered: '已送达' };

function orderLine(o: FulfilledOrder): string {
  const items = o.items.map((i) => `${i.name} ${qtyText(i.qty)}${i.unit}`).join('、') || '（无商品）';
  const code = o.order.pickupCode ? `，取货码 ${o.order.pickupCode}` : '';
  const points = o.points > 0 ? `，积分 +${o.points}` : o.alreadyCredited ? '，积分此前已入账' : '';
  const green = o.greenPoints > 0 ? `，绿色积分 +${o.greenPoints}（不用袋子）` : '';
  return `订单#${o.order.orderNo}：${items}，合计 ${yuan(o.order.totalFen)}${code}${points}${green}`;
}

const notArrivedText = (list: NotArrived[]) => list.map((n) => `订单#${n.orderNo}${n.sessionTitle ? `「${n.sessionTitle}」` : ''}`).join('、');

/** /核销 and /送达: by pickup code, or by @-mention / nickname for every waiting order of that member. */
export function runFulfilment(ctx: MessageContext, args: string[], app: App, to: FulfilStatus, usage: string): void {
  const arg = args.join(' ').trim();
  if (!arg && ctx.mentionIds.length === 0) return ctx.reply(`请写取货码或 @ 居民\n用法：${usage}`);
  const communityId = ctx.community!.id;
  const now = app.now();
  let result;
  if (ctx.mentionIds.length === 0 && isPickupCode(arg)) {
    result = fulfilByCode(app.store, communityId, arg, to, now);
  } else {
    const member = resolveMember(app.store, communityId, ctx.mentionIds, arg);
    if (!member) return ctx.reply(`本小区没有找到「${arg.replace(/^[@＠]/, '') || '这位成员'}」，请写取货码或 @ 对方\n用法：${usage}`);
    result = fulfilMember(app.store, communityId, member.id, to, now);
  }
  if (!result.ok) {
    if (result.reason === 'unknown_code') return ctx.reply(`没有找到取货码「${result.code}」的订单，请核对后再试`);
    if (result.reason === 'not_arrived') return ctx.reply(`${result.member.displayName} 的订单还没到货，不能${VERB[to]}：${notArrivedText(result.notArrived)}。到货后先发 /到货 再${VERB[to]}`);
    if (result.reason === 'nothing_open') return ctx.reply(`${result.member.displayName} 没有待${to === 'picked_up' ? '取货' : '送达'}的订单`);
    const status = ORDER_STATUS_NAMES[result.order.status];
    return ctx.reply(`取货码 ${result.code} 的订单#${result.order.orderNo}（${result.memberName}）${status}，不能${VERB[to]}${result.order.status === 'picked_up' || result.order.status === 'delivered' || result.order.status === 'done' ? '，请勿重复操作' : ''}`);
  }
  const gained = result.orders.reduce((s, o) => s + o.points + o.greenPoints, 0);
  ctx.reply([
    `✅ ${DONE[to]}：${result.member.displayName}`,
    ...result.orders.map(orderLine),
    gained > 0 ? `本次积分 +${gained}，当前积分 ${result.balance} 分` : `当前积分 ${result.balance} 分`,
    ...(result.notArrived ? [`未到货的订单没有${VERB[to]}：${notArrivedText(result.notArrived)}`] : []),
  ].join('\n'));
}

const USAGE = '/核销 取货码|@某人';

export const pickup: Command = {
  names: ['核销', 'pickup'],
  role: 'leader',
  needsCommunity: true,
  usage: USAGE,
  summary: '居民自提时核销订单：状态改为已取货，按金额每元积1分',
  details: '写取货码核销这一笔；@ 居民则核销他所有已到货（团长发过 /到货）、待取货的订单。同一笔订单只能核销一次，积分只入账一次\n例如：/核销 123456、/核销 @张姐',
  run(ctx, args, app) {
    runFulfilment(ctx, args, app, 'picked_up', USAGE);
  },
};

