// After 截单 a resident's change or cancel is refused; the leader is told privately what was asked, with
// the /改单 command that would do it (we notify rather than ask "shall I tell the leader?": one message
// fewer for the resident, and the leader decides anyway).
import type { App, MessageContext } from '../../core/types.js';
import type { OpenLine } from '../../ordering/orders.js';
import { notifyLeaders } from '../../messaging/notify.js';
import { parseNickname } from '../../growth/members.js';
import { render } from '../../messaging/replies.js';
import { qtyText } from '../../quantity.js';

/** `wanted` is the quantity asked for each locked line (0 = cancel). Returns the resident's reply. */
export function refuseLocked(ctx: MessageContext, app: App, action: '修改' | '取消', locked: { line: OpenLine; wanted: number }[]): string {
  const name = parseNickname(ctx.who).name || ctx.who;
  const byOrder = new Map<number, OpenLine[]>();
  for (const { line } of locked) byOrder.set(line.orderId, [...(byOrder.get(line.orderId) ?? []), line]);
  const orders = [...byOrder].map(([id, lines]) => `订单#${lines[0]!.orderNo}：${lines.map((l) => `${l.name} ${qtyText(l.qty)}${l.unit}`).join('、')}`).join('\n');
  const commands = locked.map(({ line, wanted }) => `/改单 @${name} ${line.name} ${wanted === 0 ? '0' : `${qtyText(wanted)}${line.unit}`}`).join('、');
  notifyLeaders(app.store, ctx.community!.id,
    render('order_locked_forward', { who: ctx.who, where: ctx.where, text: ctx.text.slice(0, 200), orders, commands }), `${ctx.messageId}#locked`, app.now());
  return render('order_locked', { title: locked[0]!.line.sessionTitle ?? '本期团购', action });
}
