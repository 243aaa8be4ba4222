// /核销, /送达, /到货 and /订单 through the mock puppet: status flips, points credited exactly once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';
import { fulfilByCode } from '../../src/ordering/fulfilment.js';
import { waitUntil } from '../helpers/wait.js';

let h: Harness;
beforeEach(async () => { h = await startHarness(); });
afterEach(async () => { await h.stop(); });

const LEADER = 'demo-leader';
const rows = <T>(sql: string, ...args: unknown[]) => h.store.sqlite.prepare(sql).all(...args) as T[];
const ordersOf = (who: string) => rows<{ id: number; code: string; status: string; total: number; member_id: number }>(
  `SELECT o.id, o.pickup_code AS code, o.status, o.total_fen AS total, o.member_id FROM orders o JOIN members m ON m.id = o.member_id
   WHERE m.display_name LIKE ? ORDER BY o.id`, `%${who}`);
const ledger = () => rows<{ member_id: number; delta: number; reason: string; ref: string; community_id: number }>(
  'SELECT member_id, delta, reason, ref, community_id FROM points_ledger ORDER BY id');
/** A six-digit code no order has. */
const unusedCode = () => {
  const used = new Set(rows<{ c: string }>('SELECT pickup_code AS c FROM orders').map((r) => r.c));
  for (let n = 0; ; n++) { const c = String(n).padStart(6, '0'); if (!used.has(c)) return c; }
};

describe('/核销', () => {
  it('by pickup code: picked up, points once, a second time refused, 我的积分 shows the balance', async () => {
    await h.say('张姐', '苹果2斤，牛奶2瓶');
    const [order] = ordersOf('张姐');
    expect(order!.total).toBe(2500);
    const [r] = await h.say('团长', `/核销 ${order!.code}`);
    expect(r!.text).toContain('已核销取货：3-501 张姐');
    expect(r!.text).toContain('苹果 2斤、牛奶 2瓶');
    expect(r!.text).toContain(`取货码 ${order!.code}`);
    expect(r!.text).toContain('积分 +25');
    expect(r!.text).toContain('当前积分 25 分');
    expect(ordersOf('张姐')[0]!.status).toBe('picked_up');
    expect(ledger()).toEqual([{ member_id: order!.member_id, delta: 25, reason: 'order', ref: `order:${order!.id}`, community_id: h.communityId }]);

    const [again] = await h.say('团长', `/核销 ${order!.code}`);
    expect(again!.text).toContain('已取货');
    expect(again!.text).toContain('不能核销');
    expect(ledger()).toHaveLength(1);

    const [points] = await h.say('张姐', '我的积分');
    expect(points!.text).toContain('当前积分 25 分');
    expect(points!.text).not.toContain('待入账');
  });

  it('by @-mention: every waiting order of that resident, points summed; full-width code digits work too', async () => {
    await h.say('李叔', '苹果3斤');
    await h.say('李叔', '草莓1盒');
    await h.say('张姐', '牛奶1瓶');
    await h.say('团长', '/到货'); // by member only arrived goods are picked up
    const [r] = await h.say('团长', '/核销 @李叔');
    expect(r!.text).toContain('5栋302 李叔');
    expect(r!.text).toContain('苹果 3斤');
    expect(r!.text).toContain('草莓 1盒');
    expect(r!.text).toContain('本次积分 +43，当前积分 43 分');
    expect(ordersOf('李叔').map((o) => o.status)).toEqual(['picked_up', 'picked_up']);
    expect(ordersOf('张姐').map((o) => o.status)).toEqual(['placed']);
    expect(ledger().map((l) => [l.delta, l.ref])).toEqual(ordersOf('李叔').map((o) => [o.total / 100, `order:${o.id}`]));

    const [none] = await h.say('团长', '/核销 @李叔');
    expect(none!.text).toContain('没有待取货的订单');
    expect(ledger()).toHaveLength(2);

    const code = ordersOf('张姐')[0]!.code;
    const wide = code.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    const [w] = await h.sayPrivately('团长', `/pickup ${wide}`);
    expect(w!.conversationId).toBe(LEADER);
    expect(w!.text).toContain('3-501 张姐');
    expect(ordersOf('张姐')[0]!.status).toBe('picked_up');
  });

  it('refuses unknown codes, cancelled orders and unknown residents', async () => {
    await h.say('王妈', '草莓2盒');
    await h.say('王妈', '取消订单');
    const [cancelled] = ordersOf('王妈');
    expect(cancelled!.status).toBe('cancelled');
    const [c] = await h.say('团长', `/核销 ${cancelled!.code}`);
    expect(c!.text).toContain('已取消，不能核销');
    const [u] = await h.say('团长', `/核销 ${unusedCode()}`);
    expect(u!.text).toContain('没有找到取货码');
    const [n] = await h.say('团长', '/核销 @不存在的人');
    expect(n!.text).toContain('没有找到「不存在的人」');
    const [e] = await h.say('团长', '/核销');
    expect(e!.text).toContain('用法：/核销 取货码|@某人');
    expect(rows<{ status: string }>('SELECT status FROM orders').map((o) => o.status)).toEqual(['cancelled']);
    expect(ledger()).toHaveLength(0);
  });

  it('works on orders confirmed at the cut-off, and a credit already in the ledger is not repeated', async () => {
    await h.say('张姐', '苹果2斤');
    await h.say('团长', '/截单');
    const [o] = ordersOf('张姐');
    expect(o!.status).toBe('confirmed');
    // The (reason, ref) index: a row for this order already there means nothing more is credited.
    h.store.sqlite.prepare(`INSERT INTO points_ledger (community_id, member_id, delta, reason, ref, at) VALUES (?, ?, 12, 'order', ?, 0)`)
      .run(h.communityId, o!.member_id, `order:${o!.id}`);
    const [r] = await h.say('团长', `/核销 ${o!.code}`);
    expect(r!.text).toContain('积分此前已入账');
    expect(ordersOf('张姐')[0]!.status).toBe('picked_up');
    expect(ledger()).toHaveLength(1);
    // And the service refuses a second collection outright.
    const twice = fulfilByCode(h.store, h.communityId, o!.code, 'picked_up', h.app.now());
    expect(twice).toMatchObject({ ok: false, reason: 'not_collectable' });
  });
});

