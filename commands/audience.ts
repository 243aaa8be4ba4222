import type { Command } from '../src/core/types.js';
import { commonTags, findByTag, rebuildTags } from '../src/growth/tags.js';

const USAGE = '/人群 标签';
const LIMIT = 50;

export const audienceCommand: Command = {
  names: ['人群', 'audience'],
  role: 'leader',
  needsCommunity: true,
  usage: USAGE,
  summary: '列出有某个标签的成员，用于定向推荐（如宝妈群体、3号楼、每周3次采购）',
  details: '先按最新订单重新计算全小区的标签；没有完全相同的标签时，列出标签里含这个词的成员\n例如：/人群 宝妈群体、/人群 3号楼、/人群 母婴',
  run(ctx, args, app) {
    const tag = args.join(' ').trim();
    const communityId = ctx.community!.id;
    rebuildTags(app.store, communityId, app.now());
    if (!tag) {
      const common = commonTags(app.store, communityId).map((t) => `${t.tag}（${t.n}人）`).join('、');
      return ctx.reply(`请写明要找的标签\n用法：${USAGE}${common ? `\n本小区常见标签：${common}` : ''}`);
    }
    if (tag.length > 40) return ctx.reply(`标签太长了，请写一个标签，例如：/人群 宝妈群体`);
    const { exact, matches } = findByTag(app.store, communityId, tag);
    if (matches.length === 0) {
      const common = commonTags(app.store, communityId).map((t) => t.tag).join('、');
      return ctx.reply(`本小区没有带「${tag}」标签的成员${common ? `\n常见标签：${common}` : ''}`);
    }
    const head = exact ? `标签「${tag}」共 ${matches.length} 人：` : `标签含「${tag}」的共 ${matches.length} 人：`;
    const lines = matches.slice(0, LIMIT).map(({ member, tags }) => {
      const others = tags.filter((t) => t !== tag).slice(0, 3);
      return others.length ? `${member.displayName}（${others.join('、')}）` : member.displayName;
    });
    if (matches.length > LIMIT) lines.push(`……另有 ${matches.length - LIMIT} 人`);
    ctx.replyConfidential([head, ...lines, '可以在群里 @ 他们发定向推荐'].join('\n'));
  },
};
