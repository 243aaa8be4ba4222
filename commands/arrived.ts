import { and, desc, eq, asc } from 'drizzle-orm';
import type { Command } from '../src/core/types.js';
import { sessions, type Session } from '../src/store/schema.js';
import type { Store } from '../src/store/db.js';
import { communityById, mainGroupOf } from '../src/community/communities.js';
import { enqueue } from '../src/messaging/outbox.js';
import { markArrived, waitingOrderCount } from '../src/ordering/fulfilment.js';

const USAGE = '/到货 [说明]';

/** The session whose goods arrived: the one closed last, else the open one with the earliest cut-off. */
function arrivingSession(store: Store, communityId: number): Session | undefined {
  return store.db.select().from(sessions).where(and(eq(sessions.communityId, communityId), eq(sessions.status, 'closed')))
    .orderBy(desc(sessions.closedAt), desc(sessions.id)).get()
    ?? store.db.select().from(sessions).where(and(eq(sessions.communityId, communityId), eq(sessions.status, 'open')))
      .orderBy(asc(sessions.cutoffAt)).get();
}

export const arrived: Command = {
  names: ['到货', 'arrived'],
  role: 'leader',
  needsCommunity: true,
  usage: USAGE,
  summary: '在主群发到货通知：自提点在哪，请居民带取货码来取',
  details: '自提点用本期开团时写的，没有就用 /设置 自提点 设好的；后面的说明原样附在通知里\n例如：/到货 下午3点后可以来取',
  run(ctx, args, app) {
    const community = communityById(app.store, ctx.community!.id) ?? ctx.community!;
    const group = mainGroupOf(app.store, community.id);
    if (!group) return ctx.reply('本小区还没有绑定主群，到货通知发不出去。请管理员在主群里发 /绑定 小区名 主群');
    const session = arrivingSession(app.store, community.id);
    // From now on /核销 @居民 picks up this session's orders (and only arrived sessions').
    if (session) markArrived(app.store, session.id, app.now());
    const place = session?.pickupPlace ?? community.pickupPlace;
    const note = args.join(' ').trim();
    const notice = [
      `📦 到货啦！${session ? `「${session.title}」的商品` : '团购商品'}已经到了`,
      `取货地点：${place ?? '请留意团长通知'}`,
      '取货时请出示您的取货码（发「我的订单」就能看到），团长核销后积分自动到账',
      ...(note ? [`团长说明：${note}`] : []),
    ].join('\n');
    const waiting = waitingOrderCount(app.store, community.id, session ? [session.id] : undefined);
    const hint = place ? '' : '\n还没有设置自提点，可以用「/设置 自提点 地点」设好，以后的通知会带上';
    if (ctx.chat.kind === 'room' && ctx.chat.roomId === group.roomId) {
      ctx.reply(notice);
      if (hint) ctx.replyPrivately(hint.trim());
      return;
    }
    enqueue(app.store, { conversationId: group.roomId, conversationKind: 'room', body: notice, dedupKey: `${ctx.messageId}#arrival` }, app.now());
    app.notifyOutbox();
    ctx.reply(`已在「${group.topic}」发布到货通知，待取货的订单 ${waiting} 笔${hint}`);
  },
};
