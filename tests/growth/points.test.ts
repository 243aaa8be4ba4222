// 社区积分 → 等级 → 荣誉: /积分 by leaders (validated, never below zero), green points once, "我的积分".
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';
import { fulfilByCode } from '../../src/ordering/fulfilment.js';
import { levelFor, pointsBalance } from '../../src/growth/points.js';

let h: Harness;
beforeEach(async () => { h = await startHarness(); });
afterEach(async () => { await h.stop(); });

const rows = <T>(sql: string, ...args: unknown[]) => h.store.sqlite.prepare(sql).all(...args) as T[];
const memberId = (contactId: string) => rows<{ id: number }>('SELECT id FROM members WHERE contact_id = ?', contactId)[0]!.id;
const ledger = () => rows<{ member_id: number; delta: number; reason: string; ref: string | null; by_contact_id: string | null }>(
  'SELECT member_id, delta, reason, ref, by_contact_id FROM points_ledger ORDER BY id');

describe('/积分 (leaders adjust points by hand)', () => {
  it('is refused for residents', async () => {
    const [r] = await h.say('张姐', '/积分 @李叔 +100 帮忙');
    expect(r!.text).toContain('只有团长可以使用');
    expect(ledger()).toEqual([]);
  });

  it('validates N and the reason, records who granted it, never lets a balance go negative', async () => {
    const zhang = memberId('demo-zhangjie');
    const bad = ['+0 帮忙', '+10001 帮忙', '+1.5 帮忙', '+abc 帮忙', '++5 帮忙', '-0 错了'];
    for (const b of bad) {
      const [r] = await h.say('团长', `/积分 @张姐 ${b}`);
      expect(r!.text, b).toContain('1～10000 的整数');
    }
    const [noReason] = await h.say('团长', '/积分 @张姐 +20');
    expect(noReason!.text).toContain('请写明原因');
    const [noSign] = await h.say('团长', '/积分 @张姐 20');
    expect(noSign!.text).toContain('写 + 或 -');
    const [nobody] = await h.say('团长', '/积分 @不存在的人 +20 帮忙');
    expect(nobody!.text).toContain('没有找到');
    expect(ledger()).toEqual([]);

    const [ok] = await h.say('团长', '/积分 @张姐 +20 帮忙分拣');
    expect(ok!.text).toContain('已为 3-501 张姐 增加 20 积分（帮忙分拣），当前积分 20 分');
    expect(ledger()).toEqual([{ member_id: zhang, delta: 20, reason: 'adjust', ref: expect.stringContaining(':帮忙分拣'), by_contact_id: 'demo-leader' }]);

    const [tooMuch] = await h.say('团长', '/积分 @张姐 -30 扣多了');
    expect(tooMuch!.text).toContain('当前只有 20 分，积分不能扣成负数');
    expect(pointsBalance(h.store, zhang)).toBe(20);

    const [down] = await h.say('团长', '/积分 @张姐 -20 纠正');
    expect(down!.text).toContain('扣除 20 积分（纠正），当前积分 0 分');
    const [below] = await h.say('团长', '/积分 @张姐 -1 再扣');
    expect(below!.text).toContain('积分不能扣成负数');
    expect(ledger().map((l) => l.delta)).toEqual([20, -20]);
    expect(rows<{ s: number }>('SELECT min(s) AS s FROM (SELECT sum(delta) AS s FROM points_ledger GROUP BY member_id)')[0]!.s).toBe(0);

    // A re-delivered command counts once.
    await h.say('团长', '/积分 @张姐 +5 签到');
    await h.redeliver(h.lastMessageId());
    expect(pointsBalance(h.store, zhang)).toBe(5);

    const [look] = await h.say('团长', '/积分 @张姐');
    expect(look!.text).toContain('3-501 张姐 当前积分 5 分');
  });
});

describe('green points and 我的积分', () => {
  it('a bag-free order earns green points once, at pickup', async () => {
    const [placed] = await h.say('王妈', '苹果2斤 不要袋子');
    expect(placed!.text).toContain('下单成功');
    expect(placed!.text).toContain('绿色积分 5 分');
    const order = rows<{ id: number; code: string }>('SELECT id, pickup_code AS code FROM orders')[0]!;

    const [pick] = await h.say('团长', `/核销 ${order.code}`);
    expect(pick!.text).toContain('积分 +12');
    expect(pick!.text).toContain('绿色积分 +5');
    expect(pick!.text).toContain('当前积分 17 分');
    const [again] = await h.say('团长', `/核销 ${order.code}`);
    expect(again!.text).toContain('不能核销');
    fulfilByCode(h.store, h.communityId, order.code, 'picked_up', h.app.now()); // and straight through the service
    expect(ledger().filter((l) => l.reason === 'green')).toEqual([
      { member_id: memberId('demo-wangma'), delta: 5, reason: 'green', ref: `green:${order.id}`, by_contact_id: null },
    ]);

    // An ordinary order earns none.
    await h.say('王妈', '香蕉1把');
    const code2 = rows<{ code: string }>('SELECT pickup_code AS code FROM orders ORDER BY id DESC')[0]!.code;
    const [plain] = await h.say('团长', `/核销 ${code2}`);
    expect(plain!.text).not.toContain('绿色积分');
    expect(ledger().filter((l) => l.reason === 'green')).toHaveLength(1);
  });

  it('我的积分 gives balance, pending points, level, honor and the distance to the next level', async () => {
    const [none] = await h.say('李叔', '我的积分');
    expect(none!.text).toContain('您当前积分 0 分');
    expect(none!.text).toContain('积分等级：青铜 · 社区新邻居（累计获得 0 分），再获得 200 分升级为白银（社区好邻居）');

    await h.say('团长', '/积分 @李叔 +250 社区活动志愿者');
    await h.say('李叔', '苹果2斤');
    const [r] = await h.say('李叔', '我的积分');
    expect(r!.text).toContain('您当前积分 250 分，待入账 12 分');
    expect(r!.text).toContain('积分等级：白银 · 社区好邻居（累计获得 250 分），再获得 750 分升级为黄金');
  });

  it('levels follow lifetime earned points', () => {
    expect(levelFor(0).level.name).toBe('青铜');
    expect(levelFor(199)).toMatchObject({ level: { name: '青铜' }, next: { name: '白银' }, toNext: 1 });
    expect(levelFor(1000).level.name).toBe('黄金');
    expect(levelFor(99_999)).toMatchObject({ level: { name: '钻石', honor: '社区之星' }, next: null, toNext: 0 });
  });
});
