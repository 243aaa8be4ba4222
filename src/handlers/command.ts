// Slash commands ("/" or full-width "／"): find the command, check the caller's role, run it.
import type { Handler } from '../core/types.js';
import { findCommand, mayRun, ROLE_NAMES, splitCommand } from '../core/command.js';
import { render } from '../messaging/replies.js';

export const commandHandler: Handler = {
  name: 'command',
  match: (ctx) => splitCommand(ctx.text) !== null,
  async handle(ctx, app) {
    const { name, args } = splitCommand(ctx.text)!;
    const command = findCommand(app.commands, name);
    if (!command) return ctx.reply(render('command_unknown', { name }));
    if (!mayRun(ctx.role, command)) return ctx.reply(render('command_denied', { name: command.names[0], role: ROLE_NAMES[command.role] }));
    if (command.needsCommunity && !ctx.community) return ctx.reply(render('command_needs_community'));
    await command.run(ctx, args, app);
  },
};
