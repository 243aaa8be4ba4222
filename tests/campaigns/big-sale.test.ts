// 年度大促: 蓄水期 reserves 20 % of the stock for presale, 爆发期 releases it and opens the sale session,
// 返场期 and the end post their scripts; a paused scenario still switches its rules but posts nothing.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';
import { runDue } from '../../src/scheduler/runs.js';
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
