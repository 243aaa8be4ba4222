// 应急物流: providers by priority, delivery slots, and the alert 30 minutes after a slot's end — once,
// naming the next provider, not when everything was delivered, not again after a restart.
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness, type Sent, TEST_START } from '../helpers/harness.js';
import { checkLogistics } from '../../src/service/logistics.js';
import { parseShanghaiTime, startOfShanghaiDay } from '../../src/time.js';
import { waitUntil } from '../helpers/wait.js';

const DAY = 86_400_000;
const MIN = 60_000;
let h: Harness;
afterEach(async () => { await h?.stop(); });

// 07:00, three days before the tests' day: the slots below (08:00–21:00) are all still ahead on that day.
const T0 = startOfShanghaiDay(TEST_START) - 3 * DAY + 7 * 3600_000;
let clock = T0;
const now = () => clock;
const lateIn = (list: Sent[]) => list.filter((s) => s.conversationId === 'demo-leader' && s.text.includes('配送超时'));
const rows = <T>(sql: string, ...args: unknown[]) => h.store.sqlite.prepare(sql).all(...args) as T[];
const codeOf = (orderId: number) => (h.store.sqlite.prepare('SELECT pickup_code AS c FROM orders WHERE id = ?').get(orderId) as { c: string }).c;

describe('delivery slots', () => {
  it('alert once 30 minutes after the end when not all delivered, naming the next provider; not when delivered', async () => {
    clock = T0;
    h = await startHarness({ now });
    expect((await h.say('团长', '/配送 时段 18:00-19:00'))[0]!.text).toContain('请先登记配送公司');
    expect((await h.say('团长', '/配送 公司 1 顺丰同城 13800000000'))[0]!.text).toContain('已登记配送公司 1. 顺丰同城');
    await h.say('团长', '/配送 公司 2 达达 13900000000');
    await h.say('张姐', '5栋302 王姐 草莓2盒'); // an address: home delivery
    await h.say('王妈', '苹果1斤'); // pickup: not in a slot
    const [slotReply] = await h.say('团长', '/配送 时段 18:00-19:00');
    expect(slotReply!.text).toContain('顺丰同城 送 1 单：#1');
    const end = parseShanghaiTime('19:00', clock)!;
    const [overview] = await h.say('团长', '/配送');
    expect(overview!.text).toContain('1. 顺丰同城（13800000000）\n2. 达达（13900000000）');
    expect(overview!.text).toMatch(/· \d\d-\d\d 18:00-19:00 顺丰同城：1 单，待送达 1 单/);

    clock = end + 29 * MIN;
    expect(checkLogistics(h.app).late).toHaveLength(0);
    clock = end + 30 * MIN;
    expect(checkLogistics(h.app).late).toHaveLength(1);
    await h.settle();
    const late = lateIn(h.sent);
    expect(late).toHaveLength(1);
    expect(late[0]!.text).toContain('还有 1 单没有标记送达：#1');
    expect(late[0]!.text).toContain('请立即联系备用配送：达达（优先级 2，电话 13900000000）');
    clock += 10 * MIN;
    expect(checkLogistics(h.app).late).toHaveLength(0);

    // A restart (whose ticker checks at login) does not alert again.
    const dir = h.dir;
    await h.stop();
    h = await startHarness({ dir, seed: false, now });
    await h.settle();
    expect(lateIn(h.sent)).toHaveLength(0);

    // A slot carried by the last provider, delivered in time: no alert; the order is marked delivered first.
    await h.say('李叔', '牛奶2瓶 送货上门');
    const [second] = await h.say('团长', '/配送 时段 20:00-21:00 达达 #3');
    expect(second!.text).toContain('达达 送 1 单：#3');
    await h.say('团长', `/送达 ${codeOf(3)}`);
    clock = parseShanghaiTime('21:00', clock)! + 31 * MIN;
    expect(checkLogistics(h.app)).toEqual({ checked: 1, late: [] });
    expect(rows<{ late: number }>('SELECT late_orders AS late FROM delivery_slots ORDER BY id')).toEqual([{ late: 1 }, { late: 0 }]);
    await h.settle();
    expect(lateIn(h.sent)).toHaveLength(0);
  });

  it('a late slot stays listed in /配送 after its reminder until its last order is delivered', async () => {
    clock = Date.parse('2026-11-20T09:00:00+08:00');
    h = await startHarness({ now });
    await h.say('团长', '/配送 公司 1 顺丰同城');
    await h.say('张姐', '5栋302 王姐 草莓2盒');
    await h.say('李叔', '牛奶2瓶 送货上门');
    await h.say('团长', '/配送 时段 10:00-11:00');
    clock = Date.parse('2026-11-20T11:30:00+08:00');
    expect(checkLogistics(h.app).late).toHaveLength(1);
    await h.settle();
    expect(lateIn(h.sent)).toHaveLength(1);

    const [late] = await h.say('团长', '/配送');
    expect(late!.text).toContain('配送时段：\n· 11-20 10:00-11:00 顺丰同城：2 单，待送达 2 单　⚠️ 已超时，未送达：#1、#2（送到后 /送达 取货码）');
    await h.say('团长', `/送达 ${codeOf(1)}`);
    const [one] = await h.say('团长', '/配送');
    expect(one!.text).toContain('· 11-20 10:00-11:00 顺丰同城：2 单，待送达 1 单　⚠️ 已超时，未送达：#2（送到后 /送达 取货码）');
    await h.say('团长', `/送达 ${codeOf(2)}`);
    const [done] = await h.say('团长', '/配送');
    expect(done!.text).toContain('没有待完成的配送时段');
    expect(done!.text).not.toContain('10:00-11:00');
  });

  it('the last provider failing names the first one; bad input writes nothing; other communities and residents are kept out', async () => {
    clock = T0;
    h = await startHarness({ now });
    await h.say('团长', '/配送 公司 1 顺丰同城');
    await h.say('团长', '/配送 公司 2 达达');
    await h.say('张姐', '草莓1盒 送货上门');
    await h.say('团长', '/配送 时段 10:00-11:00 2');
    clock = parseShanghaiTime('11:00', clock)! + 45 * MIN;
    checkLogistics(h.app);
    await h.settle();
    expect(lateIn(h.sent)[0]!.text).toContain('请立即联系备用配送：顺丰同城（优先级 1）');

    const before = rows('SELECT * FROM delivery_slots');
    // Each bad input gets its own reason, as the only reply.
    const replies: [string, string[]][] = [];
    for (const bad of ["/配送 公司 4 圆通", "/配送 公司 1", "/配送 时段 19:00-18:00", "/配送 时段 晚饭后", "/配送 时段 18:00-19:00 顺丰", "/配送 时段 18:00-19:00 #999", "/配送 时段 18:00-19:00"]) replies.push([bad, (await h.say('团长', bad)).map((s) => s.text)]);
    expect(replies).toEqual([
      ["/配送 公司 4 圆通", ["优先级请写 1 到 3（1 最先用），例如：/配送 公司 1 顺丰同城 13800000000\n用法：/配送 [公司 优先级 名称 [电话]|公司 优先级 删除|时段 [明天] 18:00-19:00 [优先级|公司] [#订单号…]|建议 [个数] [容量] [时长 小时]]"]],
      ["/配送 公司 1", ["请写配送公司名称（30 字以内）和可选的电话\n用法：/配送 [公司 优先级 名称 [电话]|公司 优先级 删除|时段 [明天] 18:00-19:00 [优先级|公司] [#订单号…]|建议 [个数] [容量] [时长 小时]]"]],
      ["/配送 时段 19:00-18:00", ["结束时间要晚于开始时间，没有登记"]],
      ["/配送 时段 晚饭后", ["时段请写成 18:00-19:00（可在前面加 明天 或 11-26）\n用法：/配送 [公司 优先级 名称 [电话]|公司 优先级 删除|时段 [明天] 18:00-19:00 [优先级|公司] [#订单号…]|建议 [个数] [容量] [时长 小时]]"]],
      ["/配送 时段 18:00-19:00 顺丰", ["「顺丰」不是登记过的配送公司（写优先级或名称），也不是订单号（写 #12）\n用法：/配送 [公司 优先级 名称 [电话]|公司 优先级 删除|时段 [明天] 18:00-19:00 [优先级|公司] [#订单号…]|建议 [个数] [容量] [时长 小时]]"]],
      ["/配送 时段 18:00-19:00 #999", ["这些订单不是本小区待配送的订单，或已在别的时段里：#999，没有登记"]],
      ["/配送 时段 18:00-19:00", ["现在没有待配送的送货上门订单（有地址或备注送货上门、还没安排时段的），没有登记。也可以写订单号：/配送 时段 18:00-19:00 #12 #13"]],
    ]);
    expect(rows('SELECT * FROM delivery_slots')).toEqual(before);
    expect(rows('SELECT name FROM delivery_providers ORDER BY priority')).toEqual([{ name: '顺丰同城' }, { name: '达达' }]);

    const other = h.addCommunity('翠苑');
    const [theirs] = await h.say(other.leaderName, '/配送', other.roomTopic);
    expect(theirs!.text).toContain('还没有登记');
    expect(theirs!.text).not.toContain('1. 顺丰同城');
    const [foreignSlot] = await h.say(other.leaderName, '/配送 公司 1 闪送', other.roomTopic);
    expect(foreignSlot!.text).toContain('闪送');
    const [steal] = await h.say(other.leaderName, '/配送 时段 18:00-19:00 #1', other.roomTopic);
    expect(steal!.text).toContain('不是本小区待配送的订单');
    const [denied] = await h.say('张姐', '/配送 公司 1 闪送');
    expect(denied!.text).toContain('团长');
    expect(rows('SELECT name FROM delivery_providers WHERE community_id = ?', h.communityId)).toHaveLength(2);
  });

  it('the bot ticker runs the check on its interval (LOGISTICS_CHECK_MS)', async () => {
    clock = T0;
    h = await startHarness({ now, env: { LOGISTICS_CHECK_MS: '1000' } });
    await h.say('团长', '/配送 公司 1 顺丰同城');
    await h.say('张姐', '5栋302 王姐 草莓2盒');
    await h.say('团长', '/配送 时段 8:00-9:00');
    clock = parseShanghaiTime('9:00', clock)! + 31 * MIN; // no direct call: the ticker must find it
    await waitUntil(() => lateIn(h.sent).length > 0, 'the ticker\'s late-delivery reminder');
    await h.settle();
    expect(lateIn(h.sent)).toHaveLength(1);
    expect(lateIn(h.sent)[0]!.text).toContain('没有登记备用配送公司');
  });
});
