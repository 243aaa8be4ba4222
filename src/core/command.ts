// How a slash command is declared: its names, who may run it, its help, its handler.
import type { Member, Role } from '../store/schema.js';
import { resolveMember } from '../growth/members.js';
import type { App, Command, MessageContext } from './types.js';

const RANK: Record<Role, number> = { resident: 0, leader: 1, admin: 2 };
export const ROLE_NAMES: Record<Role, string> = { resident: '居民', leader: '团长', admin: '管理员' };

export function mayRun(role: Role, command: Command): boolean {
  return RANK[role] >= RANK[command.role];
}

export function findCommand(commands: readonly Command[], name: string): Command | undefined {
  const n = name.toLowerCase();
  return commands.find((c) => c.names.some((x) => x.toLowerCase() === n));
}

/** "/开团  标题 …" or "／开团 …" → name and whitespace-split args; null when not a command. */
export function splitCommand(text: string): { name: string; args: string[] } | null {
  const t = text.trim();
  if (!/^[/／]/.test(t)) return null;
  const [name = '', ...args] = t.slice(1).trim().split(/[\s\u3000]+/).filter(Boolean);
  return name ? { name, args } : null;
}

/**
 * The member a leader command is about ("@张姐" or a nickname), in the caller's community. When there is
 * none, the caller has been told why (`missing` when nothing was named) and null is returned.
 */
export function commandTarget(ctx: MessageContext, app: App, arg: string, missing: string, usage: string): Member | null {
  if (!arg && ctx.mentionIds.length === 0) {
    ctx.reply(`${missing}\n用法：${usage}`);
    return null;
  }
  const member = resolveMember(app.store, ctx.community!.id, ctx.mentionIds, arg);
  if (!member) ctx.reply(`在「${ctx.community!.name}」没有找到「${arg.replace(/^[@＠]/, '') || '这位成员'}」，请 @ 对方或写完整的群昵称，例如：${usage.split(' ')[0]} @张姐`);
  return member;
}
