import type { Command } from '../src/core/types.js';
import { render } from '../src/messaging/replies.js';
import { enqueue } from '../src/messaging/outbox.js';
import { findTicket, parseTicketNo, recordResponse } from '../src/service/tickets.js';
import { mentionOf } from './ticket-format.js';

const USAGE = '/回复 工单号 内容';

export const ticketReplyCommand: Command = {
  names: ['回复', 'respond'],
  role: 'leader',
  needsCommunity: true,
  usage: USAGE,
  summary: '回复居民的投诉工单：内容发到居民投诉的群（或私聊），第一次回复要在开单 30 分钟内',
  details: '工单号见投诉通知或 /工单\n例如：/回复 3 非常抱歉，下午给您换一份新鲜的',
  run(ctx, args, app) {
    const [no, ...rest] = args;
    const id = parseTicketNo(no);
    if (id === null) return ctx.reply(`请写工单号（数字），发送 /工单 查看未处理的工单\n用法：${USAGE}`);
    const text = rest.join(' ').trim();
    if (!text) return ctx.reply(`请写上回复内容\n用法：${USAGE}`);
    if (text.length > 500) return ctx.reply('回复内容太长了，请控制在 500 字以内');
    const ticket = findTicket(app.store, ctx.community!.id, id);
    if (!ticket) return ctx.reply(`本小区没有工单#${id}，发送 /工单 查看未处理的工单`);
    const now = app.now();
    recordResponse(app.store, ticket.id, now);
    const mention = mentionOf(app, ticket.conversationKind, ticket.memberId);
    enqueue(app.store, {
      conversationId: ticket.conversationId, conversationKind: ticket.conversationKind,
      body: render('complaint_leader_reply', { mention, ticket: ticket.id, text }), dedupKey: `${ctx.messageId}:ticket-reply`,
    }, now);
    app.notifyOutbox();
    ctx.reply(`已回复工单#${ticket.id}${ticket.status === 'resolved' ? '（该工单已处理完毕）' : ''}`);
  },
};
