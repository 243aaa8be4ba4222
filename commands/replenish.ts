import type { App, Command, MessageContext } from '../src/core/types.js';
import type { Product } from '../src/store/schema.js';
import { qtyText } from '../src/quantity.js';
import { findProduct, parseStock } from '../src/catalog/catalog.js';
import {
  LEVEL_ICONS, LEVELS, checkCommunity, coverOf, forgetCommunity, pendingSuggestions, policyOf, setPolicy, stockOutRate, type PolicyChange,
} from '../src/catalog/stock-alerts.js';
import { communityOutlook, expectedOver } from '../src/forecast/community.js';
import { LOCATION_NAMES, centreQty, productOf, receivePurchase, transferToFront, type Location } from '../src/catalog/warehouse.js';

const USAGE = '/补货 [确认 [商品] [数量] [中心仓]|调拨 商品 数量|设置 黄 天数 橙 天数 红 天数 周期 天数]';

const amount = (n: number, unit: string) => `${qtyText(n)}${unit}`;
const days = (n: number) => (n >= 10 ? String(Math.round(n)) : n.toFixed(1));

function overview(ctx: MessageContext, app: App): void {
  const communityId = ctx.community!.id;
  const now = app.now();
  const policy = policyOf(app.store, communityId);
  const covers = coverOf(app.store, communityId, now);
  if (covers.length === 0) return ctx.reply('本小区还没有商品，先用 /上架 添加');
  const lines = [`「${ctx.community!.name}」库存与补货（可用天数 = (前置仓可售 + 中心仓) ÷ 近${policy.salesWindowDays}天日均销量）：`];
  for (const c of covers) {
    const u = c.product.unit;
    const sales = c.avgDaily > 0 ? `日均 ${amount(c.avgDaily, u)} · 可用 ${days(c.cover!)} 天` : '暂无销量';
    lines.push(`${c.level ? LEVEL_ICONS[c.level] : '▫️'} ${c.product.name}　前置仓 ${amount(c.front, u)} · 中心仓 ${amount(c.centre, u)} · ${sales}`);
  }
  lines.push(...forecastLines(covers, app, communityId, now, policy.leadDays));
  const pending = pendingSuggestions(app.store, communityId);
  if (pending.length) {
    lines.push('待确认的补货建议：');
    const byId = new Map(covers.map((c) => [c.product.id, c.product]));
    for (const s of pending) {
      const p = byId.get(s.productId);
      if (!p) continue;
      // One 日均 per product: the line above; the suggestion was sized when the alert was sent.
      lines.push(`· ${p.name} 补 ${amount(s.suggestedQty, p.unit)}（${LEVELS[s.level]}色预警时的建议，到货 ${s.leadDays} 天）→ /补货 确认 ${p.name} ${qtyText(s.suggestedQty)}`);
    }
  } else {
    lines.push('没有待确认的补货建议');
  }
  const r7 = stockOutRate(app.store, communityId, now, 7);
  const r30 = stockOutRate(app.store, communityId, now, 30);
  const flag = r7.percent >= policy.stockOutTargetPercent ? '⚠️ 超过目标' : '✅';
  lines.push(`断货率（因售罄没下成的单 ÷ 下单次数）：近7天 ${r7.refused}/${r7.attempts} = ${r7.percent}%，近30天 ${r30.refused}/${r30.attempts} = ${r30.percent}%（目标 <${policy.stockOutTargetPercent}%）${flag}`);
  lines.push(`预警线：黄 ≤${policy.yellowDays} 天 · 橙 ≤${policy.orangeDays} 天 · 红 ≤${policy.redDays} 天；到货周期 ${policy.leadDays} 天（/补货 设置 修改）`);
  ctx.reply(lines.join('\n'));
}

/**
 * Days of cover and the next delivery from the demand forecast (src/forecast/community.ts): cover = stock ÷ the
 * forecast's mean over the next 7 days; the next delivery should hold the forecast of lead time + 7 days minus what
 * is in stock now.
 */
