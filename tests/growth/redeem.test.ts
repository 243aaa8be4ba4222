// 积分兑换: catalog seeded on first use, coupons issued in one transaction, 免邮券 honoured on home delivery.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';
import { pointsBalance } from '../../src/growth/points.js';
import { matchRewards, rewardCatalog } from '../../src/growth/rewards.js';

let h: Harness;
beforeEach(async () => { h = await startHarness(); });
afterEach(async () => { await h.stop(); });

const rows = <T>(sql: string, ...args: unknown[]) => h.store.sqlite.prepare(sql).all(...args) as T[];
const memberId = (contactId: string) => rows<{ id: number }>('SELECT id FROM members WHERE contact_id = ?', contactId)[0]!.id;
const couponsOf = (id: number) => rows<{ id: number; kind: string; code: string; status: string; issued_at: number; expires_at: number; used_on_order_id: number | null; value_fen: number; source: string }>(
  'SELECT * FROM coupons WHERE member_id = ? ORDER BY id', id);
const stockOf = (name: string) => rows<{ stock: number }>('SELECT stock FROM rewards WHERE name = ?', name)[0]!.stock;

describe('兑换', () => {
  it('lists the catalog, refuses an unknown reward and a shortfall, issues a coupon with code and expiry', async () => {
    const zhang = memberId('demo-zhangjie');
    const [list] = await h.say('张姐', '兑换');
    expect(list!.text).toContain('可兑换的券（您当前积分 0 分）');
    expect(list!.text).toContain('物业费抵扣券（面值 ¥50.00）：500 积分');
    expect(list!.text).toContain('免邮券：100 积分');
    expect(list!.text).toContain('10元商品券');
    expect(rows('SELECT name FROM rewards WHERE community_id = ?', h.communityId)).toHaveLength(3);

    const [unknown] = await h.say('张姐', '兑换 火箭');
    expect(unknown!.text).toContain('没有找到「火箭」这个兑换项目');
    expect(unknown!.text).toContain('物业费抵扣券');

    // 物业费抵扣券 is an 活跃会员 benefit (data/tiers.json): two orders make 张姐 one.
    await h.say('张姐', '苹果2斤');
    await h.say('张姐', '香蕉1把');
    const [poor] = await h.say('张姐', '兑换 物业费券');
    expect(poor!.text).toContain('积分不足，暂时不能兑换物业费抵扣券：需要 500 分，您当前 0 分，还差 500 分');
    expect(couponsOf(zhang)).toEqual([]);

    await h.say('团长', '/积分 @张姐 +520 年度好邻居');
    const [ok, okPrivate] = await h.say('张姐', '我要兑换物业费券');
    expect(ok!.text).toContain('兑换成功：物业费抵扣券，面值 ¥50.00');
    expect(ok!.text).toContain('消耗 500 积分，剩余 20 分');
    const [c] = couponsOf(zhang);
    expect(c).toMatchObject({ kind: '物业费抵扣券', status: 'issued', value_fen: 5000, source: 'redeem' });
    expect(c!.code).toMatch(/^LT[A-Z2-9]{8}$/);
    expect(ok!.text).toContain('券号已私聊发给你');
    expect(okPrivate!.conversationId).toBe('demo-zhangjie');
    expect(okPrivate!.text).toContain(`券号 ${c!.code}`);
    expect(c!.expires_at - c!.issued_at).toBeGreaterThan(89 * 86_400_000);
    expect(c!.expires_at - c!.issued_at).toBeLessThan(91 * 86_400_000);
    expect(stockOf('物业费抵扣券')).toBe(99);
    expect(rows('SELECT delta, reason, ref FROM points_ledger WHERE member_id = ? AND reason = ?', zhang, 'redeem'))
      .toEqual([{ delta: -500, reason: 'redeem', ref: `coupon:${c!.code}` }]);
    expect(pointsBalance(h.store, zhang)).toBe(20);

    const [, mine] = await h.say('张姐', '我的券'); // privately
    expect(mine!.text).toContain(`物业费抵扣券 券号 ${c!.code}，面值 ¥50.00`);
  });

  it('two simultaneous redemptions with points for one: one coupon, one clear refusal', async () => {
    await h.say('团长', '/积分 @李叔 +100 帮忙分拣');
    const li = memberId('demo-lishu');
    const contact = h.world.people.get('李叔')!;
    const room = h.world.main;
    const before = h.bot.handled();
    const sentBefore = h.sent.length;
    contact.say('兑换 免邮券').to(room); // both before either is handled
    contact.say('兑换免邮券').to(room);
    await h.bot.whenHandled(before + 2);
    await h.settle();
    const replies = h.sent.slice(sentBefore).filter((s) => s.conversationId === room.id).map((s) => s.text);
    expect(replies.filter((t) => t.includes('兑换成功：免邮券'))).toHaveLength(1);
    expect(replies.filter((t) => t.includes('积分不足') && t.includes('还差 100 分'))).toHaveLength(1);
    expect(couponsOf(li)).toHaveLength(1);
    expect(pointsBalance(h.store, li)).toBe(0);
    expect(stockOf('免邮券')).toBe(499);
  });

  it('a 免邮券 is used on a home-delivery order, once, and the confirmation says so', async () => {
    await h.say('团长', '/积分 @王妈 +200 志愿者');
    const wang = memberId('demo-wangma');
    await h.say('王妈', '兑换 包邮券');
    await h.say('王妈', '兑换 免邮券');
    expect(couponsOf(wang).map((c) => c.kind)).toEqual(['免邮券', '免邮券']);

    const [pickup] = await h.say('王妈', '苹果2斤');
    expect(pickup!.text).not.toContain('免邮券');
    const [home] = await h.say('王妈', '苹果2斤 送货上门');
    expect(home!.text).toContain('下单成功');
    expect(home!.text).toContain('已使用免邮券，免配送费');
    const order = rows<{ id: number }>('SELECT id FROM orders WHERE member_id = ? ORDER BY id DESC', wang)[0]!;
    const [first, second] = couponsOf(wang);
    expect(first).toMatchObject({ status: 'used', used_on_order_id: order.id });
    expect(second).toMatchObject({ status: 'issued', used_on_order_id: null });

    await h.say('王妈', '香蕉1把 送到家');
    expect(couponsOf(wang).map((c) => c.status)).toEqual(['used', 'used']);
    const [none] = await h.say('王妈', '草莓1盒 配送到家');
    expect(none!.text).toContain('下单成功');
    expect(none!.text).not.toContain('免邮券');

    // An expired coupon is never used.
    h.store.sqlite.prepare(`INSERT INTO coupons (community_id, member_id, kind, name, code, source, status, issued_at, expires_at)
      VALUES (?, ?, '免邮券', '免邮券', 'LTEXPIRED1', 'redeem', 'issued', ?, ?)`).run(h.communityId, wang, h.app.now() - 40 * 86_400_000, h.app.now() - 1000);
    const [expired] = await h.say('王妈', '牛奶1瓶 送货上门');
    expect(expired!.text).not.toContain('免邮券');
    expect(rows('SELECT status FROM coupons WHERE code = ?', 'LTEXPIRED1')).toEqual([{ status: 'issued' }]);
  });

  it('matches rewards loosely by name and kind', () => {
    const catalog = rewardCatalog(h.store, h.communityId);
    const names = (t: string) => matchRewards(catalog, t).map((r) => r.name);
    expect(names('物业费券')).toEqual(['物业费抵扣券']);
    expect(names('物业费抵扣券一张')).toEqual(['物业费抵扣券']);
    expect(names('包邮')).toEqual(['免邮券']);
    expect(names('商品券')).toEqual(['10元商品券']);
    expect(names('10元券')).toEqual(['10元商品券']);
    expect(names('火箭')).toEqual([]);
  });
});
