// 动态库存预警: arithmetic on a cache after each order; a crossed level is told to the leaders privately,
// queued after the resident's confirmation, which must not wait behind it in the rate-limited outbox.
import { reaction } from '../core/events.js';
import { checkAfterOrder } from '../catalog/stock-alerts.js';

export const stockCheck = reaction({
  name: 'stock-check',
  event: 'orderConfirmed',
  mayFail: true, // an alert that could not be computed is logged; the order stands
  run(app, { ctx, lines, now }) {
    if (checkAfterOrder(app.store, ctx.community!.id, lines, now).length) app.notifyOutbox();
  },
});
