import type { Command } from '../src/core/types.js';
import type { Product } from '../src/store/schema.js';
import { qtyText } from '../src/quantity.js';
import { forgetCommunity } from '../src/catalog/stock-alerts.js';
import { changeStock, findProduct, listProducts, parseStock, type StockChange } from '../src/catalog/catalog.js';

const USAGE = '/库存 [名称] [数量|+数量|-数量|预留 百分比]';

const amount = (n: number, unit: string) => `${qtyText(n)}${unit}`;
const sellable = (p: Product) => Math.max(0, p.stock - p.reserved);
const line = (p: Product) => `${p.name}　库存 ${amount(p.stock, p.unit)}　预留 ${amount(p.reserved, p.unit)}　可售 ${amount(sellable(p), p.unit)}`;

type Parsed = { ok: true; change: StockChange } | { ok: false; message: string };

/** "50" | "+20" | "-5" | "预留 20%" | "预留 12盒" | "预留 0" → the change to make. */
function parseChange(words: string[], p: Product): Parsed {
  const text = words.join('').normalize('NFKC').replace(/\s+/g, '');
  const reserve = /^预留(.*)$/.exec(text);
  if (reserve) {
    const v = reserve[1]!;
    const pct = /^(\d{1,3}(?:\.\d{1,2})?)%$/.exec(v);
    if (pct) {
      const percent = Number(pct[1]);
      if (percent > 100) return { ok: false, message: '预留比例最多 100%' };
      return { ok: true, change: { kind: 'reserve_share', percent } };
    }
    const units = parseStock(v, p.unit);
    if (units === null) return { ok: false, message: `预留请写百分比或数量，例如：/库存 ${p.name} 预留 20%；取消预留：/库存 ${p.name} 预留 0` };
    return { ok: true, change: { kind: 'reserve_units', units } };
  }
  const signed = /^([+-])(.*)$/.exec(text);
  if (signed) {
    const n = parseStock(signed[2]!, p.unit);
    if (n === null || n === 0) return { ok: false, message: `「${text}」不对，加减库存请写正数，例如：/库存 ${p.name} +20 或 /库存 ${p.name} -5` };
    return { ok: true, change: { kind: 'add', delta: signed[1] === '-' ? -n : n } };
  }
  const n = parseStock(text, p.unit);
  if (n === null) return { ok: false, message: `库存「${text}」不对，请写 0 或正数（最多 1000000），例如：/库存 ${p.name} 50` };
  return { ok: true, change: { kind: 'set', stock: n } };
}

export const stockCommand: Command = {
  names: ['库存', 'stock'],
  role: 'leader',
  needsCommunity: true,
  usage: USAGE,
  summary: '查看库存、预售预留和可售数量；设置、增减库存，或为预售预留一部分',
  details: '普通订单只能买预留以外的部分；「预留 0」取消预留\n'
    + '例如：/库存　　　　　　　（全部商品）\n　　　/库存 苹果 50　　　（设为 50）\n　　　/库存 苹果 +20　　　（补货 20）\n'
    + '　　　/库存 苹果 -5　　　 （减少 5）\n　　　/库存 苹果 预留 20%（留两成给预售）',
  run(ctx, args, app) {
    const communityId = ctx.community!.id;
    const [name, ...rest] = args;
    if (!name) {
      const list = listProducts(app.store, communityId);
      if (list.length === 0) return ctx.reply('本小区还没有商品，先用 /上架 添加');
      return ctx.reply(`「${ctx.community!.name}」库存（${list.length} 款）：\n${list.map(line).join('\n')}`);
    }
    const product = findProduct(app.store, communityId, name);
    if (!product) return ctx.reply(`本小区没有「${name}」这个商品，发送 /库存 查看全部商品`);
    if (product.status === 'inactive') return ctx.reply(`「${product.name}」已下架，重新上架请用 /上架 ${product.name} 价格 ${product.unit} 库存`);
    if (rest.length === 0) return ctx.reply(line(product));

    const parsed = parseChange(rest, product);
    if (!parsed.ok) return ctx.reply(parsed.message);
    const r = changeStock(app.store, communityId, product.id, parsed.change, app.now());
    const u = product.unit;
    if (!r.ok) {
      if (r.reason === 'negative') return ctx.reply(`${product.name} 现在只有 ${amount(product.stock, u)}，不能减到 0 以下，库存没有改动`);
      if (r.reason === 'too_high') return ctx.reply(`库存最多 1000000${u}，库存没有改动`);
      if (r.reason === 'no_stock') return ctx.reply(`${product.name} 现在没有库存，无法预留。先补货：/库存 ${product.name} +数量`);
      if (r.reason === 'reserve_exceeds_stock') return ctx.reply(`${product.name} 只有 ${amount(product.stock, u)}，预留不能超过库存`);
      return ctx.reply(`本小区没有「${name}」这个商品`);
    }
    app.catalogs.invalidate(communityId);
    forgetCommunity(app.store, communityId); // inventory alerts re-read the stock
    const { before, product: after } = r;
    const change = parsed.change;
    let head: string;
    if (change.kind === 'reserve_share' || change.kind === 'reserve_units') {
      head = after.reserved === 0
        ? `已取消 ${after.name} 的预售预留`
        : `${after.name} 预留 ${amount(after.reserved, u)}${change.kind === 'reserve_share' ? `（库存的 ${change.percent}%）` : ''}给预售`;
    } else {
      const sign = change.kind === 'add' ? `（${change.delta > 0 ? '+' : '-'}${qtyText(Math.abs(change.delta))}）` : '';
      head = `${after.name} 库存 ${amount(before.stock, u)} → ${amount(after.stock, u)}${sign}`;
      if (after.reserved < before.reserved) head += `\n预留随库存调整为 ${amount(after.reserved, u)}`;
    }
    ctx.reply(`${head}\n${line(after)}`);
  },
};
