import type { Command } from '../src/core/types.js';
import { render } from '../src/messaging/replies.js';
import { yuan } from '../src/money.js';
import { parsePriceFen } from '../src/catalog/catalog.js';
import { enqueue } from '../src/messaging/outbox.js';
import { COMPENSATION_COUPON_DAYS, compensate, findTicket, parseCompensation, parseTicketNo, ticketResident } from '../src/service/tickets.js';
import { mentionOf } from './ticket-format.js';

const USAGE = '/补偿 工单号 退款|补发|券 金额';

export const compensateCommand: Command = {
  names: ['补偿', 'compensate'],
  role: 'leader',
  needsCommunity: true,
  usage: USAGE,
  summary: '给投诉工单定补偿方案（退款、补发或券，金额按元写）并结单，要在开单 24 小时内',
  details: `退款：记录应退金额（请在微信里退给居民）；补发：记录补发商品的价值；券：立即发一张等额商品券给居民（${COMPENSATION_COUPON_DAYS} 天有效，券码私聊发给居民）\n`
    + '例如：/补偿 3 退款 12.5\n　　　/补偿 3 补发 6\n　　　/补偿 3 券 10',
  run(ctx, args, app) {
    const [no, kindWord, amount] = args;
    const id = parseTicketNo(no);
    if (id === null) return ctx.reply(`请写工单号（数字），发送 /工单 查看未处理的工单\n用法：${USAGE}`);
    const kind = parseCompensation(kindWord);
    if (!kind) return ctx.reply(`补偿方式只能是 退款、补发 或 券\n用法：${USAGE}`);
    if (!amount) return ctx.reply(`请写补偿金额（元），例如：/补偿 ${id} ${kind} 12.5`);
    const price = parsePriceFen(amount);
    if (!price.ok) {
      const why = price.reason === 'too_high' ? '金额太大了' : price.reason === 'not_positive' ? '金额要大于 0' : `金额「${amount}」看不懂`;
      return ctx.reply(`${why}，请按元写，最多两位小数，例如：/补偿 ${id} ${kind} 12.5`);
    }
    if (args.length > 3) return ctx.reply(`多写了内容「${args.slice(3).join(' ')}」\n用法：${USAGE}`);
    const ticket = findTicket(app.store, ctx.community!.id, id);
    if (!ticket) return ctx.reply(`本小区没有工单#${id}，发送 /工单 查看未处理的工单`);
    const now = app.now();
    const r = compensate(app.store, ticket, kind, price.fen, ctx.sender.contactId, now);
    if (!r.ok) return ctx.reply(`工单#${id} 已经处理过了（${ticket.compensation ?? ''} ${ticket.compensationFen !== null ? yuan(ticket.compensationFen) : ''}），没有改动`);
    const money = yuan(price.fen);
    const result = kind === '退款' ? `退款 ${money}` : kind === '补发' ? `补发价值 ${money} 的商品` : `补偿一张 ${money} 商品券（券码已私聊发给您）`;
    const mention = mentionOf(app, ticket.conversationKind, ticket.memberId);
    enqueue(app.store, {
      conversationId: ticket.conversationId, conversationKind: ticket.conversationKind,
      body: render('complaint_compensated', { mention, ticket: ticket.id, result }), dedupKey: `${ctx.messageId}:compensation`,
    }, now);
    if (r.couponCode) {
      enqueue(app.store, {
        conversationId: ticketResident(app.store, ticket.memberId).contactId, conversationKind: 'contact',
        body: `🎫 工单#${ticket.id} 的补偿券：${money} 商品券，券码 ${r.couponCode}，${COMPENSATION_COUPON_DAYS} 天内有效。发送「我的券」可随时查看`,
        dedupKey: `${ctx.messageId}:coupon`,
      }, now);
    }
    app.notifyOutbox();
    ctx.reply(`工单#${ticket.id} 已结单：${kind} ${money}${r.couponCode ? `，券码 ${r.couponCode} 已私聊发给居民` : ''}`);
  },
};