function forecastLines(covers: ReturnType<typeof coverOf>, app: App, communityId: number, now: number, leadDays: number): string[] {
  const outlook = communityOutlook(app.store, communityId, now);
  const lines: string[] = [];
  for (const c of covers) {
    const o = outlook.get(c.product.id);
    if (!o || o.observedDays === 0) continue;
    const u = c.product.unit;
    const week = expectedOver(o, 7);
    const need = Math.max(0, Math.ceil(expectedOver(o, Math.min(leadDays + 7, o.daily.length)) - (c.front + c.centre)));
    const cover = week > 0 ? `预测可用 ${days((c.front + c.centre) / (week / 7))} 天` : '预测近期卖不动';
    const basis = o.fallback ? `（历史只有 ${o.observedDays} 天，不足 4 周，按近期平均）` : '';
    lines.push(`· ${c.product.name} 未来7天预计 ${amount(Math.round(week * 10) / 10, u)} · ${cover} · 下次到货建议 ${amount(need, u)}${basis}`);
  }
  return lines.length ? [`需求预测（按本小区的销量历史、星期、节假日和天气；到货建议 = 到货周期 ${leadDays} 天 + 7 天的预计销量 − 现有库存）：`, ...lines] : [];
}

/** After stock moved: fresh figures for the alert cache, and a recovered product is re-armed. */
function afterRestock(app: App, communityId: number): void {
  app.catalogs.invalidate(communityId);
  forgetCommunity(app.store, communityId);
  checkCommunity(app.store, communityId, app.now());
  app.notifyOutbox();
}

function parseLocation(word: string | undefined): Location | null | undefined {
  if (word === undefined) return undefined;
  const w = word.normalize('NFKC').trim();
  if (/^(区域)?中心仓$/.test(w)) return 'centre';
  if (/^(社区)?前置仓$/.test(w)) return 'front';
  return null;
}

function confirm(ctx: MessageContext, app: App, args: string[]): void {
  const communityId = ctx.community!.id;
  const [name, qtyArg, locArg, ...extra] = args;
  let jobs: { product: Product; qty: number }[];
  let location: Location = 'front';
  if (!name) {
    const pending = pendingSuggestions(app.store, communityId);
    if (pending.length === 0) return ctx.reply(`没有待确认的补货建议。直接采购入库请写商品和数量，例如：/补货 确认 苹果 50\n用法：${USAGE}`);
    jobs = pending.flatMap((s) => {
      const product = productOf(app.store, communityId, s.productId);
      return product && product.status !== 'inactive' ? [{ product, qty: s.suggestedQty }] : [];
    });
    if (jobs.length === 0) return ctx.reply('待确认的补货建议都是已下架的商品，没有入库');
  } else {
    const product = findProduct(app.store, communityId, name);
    if (!product) return ctx.reply(`本小区没有「${name}」这个商品，发送 /补货 查看全部商品`);
    if (product.status === 'inactive') return ctx.reply(`「${product.name}」已下架，重新上架后再补货`);
    // "/补货 确认 苹果 中心仓": the suggested quantity into the centre warehouse.
    const qtyIsLocation = qtyArg !== undefined && parseLocation(qtyArg) != null;
    const loc = parseLocation(qtyIsLocation ? qtyArg : locArg);
    if (loc === null || extra.length || (qtyIsLocation && locArg !== undefined)) return ctx.reply(`位置请写「中心仓」或「前置仓」（默认前置仓）\n用法：${USAGE}`);
    if (loc) location = loc;
    let qty: number;
    if (qtyArg === undefined || qtyIsLocation) {
      const s = pendingSuggestions(app.store, communityId, product.id)[0];
      if (!s) return ctx.reply(`${product.name} 没有待确认的补货建议，请写上采购数量，例如：/补货 确认 ${product.name} 50`);
      qty = s.suggestedQty;
    } else {
      const n = parseStock(qtyArg, product.unit);
      if (n === null || n <= 0) return ctx.reply(`数量「${qtyArg}」不对，请写正数（最多 1000000），例如：/补货 确认 ${product.name} 50`);
      qty = n;
    }
    jobs = [{ product, qty }];
  }
  const lines: string[] = [];
  for (const { product, qty } of jobs) {
    const r = receivePurchase(app.store, { communityId, product, qty, location, by: ctx.sender.contactId }, app.now());
    if (!r.ok) {
      lines.push(`${product.name} 入库后会超过 1000000${product.unit}，没有入库`);
      continue;
    }
    const u = product.unit;
    lines.push(`✅ ${product.name} 采购 ${amount(qty, u)} 已入${LOCATION_NAMES[location]}（第 ${r.batch.seq} 批）：前置仓 ${amount(r.product.stock, u)} · 中心仓 ${amount(centreQty(app.store, product.id), u)}`
      + `\n　质检记录：/质检 ${product.name} ${r.batch.seq} 工厂质检 合格`);
  }
  afterRestock(app, communityId);
  ctx.reply(lines.join('\n'));
}

