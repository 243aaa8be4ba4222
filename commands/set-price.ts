import type { Command } from '../src/core/types.js';
import { yuan } from '../src/money.js';
import { findProduct, parsePriceFen, setProductPrice } from '../src/catalog/catalog.js';
import { priceProblem } from './list-product.js';

const USAGE = '/改价 名称 价格';

export const setPriceCommand: Command = {
  names: ['改价', 'price'],
  role: 'leader',
  needsCommunity: true,
  usage: USAGE,
  summary: '修改在售商品的价格（按元写），之后的新订单按新价格计算',
  details: '价格可写 6、6.5、¥6.50；名称也可以写别名\n例如：/改价 苹果 6.5',
  run(ctx, args, app) {
    const communityId = ctx.community!.id;
    const [name, written] = args;
    if (!name || !written || args.length > 2) return ctx.reply(`用法：${USAGE}`);
    const price = parsePriceFen(written);
    if (!price.ok) return ctx.reply(`${priceProblem(written, price)}\n用法：${USAGE}`);
    const product = findProduct(app.store, communityId, name);
    if (!product) return ctx.reply(`本小区没有「${name}」这个商品，发送 /商品 查看在售商品`);
    if (product.status === 'inactive') return ctx.reply(`「${product.name}」已下架，请用 /上架 ${product.name} ${written} ${product.unit} 库存 重新上架`);
    if (product.priceFen === price.fen) return ctx.reply(`${product.name} 现在就是 ${yuan(price.fen)}/${product.unit}，价格没有变化`);
    const updated = setProductPrice(app.store, communityId, product.id, price.fen, app.now())!;
    app.catalogs.invalidate(communityId);
    ctx.reply(`已改价：${updated.name} ${yuan(product.priceFen)} → ${yuan(updated.priceFen)}/${updated.unit}`);
  },
};
