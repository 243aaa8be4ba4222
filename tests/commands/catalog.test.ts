// Catalog commands (/上架 /下架 /改价 /库存 /选品) through the mock puppet, checked in what the leader
// sees and in SQLite.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';
import { bindGroup } from '../../src/community/communities.js';
import { upsertMember } from '../../src/growth/members.js';
import { parsePriceFen, pyramid } from '../../src/catalog/catalog.js';

let h: Harness;
beforeEach(async () => { h = await startHarness(); });
afterEach(async () => { await h.stop(); });

interface Row { id: number; community_id: number; name: string; unit: string; price_fen: number; stock: number; reserved: number; tier: string; status: string; aliases: string }
const product = (name: string, communityId = h.communityId) => h.store.sqlite
  .prepare('SELECT *, stock_milli / 1000.0 AS stock, reserved_milli / 1000.0 AS reserved FROM products WHERE name = ? AND community_id = ?').get(name, communityId) as Row | undefined;
const productCount = () => (h.store.sqlite.prepare('SELECT count(*) AS n FROM products').get() as { n: number }).n;
const orderCount = () => (h.store.sqlite.prepare('SELECT count(*) AS n FROM orders').get() as { n: number }).n;
const leader = async (text: string, room?: string) => {
  const replies = await h.say('团长', text, room);
  expect(replies).toHaveLength(1);
  return replies[0]!.text;
};

describe('/上架', () => {
  it('lists a new product that residents can then ask about', async () => {
    const text = await leader('/上架 榴莲 ¥39.90 个 10 爆品 猫山王');
    expect(text).toContain('已上架：榴莲 ¥39.90/个，库存 10个，层级：爆品');
    expect(text).toContain('别名：猫山王');
    expect(product('榴莲')).toMatchObject({ price_fen: 3990, unit: '个', stock: 10, tier: '爆品', status: 'active', reserved: 0 });
    expect(JSON.parse(product('榴莲')!.aliases)).toEqual(['猫山王']);
    // The cached catalog was invalidated: the parser knows the new product at once.
    const [answer] = await h.say('张姐', '榴莲多少钱');
    expect(answer!.text).toContain('榴莲 ¥39.90/个');
    expect(await leader('/商品')).toContain('榴莲');
  });

  it('reads prices as yuan in every usual spelling, exactly in fen', async () => {
    const cases: [string, number][] = [['6', 600], ['6.5', 650], ['¥6.50', 650], ['￥0.99', 99], ['６.５', 650], ['12元', 1200], ['100000', 10_000_000]];
    for (const [i, [written, fen]] of cases.entries()) {
      const text = await leader(`/上架 测试品${i} ${written} 个 ５`);
      expect(text).toContain('已上架');
      expect(product(`测试品${i}`)).toMatchObject({ price_fen: fen, stock: 5, tier: '利润' });
    }
    expect(await leader('/上架 杨梅 28.8元/斤 30')).toContain('已上架：杨梅 ¥28.80/斤，库存 30斤');
    expect(product('杨梅')).toMatchObject({ price_fen: 2880, unit: '斤', stock: 30 });
    // Pure check of the parser's edge cases.
    expect(parsePriceFen('0.01')).toEqual({ ok: true, fen: 1 });
    expect(parsePriceFen('6.555')).toEqual({ ok: false, reason: 'unparsable' });
  });

  it('refuses a bad price, stock or a missing unit and writes nothing', async () => {
    const before = productCount();
    const cases: [string, string][] = [
      ['/上架 芒果 0 斤 10', '价格要大于 0'],
      ['/上架 芒果 -3 斤 10', '价格要大于 0'],
      ['/上架 芒果 六块 斤 10', '没看懂价格'],
      ['/上架 芒果 100000.01 斤 10', '太高'],
      ['/上架 芒果 999999 斤 10', '太高'],
      ['/上架 芒果 8 斤 -5', '库存「-5」不对'],
      ['/上架 芒果 8 斤 很多', '库存「很多」不对'],
      ['/上架 芒果 8 200', '缺少单位'],
      ['/上架 芒果 8 斤', '请写上库存'],
      ['/上架 芒果', '用法：/上架 名称 价格 单位 库存'],
      ['/上架', '用法：/上架'],
    ];
    for (const [cmd, expected] of cases) expect(await leader(cmd), cmd).toContain(expected);
    expect(productCount()).toBe(before);
    expect(product('芒果')).toBeUndefined();
  });

  it('updates an existing product, keeping its tier and aliases when not given', async () => {
    const text = await leader('/上架 苹果 6.8 斤 300');
    expect(text).toContain('已更新：苹果 ¥6.80/斤，库存 300斤，层级：利润');
    expect(text).toContain('价格 ¥6.00 → ¥6.80');
    expect(text).toContain('别名：红富士、红富士苹果');
    expect(product('苹果')).toMatchObject({ price_fen: 680, stock: 300, tier: '利润', status: 'active' });
    expect(JSON.parse(product('苹果')!.aliases)).toEqual(['红富士', '红富士苹果']);
  });

  it('refuses a name that is already another product\'s alias and skips taken aliases', async () => {
    expect(await leader('/上架 红富士 5 斤 10')).toContain('已经是「苹果」的别名');
    expect(product('红富士')).toBeUndefined();
    const text = await leader('/上架 蛇果 9 斤 10 体验 番茄 进口苹果');
    expect(text).toContain('别名「番茄」已被其他商品使用');
    expect(JSON.parse(product('蛇果')!.aliases)).toEqual(['进口苹果']);
    expect(product('蛇果')!.tier).toBe('体验');
  });

  it('is refused to a resident, who cannot change the catalog', async () => {
    const [r] = await h.say('张姐', '/上架 苹果 1 斤 9999');
    expect(r!.text).toContain('「/上架」只有团长可以使用');
    expect(product('苹果')).toMatchObject({ price_fen: 600, stock: 200 });
    const [s] = await h.say('李叔', '/库存 苹果 0');
    expect(s!.text).toContain('只有团长可以使用');
    expect(product('苹果')!.stock).toBe(200);
  });

  it('shows its usage in /帮助', async () => {
    const text = await leader('/帮助 上架');
    expect(text).toContain('用法：/上架 名称 价格 单位 库存 [引流|利润|爆品|体验] [1箱=12瓶…] [别名…]');
    expect(text).toContain('例如');
    expect(text).toContain('/listing');
  });
});

