// Issue 12 item 9: the first 接龙 a group shows: each numbered line is an order of the member it names;
// names that match no member go to the leader and are charged to no one.
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
afterEach(async () => { await h?.stop(); });
const rows = <T>(sql: string, ...args: unknown[]) => h.store.sqlite.prepare(sql).all(...args) as T[];
const orders = () => rows<{ who: string; product: string; qty: number }>(
  `SELECT m.display_name AS who, p.name AS product, i.qty_milli / 1000.0 AS qty FROM orders o JOIN members m ON m.id = o.member_id
   JOIN order_items i ON i.order_id = o.id JOIN products p ON p.id = i.product_id ORDER BY o.id`);

const LIST = '#接龙\n周五水果团\n1. 张姐 苹果2斤\n2. 李叔 草莓1盒\n3. 王妈 牛奶2瓶\n4. 赵大爷 鸡蛋1盒';

describe('a 接龙 seen for the first time', () => {
  it('orders each named line for its member and lists unknown names to the leader', async () => {
    h = await startHarness();
    const sent = await h.say('张姐', LIST);
    expect(orders()).toEqual([
      { who: '3-501 张姐', product: '苹果', qty: 2 },
      { who: '5栋302 李叔', product: '草莓', qty: 1 },
      { who: '7-1102 王妈', product: '牛奶', qty: 2 },
    ]);
    const group = sent.filter((s) => s.conversationId === h.world.main.id);
    expect(group.map((s) => s.text)).toEqual([[
      '✅ 3-501 张姐 下单成功：苹果 2斤 ¥12.00，合计 ¥12.00（订单号 #1，取货码已私聊发给你）',
      '✅ 5栋302 李叔 下单成功：草莓 1盒 ¥25.00，合计 ¥25.00（订单号 #2，取货码已私聊发给你）',
      '✅ 7-1102 王妈 下单成功：牛奶 2瓶 ¥13.00，合计 ¥13.00（订单号 #3，取货码已私聊发给你）',
      '接龙里有 1 行的名字没有对上群成员，没有下单，已转告团长',
    ].join('\n')]);
    // Each buyer gets their own pickup code.
    const codes = rows<{ contact: string; code: string }>('SELECT m.contact_id AS contact, o.pickup_code AS code FROM orders o JOIN members m ON m.id = o.member_id ORDER BY o.id');
    for (const c of codes) expect(sent.find((s) => s.conversationId === c.contact)!.text).toContain(`取货码 ${c.code}`);
    expect(sent.find((s) => s.conversationId === 'demo-leader')!.text)
      .toBe('【接龙未对上】3-501 张姐 在「阳光小区团购群」发的接龙里，这些行的名字没有对上群成员，没有下单：\n4. 赵大爷 鸡蛋1盒');
    // The next version's new line is its sender's, as before.
    await h.say('小赵', `${LIST}\n5. 小赵 鸡蛋2盒`);
    expect(orders().at(-1)).toEqual({ who: '2-203 小赵', product: '鸡蛋', qty: 2 });
    expect(orders()).toHaveLength(4);
  });

  it('keeps a first list without names as the sender\'s last line', async () => {
    h = await startHarness();
    await h.say('李叔', '接龙\n1. 苹果2斤\n2. 草莓1盒');
    expect(orders()).toEqual([{ who: '5栋302 李叔', product: '草莓', qty: 1 }]);
  });
});
