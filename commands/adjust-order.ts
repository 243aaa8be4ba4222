import { commandTarget } from '../src/core/command.js';
import type { Command } from '../src/core/types.js';
import { yuan } from '../src/money.js';
import { qtyText } from '../src/quantity.js';
import { adjustOrder } from '../src/ordering/order-adjustments.js';

const USAGE = '/改单 @居民 商品 数量';

export const adjustOrderCommand: Command = {
  names: ['改单', 'adjust'],
  role: 'leader',
  needsCommunity: true,
  usage: USAGE,
  summary: '替居民改订单里某个商品的数量（截单后居民自己不能再改），写 0 删除这一项；每次改动都有记录',
  details: '改的是这位居民最近一笔未取货订单里的这个商品；数量按商品的单位写，单位可省略\n例如：/改单 @张姐 苹果 3斤、/改单 @张姐 苹果 0',
  run(ctx, args, app) {
    // The member may be "@3-501 张姐" (spaces): the product and quantity are the last words.
    const tail = args.slice(-2).join(' ');
    const m = /^(\S+)\s+(\d+(?:\.\d+)?)\s*([^\d\s]*)$/.exec(tail) ?? /^(?:\S+\s+)?(\D+?)(\d+(?:\.\d+)?)([^\d\s]*)$/.exec(args.at(-1) ?? '');
    const who = args.slice(0, m && tail === m[0] ? -2 : -1).join(' ');
    if (!m || (!who && ctx.mentionIds.length === 0)) {
      if (args.length === 0) return ctx.reply(`请 @ 要改订单的居民\n用法：${USAGE}`);
      return ctx.reply(`请写商品和新的数量\n用法：${USAGE}`);
    }
    const member = commandTarget(ctx, app, who, '请 @ 要改订单的居民', USAGE);
    if (!member) return;
    const [, term, written, unit] = m;
    const catalog = app.catalogs.get(ctx.community!.id);
    const product = catalog.byName.get(term!) ?? catalog.products.find((p) => p.name === term);
    if (!product) return ctx.reply(`本小区没有「${term}」这个商品，发送 /商品 查看在售商品`);
    if (unit && unit !== product.unit) return ctx.reply(`${product.name}按${product.unit}卖，请写几${product.unit}，例如：/改单 @张姐 ${product.name} 2${product.unit}`);
    const qty = Number(written);
    const r = adjustOrder(app.store, {
      communityId: ctx.community!.id, memberId: member.id, productName: product.name, qty, byContactId: ctx.sender.contactId,
    }, app.now());
    const name = member.displayName;
    if (r.ok) {
      return ctx.reply(r.to === 0
        ? `已把 ${name} 的订单#${r.line.orderNo} ${product.name} ${qtyText(r.from)}${product.unit} 删除，订单合计 ${yuan(r.orderTotalFen)}（已记录）`
        : `已把 ${name} 的订单#${r.line.orderNo} ${product.name}从 ${qtyText(r.from)}${product.unit} 改为 ${qtyText(r.to)}${product.unit}，小计 ${yuan(r.amountFen)}，订单合计 ${yuan(r.orderTotalFen)}（已记录）`);
    }
    switch (r.reason) {
      case 'not_ordered': return ctx.reply(`${name} 没有订${product.name}`);
      case 'unchanged': return ctx.reply(`${name} 的${product.name}本来就是 ${qtyText(r.line.qty)}${product.unit}，没有改动`);
      case 'sold_out': return ctx.reply(`${product.name}库存不够，最多只能改到 ${qtyText(r.left)}${product.unit}`);
      default: return ctx.reply(`数量「${written}」不对，请写 0 到 999 之间的数\n用法：${USAGE}`);
    }
  },
};
