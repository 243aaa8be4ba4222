import type { Command } from '../src/core/types.js';
import { mainGroupOf } from '../src/community/communities.js';
import { activeQuest, endQuest, questStories, startQuest, storyOf, QUEST_ORDERS } from '../src/campaigns/quests.js';
import { enqueue } from '../src/messaging/outbox.js';
import { logTouchpoint } from '../src/experiments/attribution/touchpoints.js';
import { campaignText } from '../src/campaigns/scheduler/content.js';
import { shanghaiClock } from '../src/time.js';

const USAGE = '/剧本杀 [开始 故事名 [天数]|结束]';

export const questCommand: Command = {
  names: ['剧本杀', 'quest'],
  role: 'leader',
  needsCommunity: true,
  usage: USAGE,
  summary: `拼团剧本杀：居民每下一单解锁一章剧情，第 ${QUEST_ORDERS} 单解锁结局和奖励（积分或券），在群里公布`,
  details: `故事在 data/campaigns/quests.json；天数默认 7\n例如：/剧本杀　（查看故事和进度）\n　　　/剧本杀 开始 ${questStories()[0]?.key ?? '故事名'} 7\n　　　/剧本杀 结束`,
  run(ctx, args, app) {
    const community = ctx.community!;
    const now = app.now();
    const [action, name, daysText] = args;
    if (!action) {
      const q = activeQuest(app.store, community.id, now);
      const head = q ? `进行中：「${q.story}」，${shanghaiClock(q.endsAt)} 结束` : '现在没有进行中的剧本杀';
      return ctx.reply(`${head}\n可选故事：${questStories().map((s) => `${s.key}（奖励 ${s.reward.name}）`).join('、')}\n用法：${USAGE}`);
    }
    if (action === '结束') {
      const q = endQuest(app.store, community.id, now);
      return ctx.reply(q ? `已结束剧本杀「${q.story}」` : '现在没有进行中的剧本杀');
    }
    if (action !== '开始') return ctx.reply(`用法：${USAGE}`);
    const story = name ? storyOf(name) : undefined;
    if (!story) return ctx.reply(`没有叫「${name ?? ''}」的故事。可选：${questStories().map((s) => s.key).join('、')}`);
    const days = daysText === undefined ? 7 : Number(daysText.normalize('NFKC'));
    if (!Number.isInteger(days) || days < 1 || days > 60) return ctx.reply(`天数请写 1 到 60 之间的整数\n用法：${USAGE}`);
    const group = ctx.group ?? mainGroupOf(app.store, community.id);
    if (!group) return ctx.reply('本小区还没有主群，先用 /绑定 登记');
    const r = startQuest(app.store, { communityId: community.id, groupId: group.id, story: story.key, days, createdBy: ctx.sender.contactId }, now);
    if (!r.ok) return ctx.reply(`剧本杀「${r.quest.story}」还在进行中（${shanghaiClock(r.quest.endsAt)} 结束），先 /剧本杀 结束`);
    const text = campaignText('quest', 'start', { title: story.title, intro: story.intro, end: shanghaiClock(r.quest.endsAt), reward: story.reward.name });
    logTouchpoint(app.store, { communityId: community.id, groupId: group.id, kind: '剧本杀' }, now);
    if (ctx.group?.id === group.id) return ctx.reply(text);
    enqueue(app.store, { conversationId: group.roomId, conversationKind: 'room', body: text, dedupKey: `quest:${r.quest.id}:start` }, now);
    app.notifyOutbox();
    ctx.reply(`已开始剧本杀「${story.title}」，开场白已发到「${group.topic}」`);
  },
};
