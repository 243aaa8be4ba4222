import path from 'node:path';
import type { Command } from '../src/core/types.js';
import { enqueue } from '../src/messaging/outbox.js';
import { writeHeatmap, type HeatKind } from '../src/delivery/heatmap.js';

const USAGE = '/热力图 [周] [天数]';
export const DEFAULT_DAYS = 30;
export const MAX_DAYS = 365;

/** `[周] [天数]` → what to draw, or the reason (Chinese) it cannot be read. */
export function parseHeatmapArgs(args: string[]): { ok: true; kind: HeatKind; days: number } | { ok: false; error: string } {
  const words = args.map((a) => a.normalize('NFKC'));
  let kind: HeatKind = 'building';
  if (words[0] === '周' || words[0] === '星期') { kind = 'weekday'; words.shift(); }
  if (words.length > 1) return { ok: false, error: `多写了「${words.slice(1).join(' ')}」\n用法：${USAGE}` };
  const raw = words[0]?.replace(/天$/, '');
  const days = raw === undefined ? DEFAULT_DAYS : /^\d{1,4}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS) {
    return { ok: false, error: `天数请写 1 到 ${MAX_DAYS} 的整数（「${words[0]}」不行），例如：/热力图 30、/热力图 周 90\n用法：${USAGE}` };
  }
  return { ok: true, kind, days };
}

export const heatmapCommand: Command = {
  names: ['热力图', 'heatmap'],
  role: 'leader',
  needsCommunity: true,
  usage: USAGE,
  summary: '需求热力图：近 N 天（默认 30）的订单按楼栋×时段（写 周 按星期×时段）画成图片发到这里，看哪栋楼、几点下单多',
  details: `不含已取消的订单；订单写了地址（如 5栋302）按地址的楼栋算，否则按下单人群昵称里的楼栋，都没有的算「未知楼栋」。天数 1 到 ${MAX_DAYS}\n`
    + '例如：/热力图、/热力图 7、/热力图 周、/热力图 周 90',
  async run(ctx, args, app) {
    const parsed = parseHeatmapArgs(args);
    if (!parsed.ok) return ctx.reply(parsed.error);
    const community = ctx.community!;
    const now = app.now();
    // Next to the database, with the exports (data/exports/ by default, git-ignored).
    const dir = path.join(path.dirname(app.config.databasePath), 'exports');
    const r = await writeHeatmap(app.store, community, { days: parsed.days, kind: parsed.kind, dir, now });
    if (!r.ok) return ctx.reply(`近${parsed.days}天「${community.name}」没有订单（已取消的不算），没有可画的热力图`);
    ctx.reply(parsed.kind === 'building' ? `${r.line}\n按星期看：/热力图 周 ${parsed.days}` : r.line);
    const chat = ctx.chat.kind === 'room'
      ? { conversationId: ctx.chat.roomId, conversationKind: 'room' as const }
      : { conversationId: ctx.chat.contactId, conversationKind: 'contact' as const };
    enqueue(app.store, { ...chat, kind: 'file', body: r.file, dedupKey: `${ctx.messageId}#heatmap` }, app.now());
    app.notifyOutbox();
  },
};
