// Quantities as integers (issue 12 items 5, 10) and per-community order numbers (item 17), through the mock puppet
// and the SQLite file.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeEach(async () => { h = await startHarness(); });
afterEach(async () => { await h.stop(); });

const row = <T>(sql: string, ...args: unknown[]) => h.store.sqlite.prepare(sql).get(...args) as T;
const stockMilli = (name: string) => row<{ s: number }>('SELECT stock_milli AS s FROM products WHERE name = ? AND community_id = ?', name, h.communityId).s;
const setStock = (name: string, milli: number) => {
  h.store.sqlite.prepare('UPDATE products SET stock_milli = ? WHERE name = ?').run(milli, name);
  h.app.catalogs.invalidate(h.communityId);
};

describe('stock in thousandths of the selling unit', () => {
  it('sells 0.3斤 as exactly three 1两 orders and nothing after', async () => {
    setStock('苹果', 300);
    for (const who of ['张姐', '李叔', '王妈']) {
      const [r] = await h.say(who, '苹果1两');
      expect(r!.text).toContain('苹果 0.1斤 ¥0.60');
    }
    expect(stockMilli('苹果')).toBe(0);
    expect(h.store.sqlite.prepare(`SELECT qty_milli AS q FROM order_items ORDER BY id`).all()).toEqual([{ q: 100 }, { q: 100 }, { q: 100 }]);
    const [r] = await h.say('赵姨', '苹果1两');
    expect(r!.text).toBe('抱歉，没有下单：苹果 已售罄');
  });
});

describe('partial stock', () => {
  it('says what is left and how to order it instead of "sold out"', async () => {
    setStock('苹果', 5000);
    const [r] = await h.say('张姐', '苹果6斤');
    expect(r!.text).toBe('抱歉，没有下单：苹果 只剩 5斤（您要 6斤），要的话请回复「苹果5斤」');
    expect(stockMilli('苹果')).toBe(5000);
    expect(row<{ n: number }>('SELECT count(*) AS n FROM orders').n).toBe(0);
    const [again] = await h.say('张姐', '苹果5斤');
    expect(again!.text).toContain('苹果 5斤 ¥30.00');
    expect(stockMilli('苹果')).toBe(0);
  });

  it('places the lines that can be placed and names every line that could not', async () => {
    setStock('草莓', 1000);
    setStock('鸡蛋', 0);
    const milk = stockMilli('牛奶');
    const [r] = await h.say('张姐', '苹果2斤，牛奶2瓶，草莓3盒，鸡蛋1盒');
    expect(r!.text).toContain('下单成功：苹果 2斤 ¥12.00；牛奶 2瓶 ¥13.00，合计 ¥25.00');
    expect(r!.text).toContain('未下单：草莓 只剩 1盒（您要 3盒），要的话请回复「草莓1盒」；鸡蛋 已售罄');
    expect(stockMilli('牛奶')).toBe(milk - 2000);
    expect(stockMilli('草莓')).toBe(1000);
    const items = h.store.sqlite.prepare(`SELECT p.name, i.qty_milli AS q, i.amount_fen AS a FROM order_items i JOIN products p ON p.id = i.product_id ORDER BY i.id`).all();
    expect(items).toEqual([{ name: '苹果', q: 2000, a: 1200 }, { name: '牛奶', q: 2000, a: 1300 }]);
    expect(row<{ t: number }>('SELECT total_fen AS t FROM orders').t).toBe(2500);
  });
});

describe('order numbers per community', () => {
  it('numbers each community\'s orders from 1, in the confirmation and in 我的订单', async () => {
    const other = h.addCommunity('翠苑');
    const [a] = await h.say('张姐', '苹果2斤');
    expect(a!.text).toContain('订单号 #1，');
    const [b] = await h.say('李叔', '草莓1盒');
    expect(b!.text).toContain('订单号 #2，');
    await h.say(other.leaderName, '/上架 苹果 6 斤 100', other.roomTopic);
    const [opened] = await h.say(other.leaderName, '/开团 翠苑水果团 明天20:00 苹果', other.roomTopic);
    expect(opened!.text).toContain('【开团】翠苑水果团');
    const [c] = await h.say('孙阿姨', '苹果3斤', other.roomTopic);
    expect(c!.text).toContain('订单号 #1，');
    const nos = h.store.sqlite.prepare('SELECT community_id AS c, order_no AS n FROM orders ORDER BY id').all();
    expect(nos).toEqual([{ c: h.communityId, n: 1 }, { c: h.communityId, n: 2 }, { c: other.communityId, n: 1 }]);
    const mine = await h.say('李叔', '我的订单');
    expect(mine.map((m) => m.text).join('\n')).toContain('#2');
    expect(mine.map((m) => m.text).join('\n')).not.toContain('#3');
  });
});

describe('units that do not convert are never an order (item 3)', () => {
  const orderRows = () => h.store.sqlite.prepare('SELECT count(*) AS n FROM orders').get();
  it.each([
    ['鸡蛋30个', '鸡蛋按盒卖，您要几盒？'],
    ['大米10斤', '大米按袋卖，您要几袋？'],
    ['两斤半草莓', '草莓按盒卖，您要几盒？'],
    ['草莓1.5盒', '草莓按盒卖，只能整盒订，您要几盒？'],
  ])('%s → asks, orders nothing', async (text, reply) => {
    const [r] = await h.say('张姐', text);
    expect(r!.text).toBe(reply);
    expect(orderRows()).toEqual({ n: 0 });
  });

  it('converts weight units and a declared pack, and says the pack in the confirmation', async () => {
    const [kg] = await h.say('张姐', '苹果1公斤');
    expect(kg!.text).toContain('苹果 2斤 ¥12.00');
    const [box] = await h.say('李叔', '来一箱牛奶');
    expect(box!.text).toContain('牛奶 12瓶（1箱） ¥78.00');
    const items = h.store.sqlite.prepare(`SELECT p.name, i.qty_milli AS q FROM order_items i JOIN products p ON p.id = i.product_id ORDER BY i.id`).all();
    expect(items).toEqual([{ name: '苹果', q: 2000 }, { name: '牛奶', q: 12000 }]);
  });

  it('/上架 sets a pack size that orders then use', async () => {
    const [listed] = await h.say('团长', '/上架 青团 22 个 100 1盒=6个');
    expect(listed!.text).toContain('包装：1盒=6个');
    expect(h.store.sqlite.prepare(`SELECT packs FROM products WHERE name = '青团'`).get()).toEqual({ packs: '{"盒":6}' });
    const [r] = await h.say('张姐', '青团2盒');
    expect(r!.text).toContain('青团 12个（2盒） ¥264.00');
  });
});

describe('absurd numbers (item 4)', () => {
  it.each([
    ['苹果1e9斤'], ['苹果 0.0001斤'], ['苹果 NaN斤'],
  ])('%s → asks for a real quantity, orders nothing', async (text) => {
    const [r] = await h.say('张姐', text);
    expect(r!.text).toBe('「苹果」的数量看起来不对，请写成正数，例如「苹果2斤」');
    expect(h.store.sqlite.prepare('SELECT count(*) AS n FROM orders').get()).toEqual({ n: 0 });
  });
});
