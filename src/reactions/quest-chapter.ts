// 拼团剧本杀: an order may unlock the member's next chapter (one indexed lookup).
import { reaction } from '../core/events.js';
import { questAfterOrderPlaced } from '../campaigns/quest-events.js';

export const questChapter = reaction({
  name: 'quest-chapter',
  event: 'orderPlaced',
  mayFail: true, // a story chapter must never cost the resident the order
  run: (app, { ctx, order, now }) => questAfterOrderPlaced(ctx, app, order, now),
});
