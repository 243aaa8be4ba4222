import { commandTarget } from '../src/core/command.js';
import type { Command } from '../src/core/types.js';
import { changeLeader } from '../src/growth/members.js';

const USAGE = '/设团长 @某人';

export const appointLeaderCommand: Command = {
  names: ['设团长', 'appoint'],
  role: 'admin',
  needsCommunity: true,
  usage: USAGE,
  summary: '把本小区的一位成员设为团长（只在本小区有效）',
  details: '在小区的群里 @ 对方，或写对方的群昵称\n例如：/设团长 @张姐',
  run(ctx, args, app) {
    const community = ctx.community!;
    const arg = args.join(' ').trim();
    const target = commandTarget(ctx, app, arg, '请 @ 要设为团长的成员', USAGE);
    if (!target) return;
    const r = changeLeader(app.store, community.id, target.id, true);
    if (!r.ok) {
      if (r.reason === 'left') return ctx.reply(`「${target.displayName}」已经退群，不能设为团长`);
      if (r.reason === 'already_leader') return ctx.reply(`「${target.displayName}」已经是「${community.name}」的${r.member!.role === 'admin' ? '管理员' : '团长'}了`);
      return ctx.reply(`在「${community.name}」没有找到「${target.displayName}」`);
    }
    app.directory.forgetMember(community.id, target.contactId);
    ctx.reply(`已设「${r.member.displayName}」为「${community.name}」的团长，发送 /帮助 可查看团长命令`);
  },
};
