import { commandTarget } from '../src/core/command.js';
import type { Command } from '../src/core/types.js';
import { changeLeader } from '../src/growth/members.js';

const USAGE = '/撤团长 @某人';

export const dismissLeaderCommand: Command = {
  names: ['撤团长', 'dismiss'],
  role: 'admin',
  needsCommunity: true,
  usage: USAGE,
  summary: '撤销本小区某位团长的团长身份，恢复为居民',
  details: '在小区的群里 @ 对方，或写对方的群昵称\n例如：/撤团长 @张姐',
  run(ctx, args, app) {
    const community = ctx.community!;
    const arg = args.join(' ').trim();
    const target = commandTarget(ctx, app, arg, '请 @ 要撤销团长身份的成员', USAGE);
    if (!target) return;
    const r = changeLeader(app.store, community.id, target.id, false);
    if (!r.ok) {
      if (r.reason === 'not_leader') return ctx.reply(`「${target.displayName}」不是「${community.name}」的团长`);
      return ctx.reply(`在「${community.name}」没有找到「${target.displayName}」`);
    }
    app.directory.forgetMember(community.id, target.contactId);
    ctx.reply(`已撤销「${r.member.displayName}」在「${community.name}」的团长身份，现在是居民`);
  },
};
