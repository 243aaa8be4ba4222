// 动态权限体系: 观察员 → 活跃会员 → 超级团长 follow the last 30 days of orders (and valid invites).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';
import { placeOrder } from '../../src/ordering/orders.js';
import { fulfilMember } from '../../src/ordering/fulfilment.js';
import { evaluateTier, evaluateTiers } from '../../src/growth/tiers.js';
import { levelOf, pointsBalance } from '../../src/growth/points.js';
import { upsertMember } from '../../src/growth/members.js';

let h: Harness;
beforeEach(async () => { h = await startHarness(); });
afterEach(async () => { await h.stop(); });

const DAY = 86_400_000;
const rows = <T>(sql: string, ...args: unknown[]) => h.store.sqlite.prepare(sql).all(...args) as T[];
const member = (contactId: string) => rows<{ id: number; tier: string; tier_changed_at: number | null }>(
  'SELECT id, tier, tier_changed_at FROM members WHERE contact_id = ?', contactId)[0]!;

describe('tiers from 60 days of history', () => {
  it('promotes and demotes as orders enter and leave the 30-day window; points and level follow the orders', async () => {
    const zhang = member('demo-zhangjie').id;
    const apple = rows<{ id: number; name: string; unit: string; price_fen: number }>(`SELECT id, name, unit, price_fen FROM products WHERE name = '苹果'`)[0]!;
    const t0 = h.app.now() - 60 * DAY;
    const at = (day: number) => t0 + day * DAY;
    let n = 0;
    /** A back-dated order of `jin` 斤 of apples on `day`, collected an hour later (points credited then). */
    const order = (day: number, jin: number) => {
      const r = placeOrder(h.store, {
        communityId: h.communityId, groupId: null, memberId: zhang, sourceMsgId: `history-${n++}`,
        lines: [{ product: { id: apple.id, name: apple.name, unit: apple.unit, priceFen: apple.price_fen }, qty: jin }],
      }, at(day));
      expect(r.ok).toBe(true);
      fulfilMember(h.store, h.communityId, zhang, 'picked_up', at(day) + 3600_000);
    };

    order(0, 2); // ¥12
    expect(evaluateTier(h.store, zhang, at(1))).toMatchObject({ from: '观察员', to: '观察员', changed: false });
    order(3, 2); // ¥12: 2 orders in 30 days
    expect(evaluateTier(h.store, zhang, at(3) + 1)).toMatchObject({ from: '观察员', to: '活跃会员', changed: true, direction: 'up' });
    expect(member('demo-zhangjie')).toMatchObject({ tier: '活跃会员', tier_changed_at: at(3) + 1 });
    // Day 35: both orders are more than 30 days old.
    expect(evaluateTier(h.store, zhang, at(35))).toMatchObject({ from: '活跃会员', to: '观察员', direction: 'down' });
    expect(member('demo-zhangjie').tier).toBe('观察员');

    for (let d = 36; d <= 43; d++) order(d, 11); // 8 orders of ¥66 = ¥528
    expect(evaluateTier(h.store, zhang, at(42) + 2 * 3600_000)).toMatchObject({ to: '活跃会员', stats: { orders: 7, amountFen: 7 * 6600 } });
    expect(evaluateTier(h.store, zhang, at(43) + 1)).toMatchObject({ from: '活跃会员', to: '超级团长', direction: 'up', stats: { orders: 8, amountFen: 52_800 } });
    // The nightly run for the community changes nothing on day 59.
    expect(evaluateTiers(h.store, h.communityId, at(59)).filter((c) => c.memberId === zhang)).toEqual([]);

    // Points: one per yuan of every collected order; 白银 at 552 lifetime points.
    expect(pointsBalance(h.store, zhang)).toBe(12 + 12 + 8 * 66);
    expect(levelOf(h.store, zhang)).toMatchObject({ earned: 552, level: { name: '白银', honor: '社区好邻居' }, next: { name: '黄金' }, toNext: 448 });

    // Now (day 60): 我的等级 through the bot, evaluated afresh.
    const [r] = await h.say('张姐', '我的等级');
    expect(r!.text).toContain('您当前的身份是【超级团长】（专属服务）');
    expect(r!.text).toContain('专属客服');
    expect(r!.text).toContain('社区健康讲座');
    expect(r!.text).toContain('近30天：下单 8 单，消费 ¥528.00');
    expect(r!.text).toContain('您已是最高身份');
    expect(r!.text).toContain('积分等级：白银');
    const [p] = await h.say('张姐', '我的积分');
    expect(p!.text).toContain('您当前积分 552 分');

    // Day 70: only days 41–43 are left (3 orders); day 80: none.
    expect(evaluateTiers(h.store, h.communityId, at(70))).toContainEqual(expect.objectContaining({ memberId: zhang, from: '超级团长', to: '活跃会员', direction: 'down' }));
    expect(evaluateTier(h.store, zhang, at(80))).toMatchObject({ to: '观察员', direction: 'down' });
    expect(member('demo-zhangjie')).toMatchObject({ tier: '观察员', tier_changed_at: at(80) });

    // Three valid invites make a 超级团长 without orders.
    for (let i = 0; i < 3; i++) {
      const invitee = upsertMember(h.store, { communityId: h.communityId, contactId: `invitee-${i}`, nickname: `邻居${i}` }, at(50));
      h.store.sqlite.prepare(`INSERT INTO invites (community_id, inviter_member_id, invitee_member_id, source, status, joined_at, valid_at)
        VALUES (?, ?, ?, 'event', ?, ?, ?)`).run(h.communityId, zhang, invitee.id, i < 2 ? 'valid' : 'pending', at(50), at(51));
    }
    expect(evaluateTier(h.store, zhang, at(80))).toMatchObject({ to: '观察员', changed: false, stats: { validInvites: 2 } });
    h.store.sqlite.prepare(`UPDATE invites SET status = 'valid'`).run();
    expect(evaluateTier(h.store, zhang, at(80))).toMatchObject({ to: '超级团长', direction: 'up', stats: { orders: 0, validInvites: 3 } });
  });
});