describe('/送达', () => {
  it('marks delivered and credits points; a later /核销 credits nothing more', async () => {
    await h.say('李叔', '大米1袋');
    const [o] = ordersOf('李叔');
    const [r] = await h.say('团长', `/送达 ${o!.code}`);
    expect(r!.text).toContain('已送达：5栋302 李叔');
    expect(r!.text).toContain('大米 1袋');
    expect(r!.text).toContain('积分 +59');
    expect(ordersOf('李叔')[0]!.status).toBe('delivered');
    const [again] = await h.say('团长', `/delivered ${o!.code}`);
    expect(again!.text).toContain('已送达，不能标记送达');
    const [picked] = await h.say('团长', `/核销 ${o!.code}`);
    expect(picked!.text).toContain('积分此前已入账');
    expect(ordersOf('李叔')[0]!.status).toBe('picked_up');
    expect(ledger().map((l) => [l.delta, l.ref])).toEqual([[59, `order:${o!.id}`]]);
    const [points] = await h.say('李叔', '我的积分');
    expect(points!.text).toContain('当前积分 59 分');
  });

  it('by @-mention', async () => {
    await h.say('小赵', '鸡蛋2盒');
    await h.say('团长', '/到货');
    const [r] = await h.say('团长', '/送达 @小赵');
    expect(r!.text).toContain('2-203 小赵');
    expect(ordersOf('小赵').map((o) => o.status)).toEqual(['delivered']);
    expect(ledger().map((l) => l.delta)).toEqual([36]);
  });
});

describe('/到货', () => {
  it('posts the arrival notice with the pickup place into the main group; orders stay confirmed', async () => {
    await h.say('张姐', '苹果2斤');
    await h.say('团长', '/截单');
    await h.say('团长', '/设置 自提点 3号楼快递柜旁');
    const replies = await h.sayPrivately('团长', '/到货 下午3点后可以来取');
    const notice = replies.find((r) => r.conversationId === h.world.main.id);
    expect(notice!.text).toContain('到货');
    expect(notice!.text).toContain('阳光小区日常团购');
    expect(notice!.text).toContain('取货地点：3号楼快递柜旁');
    expect(notice!.text).toContain('取货码');
    expect(notice!.text).toContain('下午3点后可以来取');
    const ack = replies.find((r) => r.conversationId === LEADER);
    expect(ack!.text).toContain('已在「阳光小区团购群」发布到货通知，待取货的订单 1 笔');
    expect(ordersOf('张姐').map((o) => o.status)).toEqual(['confirmed']);
  });

  it('prefers the pickup place written on the session, and answers in the main group directly', async () => {
    await h.say('团长', '/截单');
    await h.say('团长', '/开团 周五草莓团 明天20:00 草莓 自提点 小区南门');
    await h.say('张姐', '草莓1盒');
    await h.say('团长', '/截单 周五草莓团');
    const replies = await h.say('团长', '/到货');
    expect(replies).toHaveLength(1);
    expect(replies[0]!.conversationId).toBe(h.world.main.id);
    expect(replies[0]!.text).toContain('周五草莓团');
    expect(replies[0]!.text).toContain('取货地点：小区南门');
  });
});