describe('/下架', () => {
  it('takes a product down: orders refuse it, /商品 hides it, /上架 brings it back', async () => {
    expect(await leader('/下架 苹果')).toContain('已下架「苹果」');
    expect(product('苹果')!.status).toBe('inactive');
    expect(await leader('/商品')).not.toContain('苹果');
    const [r] = await h.say('张姐', '苹果2斤');
    expect(r?.text ?? '').not.toContain('下单成功');
    expect(orderCount()).toBe(0);
    expect(await leader('/下架 苹果')).toContain('已经是下架状态');

    expect(await leader('/上架 苹果 7 斤 50')).toContain('已重新上架：苹果 ¥7.00/斤，库存 50斤，层级：利润');
    expect(product('苹果')).toMatchObject({ status: 'active', price_fen: 700, stock: 50 });
    expect(JSON.parse(product('苹果')!.aliases)).toEqual(['红富士', '红富士苹果']);
  });

  it('finds a product by its alias and explains an unknown name', async () => {
    expect(await leader('/下架 尿不湿')).toContain('已下架「纸尿裤」');
    expect(product('纸尿裤')!.status).toBe('inactive');
    expect(await leader('/下架 榴莲')).toContain('本小区没有「榴莲」这个商品');
    expect(await leader('/下架')).toContain('用法：/下架 名称');
  });
});

