// A community group is mostly neighbours talking to each other. Questions and complaints are taken
// as addressed to the group-buy only when they say so: they name a product we sell or use its words.
import type { App, MessageContext } from '../../core/types.js';

const BUSINESS = /团长|邻团|团购|进点|进货|上架|品种|卖|开团|截单|订单|下单|订的|买的|到货|发货|配送|送货|送到|送来|取货|自提|提货|退款|退钱|补发|商品|货|价格|多少钱|斤|盒|份/;

export function aboutUs(ctx: MessageContext, app: App): boolean {
  if (!ctx.community) return false;
  if (ctx.chat.kind === 'private') return true; // a private message to the bot is always for us
  if (BUSINESS.test(ctx.text)) return true;
  return app.catalogs.get(ctx.community.id).mentions(ctx.text).length > 0;
}
