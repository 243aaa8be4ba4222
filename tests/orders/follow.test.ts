// Issue 12 item 12: "+1", "我也要", "同上", "跟张姐一样" follow the group's last order or leader post
// within 30 minutes; several products → ask which.
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
let clock = Date.UTC(2026, 11, 3, 2, 0);
afterEach(async () => { await h?.stop(); });
const rows = <T>(sql: string, ...args: unknown[]) => h.store.sqlite.prepare(sql).all(...args) as T[];
const lastOrder = () => {
  const [o] = rows<{ id: number; who: string }>(`SELECT o.id, m.display_name AS who FROM orders o JOIN members m ON m.id = o.member_id ORDER BY o.id DESC LIMIT 1`);
  return { who: o!.who, items: rows<{ product: string; qty: number }>(`SELECT p.name AS product, i.qty_milli / 1000.0 AS qty FROM order_items i JOIN products p ON p.id = i.product_id WHERE i.order_id = ? ORDER BY i.id`, o!.id) };
};
const count = () => rows<{ n: number }>('SELECT count(*) AS n FROM orders')[0]!.n;
const inGroup = async (who: string, text: string) => (await h.say(who, text)).find((s) => s.conversationId === h.world.main.id);

describe('following the last order or post', () => {
  it('同上, 我也要 and 跟张姐一样 copy the group\'s last order; +2 takes its one product', async () => {
    h = await startHarness({ now: () => clock });
    await h.say('张姐', '苹果2斤，牛奶1瓶');
    clock += 5 * 60_000;
    expect((await inGroup('李叔', '同上'))!.text).toContain('5栋302 李叔 下单成功：苹果 2斤 ¥12.00；牛奶 1瓶 ¥6.50');
    expect(lastOrder()).toEqual({ who: '5栋302 李叔', items: [{ product: '苹果', qty: 2 }, { product: '牛奶', qty: 1 }] });
    clock += 60_000;
    await h.say('王妈', '草莓1盒');
    expect((await inGroup('小赵', '跟张姐一样'))!.text).toContain('2-203 小赵 下单成功：苹果 2斤 ¥12.00；牛奶 1瓶 ¥6.50');
    clock += 60_000;
    await h.say('王妈', '草莓1盒');
    expect((await inGroup('李叔', '+2'))!.text).toContain('5栋302 李叔 下单成功：草莓 2盒 ¥50.00');
    clock += 60_000;
    await h.say('王妈', '鸡蛋1盒');
    expect((await inGroup('张姐', '我也要'))!.text).toContain('3-501 张姐 下单成功：鸡蛋 1盒');
  });

  it('asks which product when several fit a "+1", and ignores what is older than 30 minutes', async () => {
    h = await startHarness({ now: () => clock });
    await h.say('张姐', '苹果2斤，牛奶1瓶');
    const before = count();
    expect((await inGroup('李叔', '+1'))!.text).toBe('您要的是「苹果」还是「牛奶」？请直接发商品和数量，例如「苹果1斤」');
    expect(count()).toBe(before);
    clock += 60_000;
    await h.say('团长', '草莓和鸡蛋都到了，要的接龙');
    expect((await inGroup('李叔', '+1'))!.text).toBe('您要的是「草莓」还是「鸡蛋」？请直接发商品和数量，例如「草莓1盒」');
    clock += 60_000;
    await h.say('团长', '今天的草莓特别甜');
    expect((await inGroup('李叔', '+1'))!.text).toContain('5栋302 李叔 下单成功：草莓 1盒');
    clock += 31 * 60_000;
    expect((await inGroup('王妈', '+1'))!.text).toBe('30 分钟内群里没有可以跟的订单，请直接发商品和数量，例如「苹果2斤」');
    expect(await h.say('王妈', '同上')).toEqual([]); // chatter: nothing to follow, nothing said
    expect(await h.say('王妈', '跟张姐一样')).toEqual([]);
    expect(count()).toBe(before + 1);
  });
});
