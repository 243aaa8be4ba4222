// 品控与溯源: /质检 checkpoints per batch in order, a failed batch taken off sale; trace codes from real
// orders resolve (product, batch, checkpoints, delivery); unknown and malformed codes get clear replies.
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { startHarness, type Harness, TEST_START } from '../helpers/harness.js';
import { parseTraceCode, traceCode, TRACE_ALPHABET } from '../../src/catalog/trace.js';
import { upsertMember } from '../../src/growth/members.js';

const MIN = 60_000;
let h: Harness;
afterEach(async () => { await h?.stop(); });

const T0 = TEST_START - 2 * 86_400_000;
let clock = T0;
const now = () => clock;
const row = <T>(sql: string, ...args: unknown[]) => h.store.sqlite.prepare(sql).get(...args) as T;
const apple = () => row<{ stock: number }>(`SELECT stock_milli / 1000.0 AS stock FROM products WHERE name = '苹果' AND community_id = ?`, h.communityId).stock;

describe('trace codes', () => {
  it('round-trip every id, case-insensitively, and reject any single typo or neighbour swap', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 2 ** 40 }), (id) => {
      const code = traceCode(id);
      expect(parseTraceCode(code.toLowerCase())).toEqual({ ok: true, itemId: id, code });
      const i = id % code.length;
      const other = TRACE_ALPHABET[(TRACE_ALPHABET.indexOf(code[i]!) + 1 + (id % 30)) % TRACE_ALPHABET.length]!;
      expect(parseTraceCode(code.slice(0, i) + other + code.slice(i + 1)).ok).toBe(false);
      if (i + 1 < code.length && code[i] !== code[i + 1]) {
        expect(parseTraceCode(code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2)).ok).toBe(false);
      }
    }));
    expect(traceCode(1)).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}$/);
    expect(parseTraceCode('O0I1L5').ok).toBe(false);
  });
});

