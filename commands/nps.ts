import type { Command } from '../src/core/types.js';
import { mainGroupOf } from '../src/community/communities.js';
import { enqueue } from '../src/messaging/outbox.js';
import { NPS_DAYS, NPS_QUESTION, currentSurvey, openSurvey } from '../src/growth/surveys.js';
import { shanghaiClock } from '../src/time.js';

const USAGE = '/NPS [积分]';
const DEFAULT_POINTS = 5;

export const npsCommand: Command = {
  names: ['推荐度', 'NPS'],
  role: 'leader',
  needsCommunity: true,
  usage: USAGE,
  summary: `在主群发推荐度（NPS）调查：${NPS_DAYS} 天内居民回复「0-10分」（群里或私聊都行），以最后一次为准，第一次打分送积分`,
  details: `不写积分默认 ${DEFAULT_POINTS} 分；结果计入数据看板的 NPS（推荐者 9-10 分占比 − 贬损者 0-6 分占比）\n例如：/NPS　　/推荐度 10`,
  run(ctx, args, app) {
    const community = ctx.community!;
    const now = app.now();
    const points = args[0] === undefined ? DEFAULT_POINTS : Number(args[0].normalize('NFKC'));
    if (!Number.isInteger(points) || points < 0 || points > 1000 || args.length > 1) return ctx.reply(`积分请写 0 到 1000 之间的整数\n用法：${USAGE}`);
    const open = currentSurvey(app.store, community.id, now, 'nps');
    if (open) return ctx.reply(`推荐度调查还在进行中（${shanghaiClock(open.closesAt)} 结束），不用再发`);
    const group = mainGroupOf(app.store, community.id);
    if (!group) return ctx.reply('本小区还没有主群，先用 /绑定 登记');
    const survey = openSurvey(app.store, { communityId: community.id, kind: 'nps', question: NPS_QUESTION, points, createdBy: ctx.sender.contactId, days: NPS_DAYS }, now);
    const reward = points > 0 ? `，第一次打分送 ${points} 积分` : '';
    enqueue(app.store, {
      conversationId: group.roomId, conversationKind: 'room', dedupKey: `nps:${survey.id}`,
      body: `📊【推荐度调查】${NPS_QUESTION}\n直接回复「9分」这样的分数就行，群里或私聊我都可以，${NPS_DAYS} 天内有效，以最后一次为准${reward}`,
    }, now);
    app.notifyOutbox();
    if (ctx.group?.id !== group.id) ctx.reply(`推荐度调查已发到「${group.topic}」，${shanghaiClock(survey.closesAt)} 截止`);
  },
};
