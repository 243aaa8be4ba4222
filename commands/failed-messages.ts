import type { Command } from '../src/core/types.js';
import { describeFailed, failedRowsOf, retryFailed } from '../src/messaging/outbox-failures.js';

const USAGE = '/发送失败 [重发 编号…|重发 全部]';
const LISTED = 20;

export const failedMessagesCommand: Command = {
  names: ['发送失败', 'failed'],
  role: 'leader',
  needsCommunity: true,
  usage: USAGE,
  summary: '查看没能发出的消息（多次重试失败或发送时程序中断），并可重新发送',
  details: '列表私聊发给你（里面有居民的消息内容）。程序中断时正在发的消息可能已经发出，重发前请先在群里确认\n'
    + '例如：/发送失败\n　　　/发送失败 重发 12 15\n　　　/发送失败 重发 全部',
  run(ctx, args, app) {
    const community = ctx.community!;
    const [action, ...rest] = args;
    if (!action) {
      const rows = failedRowsOf(app.store, community.id);
      if (rows.length === 0) return ctx.replyPrivately(`「${community.name}」没有发送失败的消息。`);
      const lines = rows.slice(-LISTED).map(describeFailed);
      const more = rows.length > LISTED ? `（只列出最近 ${LISTED} 条）\n` : '';
      return ctx.replyPrivately(`「${community.name}」有 ${rows.length} 条消息没能发出：\n${more}${lines.join('\n')}\n`
        + '重新发送：/发送失败 重发 编号（可写多个）或 /发送失败 重发 全部');
    }
    if (action !== '重发') return ctx.reply(`用法：${USAGE}`);
    const all = rest.length === 1 && rest[0] === '全部';
    const ids = rest.map((a) => Number(a.replace(/^[#＃]/, '')));
    if (!all && (ids.length === 0 || ids.some((n) => !Number.isInteger(n) || n <= 0))) {
      return ctx.reply(`请写要重发的消息编号（/发送失败 列表里 # 后面的数字）或「全部」。\n用法：${USAGE}`);
    }
    const retried = retryFailed(app.store, community.id, all ? 'all' : ids, app.now());
    if (retried.length) app.notifyOutbox();
    const missing = all ? [] : ids.filter((n) => !retried.includes(n));
    const done = retried.length ? `已重新排队发送 ${retried.length} 条：${retried.map((n) => `#${n}`).join(' ')}` : '没有可重发的消息';
    ctx.reply(missing.length ? `${done}\n这些编号不在本小区的发送失败列表里：${missing.map((n) => `#${n}`).join(' ')}` : done);
  },
};