describe('/订单', () => {
  it("lists a resident's orders with status, items, total and pickup code", async () => {
    await h.say('张姐', '苹果2斤');
    await h.say('张姐', '牛奶2瓶');
    const [first, second] = ordersOf('张姐');
    await h.say('团长', `/核销 ${first!.code}`);
    const [pointer, r] = await h.say('团长', '/订单 @张姐');
    expect(pointer!.text).toBe('已私聊发给你 📩');
    expect(r!.conversationId).toBe('demo-leader');
    expect(r!.text).toContain('3-501 张姐 的订单（最近 2 笔）');
    expect(r!.text).toContain(`#${first!.id}【已取货】苹果 2斤，合计 ¥12.00，取货码 ${first!.code}`);
    expect(r!.text).toContain(`#${second!.id}【已下单】牛奶 2瓶，合计 ¥13.00，取货码 ${second!.code}`);
    const [, byName] = await h.say('团长', '/orders 张姐');
    expect(byName!.text).toContain('3-501 张姐 的订单');
    const [unknown] = await h.say('团长', '/订单 @路人甲');
    expect(unknown!.text).toContain('没有找到「路人甲」');
    const [none] = await h.say('团长', '/订单 王妈');
    expect(none!.text).toContain('7-1102 王妈 在本小区还没有订单');
  });
});

describe('permissions', () => {
  it('refuses residents', async () => {
    await h.say('张姐', '苹果2斤');
    const [o] = ordersOf('张姐');
    for (const cmd of [`/核销 ${o!.code}`, '/核销 @张姐', `/送达 ${o!.code}`, '/到货', '/订单 @张姐']) {
      const [r] = await h.say('李叔', cmd);
      expect(r!.text).toContain('只有团长可以使用');
    }
    const [self] = await h.say('张姐', `/核销 ${o!.code}`);
    expect(self!.text).toContain('只有团长可以使用');
    expect(ordersOf('张姐')[0]!.status).toBe('placed');
    expect(ledger()).toHaveLength(0);
  });

  it("gives the leader of another community nothing of this one's orders", async () => {
    await h.say('张姐', '苹果2斤');
    const [o] = ordersOf('张姐');
    h.addCommunity('绿城');

    const [code] = await h.say('绿城团长', `/核销 ${o!.code}`, '绿城团购群');
    expect(code!.text).toContain('没有找到取货码');
    const [sent] = await h.say('绿城团长', `/送达 ${o!.code}`, '绿城团购群');
    expect(sent!.text).toContain('没有找到取货码');
    const [who] = await h.say('绿城团长', '/核销 @张姐', '绿城团购群');
    expect(who!.text).toContain('没有找到「张姐」');
    const [list] = await h.say('绿城团长', '/订单 @张姐', '绿城团购群');
    expect(list!.text).not.toContain('苹果');
    expect(ordersOf('张姐')[0]!.status).toBe('placed');
    expect(ledger()).toHaveLength(0);
    // Its arrival notice goes to its own main group, never to 阳光小区's.
    const mainBefore = h.sent.filter((s) => s.conversationId === h.world.main.id).length;
    const arrived = await h.say('绿城团长', '/到货', '绿城团购群');
    expect(arrived.every((r) => r.conversationId !== h.world.main.id)).toBe(true);
    expect(h.sent.filter((s) => s.conversationId === h.world.main.id).length).toBe(mainBefore);
  });
});

describe('done', () => {
  it('settles a collected order as done once the 24-hour dispute window has passed', async () => {
    await h.stop();
    h = await startHarness({ env: { SESSION_CHECK_MS: '50' } }); // the closer's tick also settles orders
    await h.say('张姐', '苹果2斤');
    const [o] = ordersOf('张姐');
    await h.say('团长', `/核销 ${o!.code}`);
    expect(ordersOf('张姐')[0]!.status).toBe('picked_up');
    h.store.sqlite.prepare('UPDATE orders SET updated_at = ?').run(h.app.now() - 25 * 3600_000);
    await waitUntil(() => ordersOf('张姐')[0]!.status === 'done', 'the session closer to complete the order');
    expect(ordersOf('张姐')[0]!.status).toBe('done');
    const [, mine] = await h.say('张姐', '我的订单'); // privately
    expect(mine!.text).toContain('已完成');
  });
});