describe('/改价', () => {
  it('shows old → new and later orders pay the new price', async () => {
    expect(await leader('/改价 苹果 6.5')).toContain('已改价：苹果 ¥6.00 → ¥6.50/斤');
    expect(product('苹果')!.price_fen).toBe(650);
    const [r] = await h.say('张姐', '苹果2斤');
    expect(r!.text).toContain('¥13.00');
    const line = h.store.sqlite.prepare('SELECT unit_price_fen AS p, amount_fen AS a FROM order_items').get();
    expect(line).toEqual({ p: 650, a: 1300 });
  });

  it('refuses bad prices and unknown products without writing', async () => {
    expect(await leader('/改价 苹果 0')).toContain('价格要大于 0');
    expect(await leader('/改价 苹果 abc')).toContain('没看懂价格');
    expect(await leader('/改价 苹果 200000')).toContain('太高');
    expect(await leader('/改价 榴莲 5')).toContain('没有「榴莲」');
    expect(await leader('/改价 苹果')).toContain('用法：/改价 名称 价格');
    expect(await leader('/改价 苹果 ¥6.00')).toContain('价格没有变化');
    expect(product('苹果')!.price_fen).toBe(600);
  });
});

describe('/库存', () => {
  it('shows stock, reserve and sellable for all or one product', async () => {
    const all = await leader('/库存');
    expect(all).toContain('苹果　库存 200斤　预留 0斤　可售 200斤');
    expect(all).toContain('青团　库存 40盒');
    expect(await leader('/库存 草莓')).toBe('草莓　库存 60盒　预留 0盒　可售 60盒');
  });

  it('sets, adds and removes stock, never below 0', async () => {
    expect(await leader('/库存 苹果 50')).toContain('苹果 库存 200斤 → 50斤');
    expect(product('苹果')!.stock).toBe(50);
    expect(await leader('/库存 苹果 +20')).toContain('50斤 → 70斤（+20）');
    expect(await leader('/库存 苹果 －5')).toContain('70斤 → 65斤（-5）');
    expect(product('苹果')!.stock).toBe(65);
    expect(await leader('/库存 苹果 -100')).toContain('不能减到 0 以下');
    expect(await leader('/库存 苹果 -1.5')).toContain('65斤 → 63.5斤');
    expect(await leader('/库存 苹果 很多')).toContain('库存「很多」不对');
    expect(await leader('/库存 苹果 +0')).toContain('请写正数');
    expect(product('苹果')!.stock).toBe(63.5);
    expect(await leader('/库存 榴莲 5')).toContain('没有「榴莲」');
  });

  it('holds back a share for presale that ordinary orders cannot take, and clears it', async () => {
    expect(await leader('/库存 草莓 预留 20%')).toContain('草莓 预留 12盒（库存的 20%）给预售');
    expect(product('草莓')).toMatchObject({ stock: 60, reserved: 12 });
    expect(await leader('/库存 草莓')).toBe('草莓　库存 60盒　预留 12盒　可售 48盒');
    const [tooMuch] = await h.say('张姐', '草莓50盒');
    expect(tooMuch!.text).not.toContain('下单成功');
    expect(product('草莓')!.stock).toBe(60);
    // Selling out also alerts the leader privately (库存预警): the resident's reply is the one in the group.
    const [ok] = (await h.say('张姐', '草莓48盒')).filter((s) => s.conversationId === h.world.main.id);
    expect(ok!.text).toContain('下单成功');
    expect(product('草莓')).toMatchObject({ stock: 12, reserved: 12 });
    // Lowering the stock below the reserve lowers the reserve with it.
    expect(await leader('/库存 草莓 10')).toContain('预留随库存调整为 10盒');
    expect(product('草莓')).toMatchObject({ stock: 10, reserved: 10 });
    expect(await leader('/库存 草莓 预留 150%')).toContain('最多 100%');
    expect(await leader('/库存 草莓 预留 11')).toContain('预留不能超过库存');
    expect(await leader('/库存 草莓 预留0')).toContain('已取消 草莓 的预售预留');
    expect(product('草莓')).toMatchObject({ stock: 10, reserved: 0 });
  });
});

