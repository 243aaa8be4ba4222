// Questions answered from the store: price and stock of a product, pickup place, delivery time, cut-off
// (the open sessions first, then /设置).
// What the store cannot answer is forwarded to the leaders, so no question goes unanswered.
import type { Handler } from '../../core/types.js';
import type { Community, Session } from '../../store/schema.js';
import { shanghaiClock } from '../../time.js';
import { render } from '../../messaging/replies.js';
import { yuan } from '../../money.js';
import { qtyText } from '../../quantity.js';
import { notifyLeaders } from '../../messaging/notify.js';
import { productStock } from '../../catalog/catalog.js';
import { noteInquiry } from '../../growth/activity.js';
import { aboutGroupBuy } from './relevance.js';

const SETTINGS: Record<string, { field: keyof Pick<Community, 'pickupPlace' | 'deliveryTime' | 'cutoffTime'>; key: 'inquiry_pickup' | 'inquiry_delivery' | 'inquiry_cutoff'; what: string }> = {
  pickup_place: { field: 'pickupPlace', key: 'inquiry_pickup', what: '自提点' },
  delivery_time: { field: 'deliveryTime', key: 'inquiry_delivery', what: '配送时间' },
  cutoff: { field: 'cutoffTime', key: 'inquiry_cutoff', what: '截单时间' },
};

/**
 * The open sessions answer cut-off and pickup questions first (each its own cut-off, and its pickup
 * point from /开团 or else the /设置 one); /设置 answers when no session is open.
 */
function sessionAnswer(topic: string, community: Community, open: Session[]): string | null {
  if (open.length === 0) return null;
  if (topic === 'cutoff') return open.map((s) => `「${s.title}」${shanghaiClock(s.cutoffAt)} 截单`).join('；');
  if (topic !== 'pickup_place') return null;
  if (open.every((s) => !s.pickupPlace) && !community.pickupPlace) return null;
  return open.map((s) => `「${s.title}」${s.pickupPlace ?? community.pickupPlace ?? '请留意团长通知'}`).join('；');
}

export const inquiryHandler: Handler = {
  name: 'inquiry',
  // A question about a setting (when, where, cut-off) or a product is the parser's group-buy reading; any other
  // question only when it is about us (relevance.ts): neighbours ask each other things too.
  match: (ctx, app) => ctx.community !== null && ctx.parsed()?.intent === 'inquiry'
    && (SETTINGS[ctx.parsed()!.inquiryTopic ?? 'other'] !== undefined || ctx.parsed()!.inquiryProduct !== undefined || aboutGroupBuy(ctx, app)),
  handle(ctx, app) {
    const p = ctx.parsed()!;
    const community = ctx.community!;
    const catalog = app.catalogs.get(community.id);
    const forward = () => notifyLeaders(app.store, community.id,
      render('inquiry_forward', { who: ctx.who, where: ctx.where, text: ctx.text.slice(0, 300) }), ctx.messageId, app.now());

    const setting = p.inquiryTopic ? SETTINGS[p.inquiryTopic] : undefined;
    if (setting) {
      const value = sessionAnswer(p.inquiryTopic!, community, app.sessions.get(community.id, app.now()).map((s) => s.session)) ?? community[setting.field];
      if (value) return ctx.reply(render(setting.key, { value }));
      forward();
      return ctx.reply(render('inquiry_unknown_setting', { what: setting.what }));
    }
    const product = p.inquiryProduct ? catalog.byName.get(p.inquiryProduct) : undefined;
    if (product) {
      // 爆款测试 counts askers as interested.
      if (ctx.member) noteInquiry(app.store, { communityId: community.id, productId: product.id, memberId: ctx.member.id }, app.now());
      const stock = productStock(app.store, product.id);
      const vars = { product: product.name, price: yuan(product.priceFen), unit: product.unit, stock: qtyText(stock) };
      return ctx.reply(render(stock > 0 ? 'inquiry_price' : 'inquiry_sold_out', vars));
    }
    if (p.inquiryTopic === 'price' || p.inquiryTopic === 'stock') {
      const list = catalog.products.slice(0, 15).map((x) => `${x.name} ${yuan(x.priceFen)}/${x.unit}`).join('、');
      return ctx.reply(render('inquiry_catalog', { catalog: list || '暂无' }));
    }
    forward();
    ctx.reply(render('inquiry_other'));
  },
};
