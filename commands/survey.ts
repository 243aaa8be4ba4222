import type { Command } from '../src/core/types.js';
import { openSurvey } from '../src/growth/surveys.js';

const USAGE = '/问卷 积分 天数 问题';

export const surveyCommand: Command = {
  names: ['问卷', 'survey'],
  role: 'leader',
  needsCommunity: true,
  usage: USAGE,
  summary: '发一个问卷：居民在群里回复「问卷 答案」，每人第一次回答得积分',
  details: '例如：/问卷 10 3 下周想团什么水果？',
  run(ctx, args, app) {
    const [pointsText, daysText, ...rest] = args;
    const points = Number(pointsText?.normalize('NFKC'));
    const days = Number(daysText?.normalize('NFKC'));
    const question = rest.join(' ').trim();
    if (!Number.isInteger(points) || points < 1 || points > 1000) return ctx.reply(`积分请写 1 到 1000 之间的整数\n用法：${USAGE}`);
    if (!Number.isInteger(days) || days < 1 || days > 30) return ctx.reply(`天数请写 1 到 30 之间的整数\n用法：${USAGE}`);
    if (!question || question.length > 200) return ctx.reply(`请写上问题（200 字以内）\n用法：${USAGE}`);
    openSurvey(app.store, { communityId: ctx.community!.id, question, points, createdBy: ctx.sender.contactId, days }, app.now());
    ctx.reply(`📝【问卷】${question}\n在群里回复「问卷 你的答案」，第一次回答送 ${points} 积分，${days} 天内有效`);
  },
};
