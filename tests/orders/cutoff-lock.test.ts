// Issue 12 item 2: after /截单 residents can no longer change their orders; the leader can, by /改单, logged.
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, TEST_START, type Harness } from '../helpers/harness.js';

let h: Harness;
afterEach(async () => { await h?.stop(); });

const rows = <T>(sql: string, ...args: unknown[]) => h.store.sqlite.prepare(sql).all(...args) as T[];
const LEADER = 'demo-leader';

async function closedWithApples() {
  h = await startHarness();
  await h.say('张姐', '苹果2斤');
  await h.say('李叔', '苹果1斤');
  await h.say('团长', '/截单');
  const summary = h.sent.find((s) => s.text.includes('【截单】'))!;
  expect(summary.text).toContain('2 人共 2 单');
  expect(summary.text).toContain('苹果 3斤');
}
const items = () => rows<{ qty: number; cancelled: number | null; status: string }>(
  `SELECT i.qty_milli / 1000.0 AS qty, i.cancelled_at AS cancelled, o.status FROM order_items i JOIN orders o ON o.id = i.order_id ORDER BY i.id`);

describe('after the cut-off', () => {
  it('refuses a resident\'s change and cancel, tells the leader privately, and /统计 still matches the announcement', async () => {
    await closedWithApples();
    const sent = await h.say('张姐', '苹果改成5斤');
    const mod = sent.find((s) => s.conversationId === h.world.main.id);
    const toLeader = sent.filter((s) => s !== mod);
    expect(mod!.text).toBe('「阳光小区日常团购」已经截单，订单不能再自己修改了。已帮您转告团长，团长同意后会帮您调整');
    expect(toLeader.map((s) => [s.conversationId, s.text])).toEqual([
      [LEADER, '【截单后改单请求】3-501 张姐 在「阳光小区团购群」说：苹果改成5斤\n订单#1：苹果 2斤\n如同意，请发 /改单 @张姐 苹果 5斤'],
    ]);
    const cancel = (await h.say('张姐', '取消订单')).find((s) => s.conversationId === h.world.main.id);
    expect(cancel!.text).toBe('「阳光小区日常团购」已经截单，订单不能再自己取消了。已帮您转告团长，团长同意后会帮您调整');
    expect(items()).toEqual([{ qty: 2, cancelled: null, status: 'confirmed' }, { qty: 1, cancelled: null, status: 'confirmed' }]);
    const stats = (await h.say('团长', '/统计')).find((s) => s.conversationId === LEADER)!;
    expect(stats.text).toContain('订单 2 笔 · 下单 2 人');
    expect(stats.text).toContain('· 苹果 3斤');
  });

  it('lets the leader adjust an order with /改单, logs it, and keeps residents out of the command', async () => {
    await closedWithApples();
    const stock = () => rows<{ stock: number }>(`SELECT stock_milli / 1000.0 AS stock FROM products WHERE name = '苹果'`)[0]!.stock;
    const before = stock();
    const [resident] = await h.say('张姐', '/改单 @张姐 苹果 5斤');
    expect(resident!.text).toContain('只有团长可以使用');
    const [r] = await h.say('团长', '/改单 @张姐 苹果 3斤');
    expect(r!.text).toBe('已把 3-501 张姐 的订单#1 苹果从 2斤 改为 3斤，小计 ¥18.00，订单合计 ¥18.00（已记录）');
    expect(stock()).toBe(before - 1);
    expect(items()[0]).toEqual({ qty: 3, cancelled: null, status: 'confirmed' });
    expect(rows('SELECT order_id, from_qty_milli / 1000.0 AS from_qty, to_qty_milli / 1000.0 AS to_qty, by_contact_id FROM order_adjustments')).toEqual([
      { order_id: 1, from_qty: 2, to_qty: 3, by_contact_id: LEADER },
    ]);
    const [removed] = await h.say('团长', '/改单 @李叔 苹果 0');
    expect(removed!.text).toBe('已把 5栋302 李叔 的订单#2 苹果 1斤 删除，订单合计 ¥0.00（已记录）');
    expect(items()[1]!.cancelled).not.toBeNull();
    expect(rows<{ status: string }>('SELECT status FROM orders WHERE id = 2')[0]!.status).toBe('cancelled');
    const [same] = await h.say('团长', '/改单 @张姐 苹果 3斤');
    expect(same!.text).toBe('3-501 张姐 的苹果本来就是 3斤，没有改动');
    const [bad] = await h.say('团长', '/改单 @张姐 苹果');
    expect(bad!.text).toBe('请写商品和新的数量\n用法：/改单 @居民 商品 数量');
    const [none] = await h.say('团长', '/改单 @王妈 苹果 2斤');
    expect(none!.text).toBe('7-1102 王妈 没有订苹果');
    expect(rows('SELECT count(*) AS n FROM order_adjustments')).toEqual([{ n: 2 }]);
  });

  it('locks as soon as the cut-off time has passed, before the closer has run', async () => {
    let clock = TEST_START;
    h = await startHarness({ now: () => clock });
    await h.say('张姐', '苹果2斤');
    clock = (rows<{ cutoff: number }>('SELECT cutoff_at AS cutoff FROM sessions')[0]!.cutoff) + 1;
    const cancel = (await h.say('张姐', '苹果不要了')).find((s) => s.conversationId === h.world.main.id);
    expect(cancel!.text).toBe('「阳光小区日常团购」已经截单，订单不能再自己取消了。已帮您转告团长，团长同意后会帮您调整');
    expect(items()).toEqual([{ qty: 2, cancelled: null, status: 'placed' }]);
  });

  it('still lets residents change orders of a session that is open', async () => {
    h = await startHarness();
    await h.say('张姐', '苹果2斤');
    const [same] = await h.say('张姐', '苹果改成2斤');
    expect(same!.text).toBe('您的苹果本来就是 2斤，没有改动');
    const [mod] = await h.say('张姐', '苹果改成3斤');
    expect(mod!.text).toBe('已把苹果从 2斤 改为 3斤，小计 ¥18.00');
  });
});
