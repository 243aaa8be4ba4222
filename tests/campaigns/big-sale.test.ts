// 年度大促: 蓄水期 reserves 20 % of the stock for presale, 爆发期 releases it and opens the sale session,
// 返场期 and the end post their scripts; a paused scenario still switches its rules but posts nothing.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';
import { runDue } from '../../src/campaigns/scheduler/runs.js';
import { bigSale } from '../../scenarios/big-sale.js';
import { rows, setNow, fakeDate } from './helpers.js';

let h: Harness | undefined;
beforeEach(() => { vi.useFakeTimers({ toFake: ['Date'] }); });
afterEach(async () => { await h?.stop(); h = undefined; vi.useRealTimers(); });

const MAIN = 'demo-main@chatroom';
const stock = (name: string) => h!.store.sqlite.prepare('SELECT stock_milli / 1000.0 AS stock, reserved_milli / 1000.0 AS reserved FROM products WHERE name = ?').get(name);
const tick = async () => { const n = h!.sent.length; const r = runDue(h!.app, [bigSale]); await h!.settle(); return { r, out: h!.sent.slice(n) }; };

describe('big sale', () => {
  it('switches phases on their dates: presale reserve 20 %, burst releases it, encore, end', async () => {
    setNow('2027-10-30T10:00');
    h = await startHarness({ now: fakeDate });
    const [bad] = await h.say('团长', '/大促 创建 双11 2027-11-11 2027-11-01 2027-11-12 2027-11-14 草莓');
    expect(bad!.text).toContain('日期顺序');
    const [created] = await h.say('团长', '/大促 创建 双11 11-01 11-11 11-12 11-14 草莓 苹果');
    expect(created!.text).toContain('已创建大促「双11」');
    expect(created!.text).toContain('11-01 09:00');
    expect((await tick()).out).toEqual([]);

    setNow('2027-11-01T09:00:10');
    const presale = await tick();
    expect(presale.out.map((s) => s.conversationId)).toEqual([MAIN]);
    expect(presale.out[0]!.text).toContain('【双11·蓄水期】');
    expect(stock('草莓')).toEqual({ stock: 60, reserved: 12 });
    expect(stock('苹果')).toEqual({ stock: 200, reserved: 40 });
    // Ordinary orders cannot take the presale reserve.
    const [soldOut] = await h.say('张姐', '草莓49盒');
    expect(soldOut!.text).not.toContain('下单成功');
    const [inStock] = await h.say('团长', '/库存 草莓');
    expect(inStock!.text).toContain('预留 12盒');
    expect((await tick()).out).toEqual([]); // once per phase

    // Paused: no post, but the burst still releases the reserve and opens the sale session.
    await h.say('团长', '/活动 暂停 年度大促');
    setNow('2027-11-11T09:00:10');
    expect((await tick()).out).toEqual([]);
    expect(stock('草莓')).toEqual({ stock: 60, reserved: 0 });
    expect(rows(h, `SELECT title FROM sessions WHERE status = 'open' AND title = '双11大促'`)).toHaveLength(1);
    const [order] = await h.say('张姐', '草莓49盒');
    expect(order!.text).toContain('下单成功');
    await h.say('团长', '/活动 恢复 年度大促');

    setNow('2027-11-12T09:00:10');
    const encore = await tick();
    expect(encore.out).toHaveLength(1);
    expect(encore.out[0]!.text).toMatch(/^🔁【双11·返场期】/);
    const [list] = await h.say('团长', '/大促');
    expect(list!.text).toContain('「双11」返场期');

    setNow('2027-11-14T22:00:10');
    const over = await tick();
    expect(over.out.some((s) => s.text.startsWith('🙏【双11】圆满结束'))).toBe(true);
    expect(rows(h, `SELECT phase FROM big_sales`)).toEqual([{ phase: 'over' }]);
  }, 60_000);

  it('「想要+草莓」 in the 蓄水期 is a presale order from the reserve, confirmed as presale; ordinary orders cannot take the reserve', async () => {
    setNow('2027-10-30T10:00');
    h = await startHarness({ now: fakeDate });
    await h.say('团长', '/大促 创建 双11 11-01 11-11 11-12 11-14 草莓');
    setNow('2027-11-01T09:00:10');
    const presale = await tick();
    expect(presale.out[0]!.text).toContain('回复「想要+商品」');
    expect(stock('草莓')).toEqual({ stock: 60, reserved: 12 });

    const [one] = await h.say('张姐', '想要+草莓');
    expect(one!.text).toMatch(/^✅ 3-501 张姐 预售下单成功（「双11」蓄水期，从预售预留里给您留好了）：草莓 1盒 ¥25\.00，合计 ¥25\.00（订单号 #(\d+)）。11-11 09:00 开抢后优先安排/);
    expect(stock('草莓')).toEqual({ stock: 59, reserved: 11 });
    const order = rows(h, `SELECT o.id, o.status, o.total_fen AS total, i.qty_milli / 1000.0 AS qty FROM orders o JOIN order_items i ON i.order_id = o.id`);
    expect(order).toEqual([{ id: expect.any(Number), status: 'placed', total: 2500, qty: 1 }]);
    expect(rows(h, 'SELECT order_id AS orderId, sale_id AS saleId FROM presale_orders'))
      .toEqual([{ orderId: (order[0] as { id: number }).id, saleId: (rows(h, 'SELECT id FROM big_sales')[0] as { id: number }).id }]);

    const [more] = await h.say('李叔', '想要＋草莓11盒');
    expect(more!.text).toContain('预售下单成功');
    expect(more!.text).toContain('草莓 11盒 ¥275.00');
    expect(stock('草莓')).toEqual({ stock: 48, reserved: 0 });
    const [out] = await h.say('王妈', '想要+草莓');
    expect(out!.text).toBe('抱歉，「双11」给草莓的预售预留已经订完了，没有下单。11-11 09:00 正式开抢时还能下单～');
    const [notInSale] = await h.say('王妈', '想要+苹果');
    expect(notInSale!.text).toBe('「苹果」不在「双11」的预售商品里，预售商品：草莓');
    expect(rows(h, 'SELECT id FROM orders')).toHaveLength(2);
    expect(stock('草莓')).toEqual({ stock: 48, reserved: 0 });

    // The burst opens the sale session: the presale orders are part of it.
    setNow('2027-11-11T09:00:10');
    await tick();
    const session = rows(h, `SELECT id FROM sessions WHERE title = '双11大促'`) as { id: number }[];
    expect(rows(h, 'SELECT session_id AS s FROM orders ORDER BY id')).toEqual([{ s: session[0]!.id }, { s: session[0]!.id }]);
  });

  it('created during a phase posts that phase at once, in the leader group', async () => {
    setNow('2027-11-02T15:00');
    h = await startHarness({ now: fakeDate });
    const out = await h.say('团长', '/大促 创建 年货节 11-01 11-20 11-25 11-30 大米');
    expect(out).toHaveLength(2);
    expect(out[0]!.text).toMatch(/^已创建大促「年货节」：蓄水 11-01 09:00/);
    expect(out[1]!.text).toMatch(/^🎉【年货节·蓄水期】/);
    expect(out[1]!.conversationId).toBe(MAIN);
    expect(stock('大米')).toEqual({ stock: 40, reserved: 8 });
    expect((await tick()).out).toEqual([]);
  });
});
