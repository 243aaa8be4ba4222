// Issue 12 items 6 and 7: pickup codes, coupon codes and complaint lists go by private chat; the group
// sees the order number and amount and "已私聊发给你". 我的订单 shows the pickup code, privately.
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
afterEach(async () => { await h?.stop(); });

const rows = <T>(sql: string, ...args: unknown[]) => h.store.sqlite.prepare(sql).all(...args) as T[];
const ZHANG = 'demo-zhangjie';
const LEADER = 'demo-leader';
const codeOf = (orderId: number) => rows<{ code: string }>('SELECT pickup_code AS code FROM orders WHERE id = ?', orderId)[0]!.code;

describe('codes never in the group', () => {
  it('confirms a group order without its code and sends the code privately', async () => {
    h = await startHarness();
    const sent = await h.say('张姐', '苹果2斤');
    const code = codeOf(1);
    expect(code).toMatch(/^\d{6}$/);
    expect(sent.map((s) => [s.conversationId, s.text])).toEqual([
      [h.world.main.id, '✅ 3-501 张姐 下单成功：苹果 2斤 ¥12.00，合计 ¥12.00（订单号 #1，取货码已私聊发给你）'],
      [ZHANG, `您的订单 #1：苹果 2斤 ¥12.00，合计 ¥12.00\n取货码 ${code}（取货时出示；发「我的订单」随时可查）`],
    ]);
    expect(h.sent.filter((s) => s.conversationId === h.world.main.id && s.text.includes(code))).toEqual([]);
    const priv = await h.sayPrivately('张姐', '牛奶1瓶');
    // Privately the confirmation itself carries the code (a second order also lifts the tier: next line).
    expect(priv.map((s) => [s.conversationId, s.text.split('\n')[0]])).toEqual([
      [ZHANG, `✅ 3-501 张姐 下单成功：牛奶 1瓶 ¥6.50，合计 ¥6.50（订单号 #2，取货码 ${codeOf(2)}）`],
    ]);
  });

  it('我的订单 shows each order\'s pickup code, privately when asked in the group', async () => {
    h = await startHarness();
    await h.say('张姐', '苹果2斤');
    const sent = await h.say('张姐', '我的订单');
    expect(sent.map((s) => s.conversationId)).toEqual([h.world.main.id, ZHANG]);
    expect(sent[0]!.text).toBe('已私聊发给你 📩');
    expect(sent[1]!.text).toContain(`订单#1（已下单）：苹果 2斤，合计 ¥12.00，取货码 ${codeOf(1)}`);
  });

  it('a redemption and 我的券 in the group show no coupon code there', async () => {
    h = await startHarness();
    await h.say('团长', '/积分 @张姐 +520 年度好邻居');
    // 物业费抵扣券 is an 活跃会员 benefit (data/tiers.json): two orders make 张姐 one.
    await h.say('张姐', '苹果2斤');
    await h.say('张姐', '香蕉1把');
    const sent = await h.say('张姐', '兑换 物业费券');
    const code = rows<{ code: string }>('SELECT code FROM coupons')[0]!.code;
    const group = sent.filter((s) => s.conversationId === h.world.main.id);
    expect(group.map((s) => s.text)).toEqual(['🎁 3-501 张姐 兑换成功：物业费抵扣券，面值 ¥50.00，券号已私聊发给你。消耗 500 积分，剩余 20 分']);
    expect(sent.find((s) => s.conversationId === ZHANG)!.text).toContain(`券号 ${code}`);
    const mine = await h.say('张姐', '我的券');
    expect(mine.map((s) => [s.conversationId, s.text.includes(code)])).toEqual([[h.world.main.id, false], [ZHANG, true]]);
    expect(mine[0]!.text).toBe('已私聊发给你 📩');
  });

  it('/工单 in a group goes to the leader privately', async () => {
    h = await startHarness();
    await h.say('张姐', '苹果都坏了，太差了');
    const list = await h.say('团长', '/工单');
    expect(list.map((s) => s.conversationId)).toEqual([h.world.main.id, LEADER]);
    expect(list[0]!.text).toBe('已私聊发给你 📩');
    expect(list[1]!.text).toContain('未处理工单 1 张');
    expect(list[1]!.text).toContain('3-501 张姐');
  });
});