describe('/质检 and 溯源', () => {
  it('a real order resolves to product, batch, checkpoints and delivery; a failed batch is withdrawn', async () => {
    clock = T0;
    h = await startHarness({ now });
    await h.say('团长', '/补货 确认 苹果 50');
    expect(apple()).toBe(250);
    expect((await h.say('团长', '/质检 苹果 1 中心仓复检 合格'))[0]!.text).toContain('请先记录工厂质检');
    expect((await h.say('团长', '/质检 苹果 1 工厂质检 合格'))[0]!.text).toContain('下一步：/质检 苹果 1 中心仓复检');
    expect((await h.say('团长', '/质检 苹果 第1批 工厂 合格'))[0]!.text).toContain('已经记录过');
    await h.say('团长', '/质检 苹果 1 复检 合格 抽检10箱');
    // Each bad input gets its own reason, as the only reply.
    const replies: [string, string[]][] = [];
    for (const bad of ["/质检 苹果 9 工厂质检 合格", "/质检 苹果 1 仓库 合格", "/质检 苹果 1 社区验收 还行", "/质检 榴莲 1 工厂质检 合格"]) replies.push([bad, (await h.say('团长', bad)).map((s) => s.text)]);
    expect(replies).toEqual([
      ["/质检 苹果 9 工厂质检 合格", ["苹果 没有「9」这一批，发送 /质检 苹果 查看批次"]],
      ["/质检 苹果 1 仓库 合格", ["环节请写 工厂质检、中心仓复检、社区验收 之一\n用法：/质检 商品 [批次 环节 合格|不合格 [备注]]"]],
      ["/质检 苹果 1 社区验收 还行", ["结果请写「合格」或「不合格」\n用法：/质检 商品 [批次 环节 合格|不合格 [备注]]"]],
      ["/质检 榴莲 1 工厂质检 合格", ["本小区没有「榴莲」这个商品"]],
    ]);
    expect(row<{ n: number }>('SELECT count(*) AS n FROM qc_checks').n).toBe(2);

    clock = T0 + 5 * MIN;
    await h.say('张姐', '苹果2斤，牛奶1瓶');
    const [, mine] = await h.say('张姐', '我的订单'); // privately
    const code = /苹果 ([23456789A-Z]{6})/.exec(mine!.text)![1]!;
    expect(mine!.text).toMatch(/溯源码：苹果 [A-Z0-9]{6}、牛奶 [A-Z0-9]{6}/);
    const pickup = row<{ c: string }>('SELECT pickup_code AS c FROM orders ORDER BY id DESC').c;
    clock = T0 + 60 * MIN;
    await h.say('团长', `/送达 ${pickup}`);

    const [trace] = await h.say('李叔', `溯源 ${code.toLowerCase()}`);
    expect(trace!.text).toContain(`溯源码 ${code}：苹果 2斤（水果）`);
    expect(trace!.text).toContain('订单 #1');
    expect(trace!.text).toContain('批次：第 1 批');
    expect(trace!.text).toContain('入社区前置仓');
    expect(trace!.text).toMatch(/工厂质检 ✅ 合格（[^）]+） → 中心仓复检 ✅ 合格（[^）]+，抽检10箱） → 社区验收 待检/);
    expect(trace!.text).toContain('配送：已送达');
    expect(trace!.text).not.toContain('张姐'); // nothing personal

    // A second batch arrives, an order takes from it, then it fails a checkpoint: the rest is withdrawn
    // and the other leader is told privately.
    await h.say('副团长', '大家好');
    upsertMember(h.store, { communityId: h.communityId, contactId: 't-副团长', nickname: '副团长', role: 'leader' }, h.app.now());
    h.app.directory.forgetMember(h.communityId, 't-副团长');
    clock = T0 + 70 * MIN;
    await h.say('团长', '/补货 确认 苹果 30');
    const beforeOrder = apple();
    clock = T0 + 75 * MIN;
    await h.say('王妈', '苹果3斤');
    clock = T0 + 76 * MIN;
    const [failed] = await h.say('团长', '/质检 苹果 2 工厂质检 不合格 有霉点');
    expect(failed!.text).toContain('这一批剩下的 27斤 已从库存下架');
    await h.settle();
    expect(h.sent.filter((m) => m.conversationId === 't-副团长' && m.text.startsWith('【品控】❌ 苹果 第 2 批 工厂质检 不合格'))).toHaveLength(1);
    // The leader who ran it gets only the list of affected orders (王妈's 3斤), privately.
    expect(h.sent.filter((m) => m.conversationId === 'demo-leader' && m.text.startsWith('【品控】')).map((m) => m.text))
      .toEqual([expect.stringMatching(/^【品控】苹果 第 2 批工厂质检不合格（有霉点），受影响订单 1 单，已私聊通知 1 位居民：\n· #\d+ 7-1102 王妈 3斤（待到货）$/)]);
    expect(apple()).toBe(beforeOrder - 3 - 27);
    expect((await h.say('团长', '/质检 苹果 2 中心仓复检 合格'))[0]!.text).toContain('已判不合格');
    const [, mine2] = await h.say('王妈', '我的订单');
    const code2 = /苹果 ([23456789A-Z]{6})/.exec(mine2!.text)![1]!;
    const [trace2] = await h.say('王妈', `溯源 ${code2}`);
    expect(trace2!.text).toContain('第 2 批');
    expect(trace2!.text).toContain('该批次质检不合格，已下架');
    expect(trace2!.text).toContain('工厂质检 ❌ 不合格');
    expect(trace2!.text).toContain('配送：待取货');
    // Ordered after the failure: from batch 1 again.
    clock = T0 + 80 * MIN;
    await h.say('小赵', '苹果1斤');
    const [, mine3] = await h.say('小赵', '我的订单');
    const [trace3] = await h.say('小赵', `溯源 ${/苹果 ([23456789A-Z]{6})/.exec(mine3!.text)![1]!}`);
    expect(trace3!.text).toContain('第 1 批');

    // Unknown, malformed, missing codes; another community cannot resolve ours.
    const unknown = traceCode(99_999);
    expect((await h.say('李叔', `溯源 ${unknown}`))[0]!.text).toContain(`本小区没有溯源码 ${unknown}`);
    const typo = code.slice(0, 5) + (code[5] === 'Z' ? 'Y' : 'Z');
    expect((await h.say('李叔', `溯源 ${typo}`))[0]!.text).toContain(`溯源码「${typo}」格式不对`);
    expect((await h.say('李叔', '溯源 AB'))[0]!.text).toContain('格式不对');
    expect((await h.say('李叔', '溯源'))[0]!.text).toContain('请发「溯源 溯源码」');
    const other = h.addCommunity('翠苑');
    const [foreign] = await h.say(other.leaderName, `溯源 ${code}`, other.roomTopic);
    expect(foreign!.text).toContain(`本小区没有溯源码 ${code}`);
    expect((await h.say(other.leaderName, '/质检 苹果 1 社区验收 合格', other.roomTopic))[0]!.text).toContain('没有「苹果」');
    expect((await h.say('张姐', '/质检 苹果 1 社区验收 合格'))[0]!.text).toContain('团长');
    expect(row<{ n: number }>(`SELECT count(*) AS n FROM qc_checks WHERE stage = '社区验收'`).n).toBe(0);
  });
});

describe('a failed batch', () => {
  it('tells each buyer of that batch privately and gives the leaders the list of affected orders', async () => {
    clock = T0;
    h = await startHarness({ now });
    const ids = (contactId: string) => h.sent.filter((m) => m.conversationId === contactId && m.text.startsWith('【品控提醒】')).map((m) => m.text);
    await h.say('张姐', '草莓1盒'); // from the stock before any batch: not affected
    clock = T0 + 10 * MIN;
    await h.say('团长', '/补货 确认 草莓 40');
    clock = T0 + 20 * MIN;
    await h.say('张姐', '草莓2盒');
    await h.say('李叔', '草莓1盒');
    await h.say('李叔', '草莓1盒，苹果1斤');
    await h.say('王妈', '草莓3盒');
    await h.say('王妈', '取消订单');
    const orderIds = (h.store.sqlite.prepare(`SELECT o.id, m.contact_id AS c FROM orders o JOIN members m ON m.id = o.member_id WHERE o.status != 'cancelled' ORDER BY o.id`).all() as { id: number; c: string }[]);
    const [, zhang, li1, li2] = orderIds.map((o) => o.id);
    clock = T0 + 30 * MIN;
    await h.say('团长', '/质检 草莓 1 工厂质检 合格');
    await h.say('团长', '/质检 草莓 1 中心仓复检 合格');
    const before = h.sent.length;
    const [failed] = await h.say('团长', '/质检 草莓 1 社区验收 不合格 发霉');
    expect(failed!.text).toContain('❌ 草莓 第 1 批 社区验收 不合格（发霉）：这一批剩下的 36盒 已从库存下架');
    expect(failed!.text).toContain('受影响订单 3 单，已私聊通知 2 位居民，订单名单已私聊发给团长');
    expect(failed!.text).not.toContain('李叔'); // no names in the reply

    const codes = h.store.sqlite.prepare(`SELECT id FROM order_items WHERE order_id IN (?, ?, ?) AND product_id = (SELECT id FROM products WHERE name = '草莓' AND community_id = ?) ORDER BY id`)
      .all(zhang, li1, li2, h.communityId) as { id: number }[];
    const [cz, cl1, cl2] = codes.map((c) => traceCode(c.id));
    expect(ids('demo-zhangjie')).toEqual([`【品控提醒】您买的草莓来自第 1 批，这一批社区验收不合格（发霉）：订单 #${zhang} 草莓 2盒（溯源码 ${cz}）。请先不要食用；团长会尽快联系您退款或换货，有疑问直接回复我。给您添麻烦了，非常抱歉`]);
    expect(ids('demo-lishu')).toEqual([expect.stringContaining(`：订单 #${li1} 草莓 1盒（溯源码 ${cl1}）、订单 #${li2} 草莓 1盒（溯源码 ${cl2}）。请先不要食用`)]);
    expect(ids('demo-wangma')).toEqual([]); // cancelled
    expect(h.sent.slice(before).filter((m) => m.conversationId === h.world.main.id).map((m) => m.text)).toEqual([failed!.text]);
    expect(h.sent.filter((m) => m.conversationId === 'demo-leader' && m.text.startsWith('【品控】')).map((m) => m.text)).toEqual([
      `【品控】草莓 第 1 批社区验收不合格（发霉），受影响订单 3 单，已私聊通知 2 位居民：\n· #${zhang} 3-501 张姐 2盒（待到货）\n· #${li1} 5栋302 李叔 1盒（待到货）\n· #${li2} 5栋302 李叔 1盒（待到货）`,
    ]);
    // Said once: the batch is rejected now, a repeat records nothing and tells no one again.
    await h.say('团长', '/质检 草莓 1 社区验收 不合格 发霉');
    expect(ids('demo-zhangjie')).toHaveLength(1);
  });
});
