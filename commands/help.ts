import type { Command } from '../src/core/types.js';
import { findCommand, mayRun } from '../src/core/command.js';
import { render } from '../src/messaging/replies.js';

export const help: Command = {
  names: ['帮助', 'help'],
  role: 'resident',
  needsCommunity: false,
  usage: '/帮助 [命令]',
  summary: '查看你能用的命令；带上命令名看它的详细用法',
  details: '例如：/帮助 商品',
  run(ctx, args, app) {
    const visible = app.commands.filter((c) => mayRun(ctx.role, c));
    if (args[0]) {
      const c = findCommand(visible, args[0].replace(/^[/／]/, ''));
      if (!c) return ctx.reply(render('command_unknown', { name: args[0] }));
      const aliases = c.names.length > 1 ? `\n也可以写作：${c.names.slice(1).map((n) => `/${n}`).join(' ')}` : '';
      return ctx.reply(render('help_command_detail', { usage: c.usage, summary: c.summary, details: (c.details ? `\n${c.details}` : '') + aliases }));
    }
    const lines = [render('help_header')];
    if (ctx.role === 'resident') lines.push(render('help_resident_tips'));
    for (const c of visible) lines.push(render('help_command_line', { usage: c.usage, summary: c.summary }));
    ctx.reply(lines.join('\n'));
  },
};
