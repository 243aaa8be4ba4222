import type { Command } from '../src/core/types.js';
import { shanghaiClock } from '../src/time.js';
import { createLoginLink, LINK_TTL_MS } from '../src/console/links.js';

export const consoleCommand: Command = {
  names: ['后台', 'console'],
  role: 'leader',
  needsCommunity: false,
  usage: '/后台',
  summary: '私聊发你一个一次性的网页后台登录链接（看板、趋势、工单、今日订单）',
  details: `链接 ${LINK_TTL_MS / 60_000} 分钟内有效，只能打开一次；团长只看到自己的小区，管理员看到全部小区。后台只在运行机器人的电脑上打开（127.0.0.1）。`,
  run(ctx, _args, app) {
    const url = app.console.url;
    if (!url) return ctx.replyPrivately('网页后台没有开启（CONSOLE_PORT=off，或端口被占用）。请检查 .env 里的 CONSOLE_PORT 后重启机器人。');
    const admin = ctx.role === 'admin';
    if (!admin && !ctx.community) return ctx.replyPrivately('请在小区团购群里发送 /后台，或先选择小区。');
    const { token, expiresAt } = createLoginLink(app.store, {
      contactId: ctx.sender.contactId, memberId: ctx.member?.id ?? null, communityId: admin ? null : ctx.community!.id,
    }, app.now());
    const scope = admin ? '全部小区' : `「${ctx.community!.name}」`;
    ctx.replyConfidential(`🖥 网页后台登录链接（${scope}，${shanghaiClock(expiresAt)} 前有效，只能用一次，请勿转发）：\n${url}/login?token=${token}`);
  },
};
