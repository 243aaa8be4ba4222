import fs from 'node:fs';
import path from 'node:path';
import type { Command } from '../src/core/types.js';
import { enqueue } from '../src/messaging/outbox.js';
import { dashboardFigures } from '../src/metrics/dashboard.js';
import { shanghaiDay } from '../src/time.js';

const USAGE = '/看板 [周|月]';
const PERIODS: Record<string, { days: number; label: string }> = { 周: { days: 7, label: '近7天' }, 月: { days: 30, label: '近30天' } };

const md = (day: string) => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;

export const dashboardCommand: Command = {
  names: ['看板', 'dashboard'],
  role: 'leader',
  needsCommunity: true,
  usage: USAGE,
  summary: '发一张数据看板图：12 项核心指标（箭头对比上一周期，未达目标标红）和订单、成交额趋势',
  details: '周 = 最近 7 天（默认），月 = 最近 30 天，都含今天；箭头和上一个同样长的周期比。每项指标的定义见网页后台（/后台）\n例如：/看板、/看板 月',
  async run(ctx, args, app) {
    const period = PERIODS[args[0] ?? '周'];
    if (!period || args.length > 1) return ctx.reply(`请写「周」或「月」，例如：/看板 月\n用法：${USAGE}`);
    const community = ctx.community!;
    const now = app.now();
    const r = dashboardFigures(app.store, community.id, now, { days: period.days });
    if (!r.ok) return ctx.reply(r.error);
    const { range, figures, trend } = r.figures;
    // Loaded on first use: ECharts and resvg take a second to import, which every start of the bot would pay.
    const { renderDashboardPng } = await import('../src/charts/index.js');
    const png = await renderDashboardPng({
      communityName: community.name, periodLabel: `${period.label} ${md(range.from)}–${md(range.to)}`, figures, trend,
    });
    // Next to the database, like the Excel exports (git-ignored).
    const dir = path.join(path.dirname(app.config.databasePath), 'exports');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `看板_${community.id}_${shanghaiDay(now)}_${ctx.messageId.replace(/\W/g, '').slice(-12)}.png`);
    fs.writeFileSync(file, png);
    const missed = figures.filter((f) => f.missed).map((f) => f.label);
    ctx.reply(`📊 ${community.name} 数据看板（${period.label}）${missed.length ? `：未达目标 ${missed.join('、')}` : '：各项都达到了目标'}`);
    enqueue(app.store, { ...(ctx.chat.kind === 'room' ? { conversationId: ctx.chat.roomId, conversationKind: 'room' as const } : { conversationId: ctx.sender.contactId, conversationKind: 'contact' as const }), kind: 'file', body: file, dedupKey: `${ctx.messageId}#dashboard` }, app.now());
    app.notifyOutbox();
  },
};
