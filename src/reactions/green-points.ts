// 绿色积分: a bag-free order is told the green points it will earn at pickup (fulfilment awards them).
import { reaction } from '../core/events.js';
import { isGreenNote, pointRules } from '../growth/points.js';

export const greenPoints = reaction({
  name: 'green-points',
  event: 'orderPlaced',
  run(_app, { order }) {
    if (isGreenNote(order.note)) return [`🌱 感谢少用袋子！取货后另得绿色积分 ${pointRules().green.points} 分`];
  },
});