function transfer(ctx: MessageContext, app: App, args: string[]): void {
  const communityId = ctx.community!.id;
  const [name, qtyArg, ...extra] = args;
  if (!name || !qtyArg || extra.length) return ctx.reply(`请写商品和数量，例如：/补货 调拨 苹果 20（从区域中心仓调到社区前置仓）\n用法：${USAGE}`);
  const product = findProduct(app.store, communityId, name);
  if (!product) return ctx.reply(`本小区没有「${name}」这个商品，发送 /补货 查看全部商品`);
  const qty = parseStock(qtyArg, product.unit);
  if (qty === null || qty <= 0) return ctx.reply(`数量「${qtyArg}」不对，请写正数，例如：/补货 调拨 ${product.name} 20`);
  const r = transferToFront(app.store, communityId, product.id, qty, ctx.sender.contactId, app.now());
  const u = product.unit;
  if (!r.ok) return ctx.reply(`区域中心仓只有 ${amount(r.centre, u)}${product.name}，不够调拨 ${amount(qty, u)}，没有改动`);
  afterRestock(app, communityId);
  ctx.reply(`🚚 ${product.name} ${amount(qty, u)} 已从区域中心仓调到社区前置仓：前置仓 ${amount(r.front, u)} · 中心仓 ${amount(r.centre, u)}`);
}

const POLICY_KEYS: Record<string, keyof PolicyChange> = { 黄: 'yellowDays', 橙: 'orangeDays', 红: 'redDays', 周期: 'leadDays', 到货: 'leadDays' };

function settings(ctx: MessageContext, app: App, args: string[]): void {
  const text = args.join(' ').normalize('NFKC');
  const change: PolicyChange = {};
  const rest = text.replace(/(黄|橙|红|周期|到货)(?:色|色预警)?\s*[:：]?\s*(\d{1,2}(?:\.\d)?)\s*天?/g, (_, key: string, n: string) => {
    change[POLICY_KEYS[key]!] = Number(n);
    return '';
  }).trim();
  if (rest || Object.keys(change).length === 0) {
    return ctx.reply(`请写要改的天数，例如：/补货 设置 黄 3 橙 2 红 1 周期 2（可用天数低于几天算哪一级；周期 = 下单到货的天数）\n用法：${USAGE}`);
  }
  const r = setPolicy(app.store, ctx.community!.id, change, app.now());
  if (!r.ok) return ctx.reply(r.message);
  const p = r.policy;
  ctx.reply(`已设置预警线：黄 ≤${p.yellowDays} 天 · 橙 ≤${p.orangeDays} 天 · 红 ≤${p.redDays} 天；到货周期 ${p.leadDays} 天`);
}

export const replenishCommand: Command = {
  names: ['补货', 'restock'],
  role: 'leader',
  needsCommunity: true,
  usage: USAGE,
  summary: '库存预警与补货：各仓库存、可用天数、补货建议和断货率；确认采购入库，中心仓调拨到前置仓，设置预警线',
  details: '可用天数 = (社区前置仓可售 + 区域中心仓) ÷ 近期日均销量，低于预警线时私聊提醒团长一次并给出补货建议（按销量和到货周期算）\n'
    + '例如：/补货　　　　　　　　　　（库存、建议、断货率）\n'
    + '　　　/补货 确认　　　　　　　　（按建议采购全部待补商品）\n'
    + '　　　/补货 确认 苹果 50　　　　（采购 50 入前置仓，记为新批次）\n'
    + '　　　/补货 确认 苹果 50 中心仓（入区域中心仓）\n'
    + '　　　/补货 调拨 苹果 20　　　　（中心仓调 20 到前置仓）\n'
    + '　　　/补货 设置 黄 3 橙 2 红 1 周期 2',
  run(ctx, args, app) {
    const [sub, ...rest] = args;
    if (!sub) return overview(ctx, app);
    if (sub === '确认') return confirm(ctx, app, rest);
    if (sub === '调拨') return transfer(ctx, app, rest);
    if (sub === '设置') return settings(ctx, app, rest);
    ctx.reply(`不认识「${sub}」\n用法：${USAGE}`);
  },
};
