// How a slash command is declared: its names, who may run it, its help, its handler.
import type { App } from './app.js';
import type { MessageContext } from './context.js';
import type { Role } from './store/schema.js';

export interface Command {
  /** First the Chinese name, then ASCII aliases: `/帮助` = `/help`. */
  names: readonly [string, ...string[]];
  /** The lowest role that may run it. */
  role: Role;
  /** Whether it only makes sense inside a bound community. */
  needsCommunity: boolean;
  usage: string;
  summary: string;
  /** Longer help shown by `/帮助 命令`. */
  details?: string;
  run(ctx: MessageContext, args: string[], app: App): void | Promise<void>;
}

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
