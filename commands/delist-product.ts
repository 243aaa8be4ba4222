import type { Command } from '../src/core/types.js';
import { delistProduct } from '../src/catalog/catalog.js';

const USAGE = '/下架 名称';

export const delistProductCommand: Command = {
  names: ['下架', 'delist'],
  role: 'leader',
  needsCommunity: true,
  usage: USAGE,
  summary: '下架商品：居民不能再下单，/商品 里也不再显示；已下的订单不受影响',
  details: '名称也可以写商品的别名，一次可以写几个；重新上架用 /上架\n例如：/下架 青团\n　　　/下架 青团 纸尿裤',
  run(ctx, args, app) {
    const communityId = ctx.community!.id;
    const names = [...new Set(args)];
    if (names.length === 0) return ctx.reply(`用法：${USAGE}`);
    const lines: string[] = [];
    let changed = false;
    for (const name of names) {
      const r = delistProduct(app.store, communityId, name, app.now());
      if (r.ok) {
        changed = true;
        lines.push(`已下架「${r.product.name}」，居民不能再下单。重新上架：/上架 ${r.product.name} 价格 ${r.product.unit} 库存`);
      } else if (r.reason === 'already_inactive') {
        lines.push(`「${r.product!.name}」已经是下架状态了`);
      } else {
        lines.push(`本小区没有「${name}」这个商品，发送 /商品 查看在售商品`);
      }
    }
    if (changed) app.catalogs.invalidate(communityId);
    ctx.reply(lines.join('\n'));
  },
};
