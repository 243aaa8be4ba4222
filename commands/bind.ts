import type { Command } from '../src/core/types.js';
import { bindGroup } from '../src/community/communities.js';

const KINDS: Record<string, 'main' | 'function'> = { 主群: 'main', main: 'main', 功能群: 'function', function: 'function' };

export const bind: Command = {
  names: ['绑定', 'bind'],
  role: 'admin',
  needsCommunity: false,
  usage: '/绑定 小区名 主群|功能群 [功能群名称]',
  summary: '在群里发送，把这个群登记为某小区的主群或功能子群（1个主群+N个功能群）',
  details: '例如：/绑定 阳光小区 主群\n　　　/绑定 阳光小区 功能群 生鲜',
  run(ctx, args, app) {
    if (ctx.chat.kind !== 'room') return ctx.reply('请在要绑定的群里发送这个命令');
    const [name, kindWord, label] = args;
    const kind = kindWord ? KINDS[kindWord.toLowerCase()] : undefined;
    if (!name || !kind || name.length > 30) return ctx.reply(`用法：${bind.usage}`);
    if (kind === 'function' && !label) return ctx.reply('功能群需要一个名称，例如：/绑定 阳光小区 功能群 生鲜');
    const result = bindGroup(app.store, { roomId: ctx.chat.roomId, topic: ctx.chat.topic, communityName: name, kind, label }, app.now());
    if (!result.ok) return ctx.reply(`「${name}」已经有主群「${result.existing.topic}」，这个群可以绑定为功能群`);
    app.directory.forgetGroup(ctx.chat.roomId);
    ctx.reply(kind === 'main'
      ? `已将本群登记为「${name}」的主群，现在可以在群里直接下单了`
      : `已将本群登记为「${name}」的功能群「${label}」`);
  },
};
