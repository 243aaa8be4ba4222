import type { Command } from '../src/core/types.js';
import { render } from '../src/messaging/replies.js';
import { updateCommunitySettings } from '../src/community/communities.js';

const FIELDS = { 自提点: 'pickupPlace', 配送时间: 'deliveryTime', 截单时间: 'cutoffTime' } as const;

export const settings: Command = {
  names: ['设置', 'set'],
  role: 'leader',
  needsCommunity: true,
  usage: '/设置 自提点|配送时间|截单时间 内容',
  summary: '设置居民常问的信息，机器人会据此自动回答',
  details: '例如：/设置 自提点 3号楼快递柜旁\n　　　/设置 配送时间 每天下午4点后',
  run(ctx, args, app) {
    const [what, ...rest] = args;
    const field = what ? FIELDS[what as keyof typeof FIELDS] : undefined;
    const value = rest.join(' ').trim();
    if (!field || !value || value.length > 100) return ctx.reply(render('settings_usage'));
    const updated = updateCommunitySettings(app.store, ctx.community!.id, { [field]: value });
    app.directory.updateCommunity(updated);
    ctx.reply(render('settings_done', { what: what!, value }));
  },
};