describe('/选品', () => {
  it('reports the value pyramid of the demo catalog', async () => {
    const text = await leader('/选品');
    expect(text).toContain('在售 10 款');
    expect(text).toContain('引流（低价拉人气）1 款 10%，目标 5%：香蕉');
    expect(text).toContain('利润偏少：现在 50%，目标 60%，建议再选 1 款');
    expect(text).not.toContain('爆品偏');
  });

  it('names the imbalance after tiers change', async () => {
    await leader('/上架 鸡蛋 18 盒 100 利润');
    await leader('/上架 青团 22 盒 40 利润');
    const text = await leader('/选品');
    expect(text).toContain('爆品偏少：现在 10%，目标 30%，建议再选 2 款');
    expect(text).toContain('利润偏多：现在 70%，目标 60%，建议减少 1 款');
  });

  it('computes shares and targets as plain numbers', () => {
    const tiers = (...t: string[]) => t.map((tier) => ({ tier: tier as '利润' }));
    const r = pyramid(tiers('引流', '利润', '利润', '利润', '利润', '利润', '利润', '爆品', '爆品', '爆品', '体验', '利润', '利润', '爆品', '利润', '利润', '爆品', '利润', '利润', '体验'));
    expect(r.total).toBe(20);
    expect(r.tiers.map((t) => [t.tier, t.count, t.percent, t.gap])).toEqual([['引流', 1, 5, 0], ['利润', 12, 60, 0], ['爆品', 5, 25, 1], ['体验', 2, 10, -1]]);
    expect(pyramid([]).tiers.every((t) => t.count === 0 && t.gap === 0)).toBe(true);
  });
});

describe('communities are separate', () => {
  it('a leader of another community never sees or changes 阳光小区 products', async () => {
    const room = h.world.mocker.createRoom({ id: 'lv@chatroom', topic: '绿城团购群', memberIdList: [h.world.botUser.id] });
    h.world.rooms.push(room);
    const bound = bindGroup(h.store, { roomId: 'lv@chatroom', topic: '绿城团购群', communityName: '绿城', kind: 'main' }, h.app.now());
    expect(bound.ok).toBe(true);
    const lv = bound.ok ? bound.community.id : 0;
    // 李叔 leads 绿城 (and is only a resident in 阳光小区).
    upsertMember(h.store, { communityId: lv, contactId: 'demo-lishu', nickname: '李叔', role: 'leader' }, h.app.now());
    const lishu = async (text: string) => (await h.say('李叔', text, '绿城团购群'))[0]!.text;

    expect(await lishu('/库存')).toContain('本小区还没有商品');
    expect(await lishu('/库存 苹果')).toContain('没有「苹果」');
    expect(await lishu('/下架 苹果')).toContain('没有「苹果」');
    expect(await lishu('/改价 苹果 1')).toContain('没有「苹果」');
    expect(await lishu('/库存 苹果 0')).toContain('没有「苹果」');
    expect(await lishu('/选品')).toContain('还没有在售商品');
    expect(product('苹果')).toMatchObject({ status: 'active', price_fen: 600, stock: 200 });

    // The same name in 绿城 is a product of its own.
    expect(await lishu('/上架 苹果 3 斤 10')).toContain('已上架：苹果 ¥3.00/斤');
    expect(await lishu('/上架 榴莲 30 个 5 爆品')).toContain('已上架');
    expect(product('苹果', lv)).toMatchObject({ price_fen: 300, stock: 10 });
    expect(product('苹果')).toMatchObject({ price_fen: 600, stock: 200 });
    expect(await lishu('/库存')).not.toContain('香蕉');

    // 阳光小区's leader sees none of it, and is a resident in 绿城.
    const mine = await leader('/库存');
    expect(mine).not.toContain('榴莲');
    expect(mine).toContain('苹果　库存 200斤');
    expect(await leader('/改价 榴莲 1')).toContain('没有「榴莲」');
    expect(await leader('/下架 苹果', '绿城团购群')).toContain('只有团长可以使用');
    expect(product('苹果', lv)!.status).toBe('active');
    // And 李叔 is only a resident in 阳光小区.
    const [denied] = await h.say('李叔', '/下架 苹果');
    expect(denied!.text).toContain('只有团长可以使用');
    expect(product('苹果')!.status).toBe('active');
  });
});
