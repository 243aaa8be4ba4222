import type { Command } from '../src/core/types.js';
import { scenarios, findScenario } from '../scenarios/index.js';
import { attachImages, clearImages, imageCounts } from '../src/campaigns/campaign-images.js';
import { MAX_IMAGES } from '../src/campaigns/scheduler/runs.js';

const USAGE = '/素材 活动名 [清空]';

export const campaignImagesCommand: Command = {
  names: ['素材', 'images'],
  role: 'leader',
  needsCommunity: true,
  usage: USAGE,
  summary: `给定时活动配图：先把图片发给机器人（私聊或群里），再发 /素材 活动名，活动文案会带上最近的 ${MAX_IMAGES} 张图`,
  details: `活动名：${scenarios.map((s) => s.title).join('、')}\n例如：先私聊发 3 张青团照片，再发 /素材 时令营销\n　　　/素材 时令营销 清空　（改回默认图片）\n　　　/素材　（查看各活动的配图数）`,
  run(ctx, args, app) {
    const community = ctx.community!;
    const [name, action] = args;
    if (!name) {
      const counts = imageCounts(app.store, community.id, ctx.sender.contactId);
      const lines = scenarios.map((s) => `· ${s.title}：${counts.byScenario.get(s.name) ?? 0} 张`);
      return ctx.reply(`活动配图（每次最多用 ${MAX_IMAGES} 张）：\n${lines.join('\n')}\n你刚发的、还没用上的图片：${counts.pending} 张\n用法：${USAGE}`);
    }
    const scenario = findScenario(name);
    if (!scenario) return ctx.reply(`没有叫「${name}」的活动。可选：${scenarios.map((s) => s.title).join('、')}`);
    if (action === '清空') {
      const n = clearImages(app.store, community.id, scenario.name);
      return ctx.reply(`已清空「${scenario.title}」的 ${n} 张配图`);
    }
    if (action) return ctx.reply(`用法：${USAGE}`);
    const n = attachImages(app.store, community.id, ctx.sender.contactId, scenario.name, app.now());
    if (n === 0) return ctx.reply('还没收到你的图片：先把图片发给我（私聊或群里都行），再发这条命令');
    ctx.reply(`「${scenario.title}」已配上 ${n} 张图，下次发活动时一起发出`);
  },
};
