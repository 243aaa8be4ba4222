import type { Command } from '../src/core/types.js';
import { yuan } from '../src/money.js';
import { qtyText } from '../src/quantity.js';
import { listProducts } from '../src/catalog/catalog.js';

export const products: Command = {
  names: ['商品', 'products'],
  role: 'leader',
  needsCommunity: true,
  usage: '/商品',
  summary: '列出本小区在售商品的价格、库存和层级',
  run(ctx, _args, app) {
    const list = listProducts(app.store, ctx.community!.id);
    if (list.length === 0) return ctx.reply('本小区还没有商品');
    const lines = list.map((p) => `${p.name}　${yuan(p.priceFen)}/${p.unit}　库存 ${qtyText(p.stock)}　${p.tier}${p.status === 'testing' ? '（测试中）' : ''}`);
    ctx.reply(`「${ctx.community!.name}」在售商品 ${list.length} 款：\n${lines.join('\n')}`);
  },
};
