// 免邮券: an order asking for home delivery uses the member's free-shipping coupon, if any.
import { reaction } from '../core/events.js';
import { HOME_DELIVERY_RE, useFreeShipping } from '../growth/rewards.js';

export const freeShipping = reaction({
  name: 'free-shipping',
  event: 'orderPlaced',
  run(app, { order, now }) {
    if (!order.note || !HOME_DELIVERY_RE.test(order.note)) return;
    // The coupon's code is no one else's business (the confirmation may be in a group).
    if (useFreeShipping(app.store, order.memberId, order.id, now)) return ['🚚 已使用免邮券，免配送费'];
  },
});
