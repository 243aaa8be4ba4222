import type { Command } from '../src/core/types.js';
import { qtyText } from '../src/quantity.js';
import { yuan } from '../src/money.js';
import { findProduct, parseStock } from '../src/catalog/catalog.js';
import { forgetCommunity } from '../src/catalog/stock-alerts.js';
import { WRITE_OFF_NAMES, writeOffStock } from '../src/catalog/stock-records.js';

const USAGE = '/报损 商品 数量 [变质|破损]';
const REASONS: Record<string, 'spoiled' | 'broken'> = { 变质: 'spoiled', 坏了: 'spoiled', 腐烂: 'spoiled', 过期: 'spoiled', 破损: 'broken', 压坏: 'broken', 碎了: 'broken' };

export const writeOffCommand: Command = {
  names: ['报损', 'writeoff'],
  role: 'leader',
  needsCommunity: true,
  usage: USAGE,
  summary: '登记变质或破损的商品：从社区前置仓库存里扣掉，计入损耗率（/质检 不合格下架的会自动计入）',
  details: '不写原因按变质记\n例如：/报损 草莓 2 变质\n　　　/报损 鸡蛋 1 破损',
  run(ctx, args, app) {
    const [name, qtyArg, reasonArg] = args;
    if (!name || !qtyArg) return ctx.reply(`请写商品和数量\n用法：${USAGE}`);
    const product = findProduct(app.store, ctx.community!.id, name);
    if (!product) return ctx.reply(`本小区没有「${name}」这个商品`);
    const qty = parseStock(qtyArg, product.unit);
    if (qty === null || qty <= 0) return ctx.reply(`数量「${qtyArg}」不对，请写正数，例如：/报损 ${product.name} 2\n用法：${USAGE}`);
    const reason = reasonArg === undefined ? 'spoiled' : REASONS[reasonArg.normalize('NFKC')];
    if (!reason) return ctx.reply(`原因请写「变质」或「破损」\n用法：${USAGE}`);
    const r = writeOffStock(app.store, { communityId: ctx.community!.id, productId: product.id, qty, reason, by: ctx.sender.contactId }, app.now());
    if (!r.ok) {
      if (r.reason === 'negative') return ctx.reply(`${product.name} 现在只有 ${qtyText(product.stock)}${product.unit}，报损不能超过库存，没有改动`);
      return ctx.reply(`本小区没有「${name}」这个商品`);
    }
    app.catalogs.invalidate(ctx.community!.id);
    forgetCommunity(app.store, ctx.community!.id); // inventory alerts re-read the stock
    ctx.reply(`已报损 ${product.name} ${qtyText(qty)}${product.unit}（${WRITE_OFF_NAMES[reason]}，按售价计 ${yuan(r.writeOff.valueFen)}）\n`
      + `库存 ${qtyText(product.stock)} → ${qtyText(r.product.stock)}${product.unit}`);
  },
};
