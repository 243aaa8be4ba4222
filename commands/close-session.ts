import type { Command } from '../src/core/types.js';
import { closeAndAnnounce } from '../src/ordering/session-close.js';
import { shanghaiClock } from '../src/time.js';

export const closeSessionCommand: Command = {
  names: ['截单', 'close'],
  role: 'leader',
  needsCommunity: true,
  usage: '/截单 [团购标题或编号]',
  summary: '提前截单并在群里发汇总；只有一期在团时可以不写标题',
  run(ctx, args, app) {
    const open = app.sessions.get(ctx.community!.id, app.now());
    if (open.length === 0) return ctx.reply('目前没有在进行的团购');
    const key = args.join(' ').replace(/^#/, '').trim();
    const picked = key ? open.filter((s) => s.session.title === key || String(s.session.id) === key) : open;
    if (picked.length !== 1) {
      const list = open.map((s) => `#${s.session.id} ${s.session.title}（截单 ${shanghaiClock(s.session.cutoffAt)}）`).join('\n');
      return ctx.reply(`${key ? `没有找到「${key}」` : '现在有多期在团'}，请写明要截哪一期：\n${list}`);
    }
    const r = closeAndAnnounce(app, picked[0]!.session.id);
    if (!r) return ctx.reply('这期团购已经截单了');
    if (ctx.chat.kind !== 'room' || ctx.group?.id !== r.session.groupId) ctx.reply(`已截单「${r.session.title}」，汇总已发到群里`);
  },
};
