import type { Command } from '../src/core/types.js';
import { communityJourneys } from '../src/experiments/attribution/community-journeys.js';
import { shapley } from '../src/experiments/attribution/shapley.js';

const USAGE = '/归因 [天数]';
const DEFAULT_DAYS = 30;
const DAY = 86_400_000;

export const attributionCommand: Command = {
  names: ['归因', 'attribution'],
  role: 'leader',
  needsCommunity: true,
  usage: USAGE,
  summary: '触点归因：最近 N 天（默认 30）每位居民下单前接触过的触点（开团通知、截单提醒、直播日…），按精确 Shapley 值分配转化功劳',
  details: '一段旅程 = 一位居民在这段时间里第一次下单前接触到的触点（转化），或整段时间接触到的触点（没下单）；'
    + '群里的帖子算作当时在群里的每位居民都接触到了。v(S) = 触点都在 S 里的旅程的转化率，功劳之和 = v(全部) − v(无触点)\n例如：/归因　　/归因 7',
  run(ctx, args, app) {
    const days = args[0] === undefined ? DEFAULT_DAYS : Number(args[0].normalize('NFKC').replace(/天$/, ''));
    if (!Number.isInteger(days) || days < 1 || days > 365 || args.length > 1) return ctx.reply(`天数请写 1 到 365 之间的整数\n用法：${USAGE}`);
    const now = app.now();
    const counts = communityJourneys(app.store, ctx.community!.id, { start: now - days * DAY, end: now });
    if (counts.lines === 0) return ctx.reply(`最近 ${days} 天没有居民，无法归因`);
    if (counts.names.length === 0) return ctx.reply(`最近 ${days} 天 ${counts.lines} 位居民都没有接触到任何触点，无法归因`);
    const a = shapley(counts);
    const sorted = [...a.credits].sort((x, y) => y.credit - x.credit || (x.touchpoint < y.touchpoint ? -1 : 1));
    const pct = (x: number) => `${(Math.round(x * 1000) / 10).toFixed(1)}%`;
    return ctx.reply([
      `📈 最近 ${days} 天的触点归因（${a.journeys} 段旅程，精确 Shapley 值）：`,
      ...sorted.map((c) => `· ${c.touchpoint}：${c.credit >= 0 ? '+' : ''}${pct(c.credit)}`),
      `没有触点的转化率 ${pct(a.vEmpty)}，全部触点 ${pct(a.vAll)}：各触点的功劳加起来是 ${pct(a.vAll - a.vEmpty)}（百分点）`,
    ].join('\n'));
  },
};
