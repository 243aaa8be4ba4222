import { commandTarget } from '../src/core/command.js';
import type { Command } from '../src/core/types.js';
import { TAG_RULES, rebuildMemberTags } from '../src/growth/tags.js';

const USAGE = '/标签 @某人';

export const memberTagsCommand: Command = {
  names: ['标签', 'tags'],
  role: 'leader',
  needsCommunity: true,
  usage: USAGE,
  summary: '查看某位成员的用户标签：楼栋、采购频次、品类偏好和人群（先按最新订单重新计算）',
  details: `标签来自群昵称里的楼栋、近 ${TAG_RULES.frequencyDays} 天的采购天数和近 ${TAG_RULES.preferenceDays} 天买过的品类，例如「3号楼」「每周3次采购」「宝妈群体-母婴+生鲜-每周3次采购」\n例如：/标签 @张姐、/标签 张姐`,
  run(ctx, args, app) {
    const arg = args.join(' ').trim();
    const member = commandTarget(ctx, app, arg, '请写明要看谁的标签', USAGE);
    if (!member) return;
    if (member.leftAt !== null) return ctx.reply(`${member.displayName} 已经退群了，没有标签`);
    const p = rebuildMemberTags(app.store, member, app.now());
    if (p.tags.length === 0) return ctx.replyConfidential(`${member.displayName} 暂时没有标签（群昵称里没有楼栋，近 ${TAG_RULES.preferenceDays} 天也没有订单）`);
    const lines = [`${member.displayName} 的标签：${p.tags.join('、')}`];
    lines.push(`· 位置：${p.location ?? '未知（群昵称里没有楼栋）'}`);
    lines.push(`· 频次：${p.frequency ?? '近期没有采购'}（近 ${TAG_RULES.frequencyDays} 天有 ${p.orderDays} 天下单）`);
    lines.push(`· 偏好：${p.categories.join('+') || '暂无'}${p.persona ? `（${p.persona}）` : ''}`);
    ctx.replyConfidential(lines.join('\n'));
  },
};
