import type { Command } from '../src/core/types.js';
import { runFulfilment } from './pickup.js';

const USAGE = '/送达 取货码|@某人';

export const delivered: Command = {
  names: ['送达', 'delivered'],
  role: 'leader',
  needsCommunity: true,
  usage: USAGE,
  summary: '送货上门后标记订单已送达，按金额每元积1分',
  details: '写取货码标记这一笔；@ 居民则标记他所有已到货（团长发过 /到货）、待送达的订单。积分只入账一次（之后再核销也不会重复积分）\n例如：/送达 123456、/送达 @李叔',
  run(ctx, args, app) {
    runFulfilment(ctx, args, app, 'delivered', USAGE);
  },
};
