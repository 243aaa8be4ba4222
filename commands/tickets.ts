import type { Command } from '../src/core/types.js';
import { yuan } from '../src/money.js';
import { shanghaiClock } from '../src/time.js';
import { SLA, durationText, findTicket, nextStep, openTickets, parseTicketNo, ticketResident, ticketStats, type TicketStats } from '../src/service/tickets.js';
import type { Ticket } from '../src/store/schema-service.js';

const USAGE = '/工单 [工单号]';
const STATS_DAYS = 30;

function timeLeft(t: Ticket, now: number): string {
  const next = nextStep(t);
  if (!next) return '已结单';
  const left = next.dueAt - now;
  return left >= 0 ? `${SLA[next.step].name}还剩 ${durationText(left)}` : `${SLA[next.step].name}已超时 ${durationText(-left)}`;
}

export function statsLine(s: TicketStats): string {
  const avg = (m: number | null) => (m === null ? '—' : durationText(m * 60_000));
  return `近${STATS_DAYS}天：工单 ${s.count} 张（未结 ${s.open}），平均首次回复 ${avg(s.avgFirstResponseMin)}，平均处理完成 ${avg(s.avgResolutionMin)}`;
}

function detail(t: Ticket, name: string, now: number): string {
  const lines = [`工单#${t.id}　${t.type}　${name}　${shanghaiClock(t.openedAt)} 开单`, `内容：${t.text}`];
  lines.push(`首次回复：${t.firstResponseAt ? shanghaiClock(t.firstResponseAt) : '未回复'}`);
  if (t.needsEvidence) lines.push(`照片/视频：${t.evidenceAt ? `${shanghaiClock(t.evidenceAt)} 收到${t.evidenceKind === 'video' ? '视频' : '照片'}（${t.evidencePath}）` : '未收到'}`);
  if (t.status === 'resolved') lines.push(`补偿：${t.compensation} ${yuan(t.compensationFen ?? 0)}${t.couponCode ? `（券码 ${t.couponCode}）` : ''}，${shanghaiClock(t.resolvedAt!)} 结单`);
  else lines.push(`进度：${timeLeft(t, now)}`);
  return lines.join('\n');
}

export const ticketsCommand: Command = {
  names: ['工单', 'tickets'],
  role: 'leader',
  needsCommunity: true,
  usage: USAGE,
  summary: '列出未处理的投诉工单和剩余时间（30分钟首次回复、2小时验货、24小时补偿）；带工单号看详情',
  details: '超时的步骤会私聊提醒团长，再超时会提醒管理员\n例如：/工单\n　　　/工单 3',
  run(ctx, args, app) {
    const communityId = ctx.community!.id;
    const now = app.now();
    if (args[0]) {
      const id = parseTicketNo(args[0]);
      if (id === null) return ctx.reply(`工单号「${args[0]}」不对，请写数字\n用法：${USAGE}`);
      const t = findTicket(app.store, communityId, id);
      if (!t) return ctx.reply(`本小区没有工单#${id}，发送 /工单 查看未处理的工单`);
      return ctx.replyConfidential(detail(t, ticketResident(app.store, t.memberId).name, now));
    }
    const stats = statsLine(ticketStats(app.store, communityId, now - STATS_DAYS * 86_400_000));
    const open = openTickets(app.store, communityId);
    if (open.length === 0) return ctx.replyConfidential(`「${ctx.community!.name}」没有未处理的工单 👍\n${stats}`);
    const lines = open.map((t) => `#${t.id} ${t.type}　${ticketResident(app.store, t.memberId).name}：${t.text.slice(0, 30)}\n　　${timeLeft(t, now)}`);
    // Residents' complaints with their names are for the leader only: privately, also when asked in a group.
    ctx.replyConfidential(`「${ctx.community!.name}」未处理工单 ${open.length} 张：\n${lines.join('\n')}\n${stats}\n回复：/回复 工单号 内容　补偿：/补偿 工单号 退款|补发|券 金额`);
  },
};
