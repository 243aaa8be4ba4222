// Issue 12 item 14: a member of two communities writing privately is asked which community once, and
// the choice is remembered (also across a restart) until they switch.
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
afterEach(async () => { await h?.stop(); });
const rows = <T>(sql: string, ...args: unknown[]) => h.store.sqlite.prepare(sql).all(...args) as T[];
const ZHANG = 'demo-zhangjie';
const texts = (sent: { conversationId: string; text: string }[]) => sent.map((s) => [s.conversationId, s.text]);
const ASK = '您在 2 个小区的群里，私聊要按哪个小区处理？请回复序号或小区名：\n1. 阳光小区\n2. 绿城\n选好后会记住，发「切换小区」可以重选';

describe('private chat with two communities', () => {
  it('asks once, remembers the choice, answers in that community, and switches on request', async () => {
    h = await startHarness();
    const other = h.addCommunity('绿城');
    await h.say('张姐', '苹果2斤'); // an order in 阳光小区
    await h.say('张姐', '大家好', other.roomTopic); // now also a member of 绿城
    expect(texts(await h.sayPrivately('张姐', '我的订单'))).toEqual([[ZHANG, ASK]]);
    expect(texts(await h.sayPrivately('张姐', '随便'))).toEqual([[ZHANG, `没看懂「随便」。${ASK}`]]);
    expect(texts(await h.sayPrivately('张姐', '2'))).toEqual([[ZHANG, '好的，以后私聊按「绿城」处理。请再发一次您要办的事']]);
    expect(rows('SELECT contact_id, community_id FROM private_choices')).toEqual([{ contact_id: ZHANG, community_id: other.communityId }]);
    expect(texts(await h.sayPrivately('张姐', '我的订单'))).toEqual([[ZHANG, '您目前没有订单，直接发「商品+数量」就能下单，例如「苹果2斤」']]);
    expect(texts(await h.sayPrivately('张姐', '切换小区'))).toEqual([[ZHANG, ASK]]);
    expect(texts(await h.sayPrivately('张姐', '阳光小区'))).toEqual([[ZHANG, '好的，以后私聊按「阳光小区」处理。请再发一次您要办的事']]);
    const [mine] = await h.sayPrivately('张姐', '我的订单');
    expect(mine!.text).toContain('订单#1（已下单）：苹果 2斤');
  });

  it('lets a leader of two communities run /统计 privately after choosing', async () => {
    h = await startHarness();
    const other = h.addCommunity('绿城');
    await h.say('团长', '大家好', other.roomTopic);
    expect(texts(await h.sayPrivately('团长', '/统计'))[0]![1]).toContain('私聊要按哪个小区处理');
    await h.sayPrivately('团长', '1');
    const [stats] = await h.sayPrivately('团长', '/统计');
    expect(stats!.text).toContain('阳光小区日常团购');
  });
});
