import type { App, Command } from '../src/core/types.js';
import { findProduct } from '../src/catalog/catalog.js';
import { mainGroupOf } from '../src/community/communities.js';
import { createBigSale, currentSales, phaseAt, PHASE_NAMES, PHASE_START_HOUR, SALE_END_HOUR } from '../src/campaigns/big-sales.js';
import { runJob } from '../src/campaigns/scheduler/runs.js';
import { bigSale, bigSaleJob } from '../scenarios/big-sale.js';
import { shanghaiClock, shanghaiDay } from '../src/time.js';

const USAGE = '/大促 创建 名称 蓄水日期 爆发日期 返场日期 结束日期 商品…';
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The four dates as leaders write them ("11-01", "11月1日", "2027-11-01") → 'YYYY-MM-DD'. Without a year they
 * run forward from this year (a date earlier in the year than the one before it is in the next year), and
 * the whole plan moves to next year when its last date is already past. Null where a date is unreadable.
 */
function parseDates(texts: string[], now: number): (string | null)[] {
  const today = shanghaiDay(now);
  const parsed = texts.map((t) => /^(?:(\d{4})[-/.年])?(\d{1,2})[-/.月](\d{1,2})日?$/.exec(t.normalize('NFKC').trim()));
  const valid = (ymd: string) => { const d = new Date(`${ymd}T00:00:00Z`); return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === ymd; };
  const build = (shift: number) => {
    let year = Number(today.slice(0, 4)) + shift;
    let prev = '';
    return parsed.map((m) => {
      if (!m) return null;
      const md = `${pad(Number(m[2]))}-${pad(Number(m[3]))}`;
      if (m[1]) year = Number(m[1]);
      else if (prev && md < prev) year++;
      prev = md;
      const ymd = `${year}-${md}`;
      return valid(ymd) ? ymd : null;
    });
  };
  const dates = build(0);
  const last = dates[dates.length - 1];
  return last && last < today && parsed.every((m) => m && !m[1]) ? build(1) : dates;
}
const at = (ymd: string, hour: number) => Date.parse(`${ymd}T${pad(hour)}:00:00+08:00`);

function list(ctx: Parameters<Command['run']>[0], app: App) {
  const now = app.now();
  const sales = currentSales(app.store, ctx.community!.id, now);
  if (sales.length === 0) return ctx.reply(`本小区没有进行中的大促。\n创建：${USAGE}`);
  ctx.reply(sales.map((s) => `「${s.name}」${PHASE_NAMES[phaseAt(s, now)]}：蓄水 ${shanghaiClock(s.presaleAt)} → 爆发 ${shanghaiClock(s.burstAt)} → 返场 ${shanghaiClock(s.encoreAt)} → 结束 ${shanghaiClock(s.endsAt)}，预售预留 ${s.reservePct}%`).join('\n'));
}

export const bigSaleCommand: Command = {
  names: ['大促', 'bigsale'],
  role: 'leader',
  needsCommunity: true,
  usage: USAGE,
  summary: '年度大促：按日期自动走 蓄水期（预留 20% 库存给预售）→ 爆发期 → 返场期，每个阶段发文案',
  details: `每个阶段在当天 ${PHASE_START_HOUR}:00 开始，结束日 ${SALE_END_HOUR}:00 结束；蓄水期每款商品预留 20% 库存，爆发期放出预留并开团到结束\n`
    + '例如：/大促 创建 双11 11-01 11-11 11-12 11-14 草莓 苹果 牛奶\n　　　/大促　（查看进行中的大促）',
  run(ctx, args, app) {
    const [action, name, d1, d2, d3, d4, ...names] = args;
    if (!action) return list(ctx, app);
    if (action !== '创建') return ctx.reply(`用法：${USAGE}`);
    const now = app.now();
    if (!name || !d4 || names.length === 0) return ctx.reply(`请写上名称、四个日期和商品\n用法：${USAGE}`);
    const dates = parseDates([d1!, d2!, d3!, d4], now);
    const bad = dates.findIndex((d) => d === null);
    if (bad >= 0) return ctx.reply(`没看懂日期「${[d1, d2, d3, d4][bad]}」，请写 11-01 或 11月1日\n用法：${USAGE}`);
    const [presale, burst, encore, end] = dates as string[];
    if (!(presale! < burst! && burst! < encore! && encore! <= end!)) return ctx.reply('日期顺序应为 蓄水 < 爆发 < 返场 ≤ 结束，请检查后重发');
    const endsAt = at(end!, SALE_END_HOUR);
    if (endsAt <= now) return ctx.reply('结束日期已经过了，请写将来的日期');
    const community = ctx.community!;
    const products = names.map((n) => ({ n, p: findProduct(app.store, community.id, n) }));
    const missing = products.filter((x) => !x.p || x.p.status === 'inactive').map((x) => x.n);
    if (missing.length) return ctx.reply(`本小区没有在售的「${missing.join('、')}」，先用 /上架 添加`);
    const group = ctx.group ?? mainGroupOf(app.store, community.id);
    if (!group) return ctx.reply('本小区还没有主群，先用 /绑定 登记');
    const created = createBigSale(app.store, {
      communityId: community.id, groupId: group.id, name, presaleAt: at(presale!, PHASE_START_HOUR), burstAt: at(burst!, PHASE_START_HOUR),
      encoreAt: at(encore!, PHASE_START_HOUR), endsAt, productIds: [...new Set(products.map((x) => x.p!.id))], createdBy: ctx.sender.contactId,
    }, now);
    if (!created.ok) return ctx.reply(`已经有叫「${name}」的大促了，换个名称吧`);
    const s = created.sale;
    ctx.reply(`已创建大促「${name}」：蓄水 ${shanghaiClock(s.presaleAt)} → 爆发 ${shanghaiClock(s.burstAt)} → 返场 ${shanghaiClock(s.encoreAt)} → 结束 ${shanghaiClock(s.endsAt)}\n蓄水期每款预留 ${s.reservePct}% 库存给预售，各阶段文案会按时发到「${group.topic}」`);
    // Already in a phase: switch its rules and post its script now (the hourly run then finds it done).
    const job = bigSaleJob(app, s, now);
    if (job) runJob(app, bigSale, community.id, job, now);
  },
};