describe('tiers in chat', () => {
  it('我的等级 says exactly what is missing; the promoting order is congratulated; cancelled orders do not count', async () => {
    const [first] = await h.say('小赵', '我的等级');
    expect(first!.text).toContain('您当前的身份是【观察员】（基础服务）');
    expect(first!.text).toContain('近30天：下单 0 单，消费 ¥0.00');
    expect(first!.text).toContain('再下 2 单即可升级为活跃会员');

    const [o1] = await h.say('小赵', '苹果2斤');
    expect(o1!.text).toContain('下单成功');
    expect(o1!.text).not.toContain('恭喜');
    const [mid] = await h.say('小赵', '我是几级');
    expect(mid!.text).toContain('再下 1 单即可升级为活跃会员');

    const [o2] = await h.say('小赵', '香蕉1把');
    expect(o2!.text).toContain('下单成功');
    expect(o2!.text).toContain('🎉 恭喜升级为活跃会员（增值服务）！可享：优先配送');
    const row = rows<{ tier: string; tier_changed_at: number | null }>(`SELECT tier, tier_changed_at FROM members WHERE display_name LIKE '%小赵'`)[0]!;
    expect(row.tier).toBe('活跃会员');
    expect(row.tier_changed_at).toBeGreaterThan(h.app.now() - 60_000);

    const [next] = await h.say('小赵', '我的等级');
    expect(next!.text).toContain('【活跃会员】');
    expect(next!.text).toContain('再下 6 单且再消费 ¥479.00，或再邀请 3 位邻居入群并下单即可升级为超级团长');
    expect(next!.text).toContain('保级条件：近30天下单 2 单');

    // Cancelling takes the order back out of the count (the next evaluation demotes).
    await h.say('小赵', '取消订单');
    const [after] = await h.say('小赵', '我的等级');
    expect(after!.text).toContain('【观察员】');
    expect(after!.text).toContain('再下 2 单即可升级为活跃会员');
  });
});

describe('one table of tier rules and benefits', () => {
  it('a 观察员 cannot redeem the 物业费抵扣券 that is an 活跃会员 benefit; after the promotion they can', async () => {
    const zhao = rows<{ id: number }>(`SELECT id FROM members WHERE display_name LIKE '%小赵'`)[0]!.id;
    await h.say('团长', '/积分 @小赵 +600 志愿者');
    const [list] = await h.say('小赵', '兑换');
    expect(list!.text).toContain('· 物业费抵扣券（面值 ¥50.00）：500 积分，剩 100 张，有效期 90 天，活跃会员及以上可兑');
    expect(list!.text).toContain('· 免邮券：100 积分，剩 500 张，有效期 30 天\n');

    const [refused] = await h.say('小赵', '兑换 物业费券');
    expect(refused!.text).toBe('2-203 小赵，物业费抵扣券是活跃会员及以上的权益，您当前是观察员，再下 2 单即可升级为活跃会员（发送「我的等级」查看）。积分未扣除，当前 600 分');
    expect(rows('SELECT id FROM coupons WHERE member_id = ?', zhao)).toEqual([]);
    expect(rows<{ stock: number }>(`SELECT stock FROM rewards WHERE name = '物业费抵扣券'`)).toEqual([{ stock: 100 }]);
    expect(pointsBalance(h.store, zhao)).toBe(600);

    // 免邮券 is open to every tier.
    const [free] = await h.say('小赵', '兑换 免邮券');
    expect(free!.text).toContain('兑换成功：免邮券');

    await h.say('小赵', '苹果2斤');
    const [promoted] = await h.say('小赵', '香蕉1把');
    expect(promoted!.text).toContain('🎉 恭喜升级为活跃会员（增值服务）！可享：优先配送、1小时达（限配送范围内）、积分兑换物业费抵扣券');
    const [ok] = await h.say('小赵', '兑换 物业费券');
    expect(ok!.text).toContain('兑换成功：物业费抵扣券，面值 ¥50.00');
    expect(rows('SELECT kind, status FROM coupons WHERE member_id = ? ORDER BY id', zhao))
      .toEqual([{ kind: '免邮券', status: 'issued' }, { kind: '物业费抵扣券', status: 'issued' }]);

    // 我的等级 lists the inherited benefits from the same table.
    const [tier] = await h.say('小赵', '我的等级');
    expect(tier!.text).toContain('可享权益：群内下单、自提点取货、每消费1元积1分、社区团购通知、积分兑换免邮券、商品券、优先配送、1小时达（限配送范围内）、积分兑换物业费抵扣券');
    expect(tier!.text).toContain('（专属服务，新增：专属客服、社区健康讲座优先报名、新品优先试吃）');
  });
});
