// 爆款测试: three testing SKUs posted Monday 10:00 for three days; the interest rate (residents who ordered or
// asked ÷ residents active in the community's groups during the test) retires exactly the SKUs under 15 %.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';
import { runDue } from '../../src/campaigns/scheduler/runs.js';
import { flashResult, flashTest } from '../../scenarios/flash-test.js';
import { advance, rows, setNow, fakeDate } from './helpers.js';

let h: Harness | undefined;
beforeEach(() => { vi.useFakeTimers({ toFake: ['Date'] }); });
afterEach(async () => { await h?.stop(); h = undefined; vi.useRealTimers(); });

const MAIN = 'demo-main@chatroom';
const status = (name: string) => (h!.store.sqlite.prepare('SELECT status FROM products WHERE name = ?').get(name) as { status: string }).status;

describe('flash test', () => {
  it('posts three testing SKUs on Monday 10:00 and retires exactly those under 15 %', async () => {
    setNow('2027-03-07T15:00'); // Sunday
    h = await startHarness({ now: fakeDate });
    await h.say('团长', '/上架 榴莲 89 个 20');
    await h.say('团长', '/上架 山竹 39 斤 30');
    await h.say('团长', '/上架 芒果 15 斤 50');
    await h.say('团长', '/上架 杨桃 12 斤 50');
    const [marked] = await h.say('团长', '/测款 榴莲 山竹 芒果 杨桃');
    expect(marked!.text).toContain('设为测试中');
    await h.say('路人甲', '大家周末好'); // before the test: not counted

    setNow('2027-03-08T09:59');
    expect(runDue(h.app, [flashTest]).posted).toBe(0);
    setNow('2027-03-08T10:00:10');
    const start = h.sent.length;
    expect(runDue(h.app, [flashTest]).posted).toBe(1);
    await advance(h, 24 * 60 + 1); // past the next-day follow-up
    const post = h.sent.slice(start).find((s) => s.text.startsWith('⚡【爆款测试】'))!;
    expect(post.conversationId).toBe(MAIN);
    expect(post.text).toContain('3月8日—3月10日');
    // The three oldest testing SKUs; 杨桃 waits for next week.
    expect(post.text).toMatch(/榴莲 ¥89\.00\/个[\s\S]*山竹[\s\S]*芒果/);
    expect(post.text).not.toContain('杨桃');
    expect(h.sent.filter((s) => s.text.startsWith('⚡ 闪电测还剩两天'))).toHaveLength(1);

    // Tuesday: 20 residents active. 榴莲 3 interested (15 % → kept), 山竹 2 (10 %), 芒果 1 (5 %).
    const [order] = await h.say('张姐', '榴莲1个');
    expect(order!.text).toContain('下单成功');
    await h.say('李叔', '榴莲多少钱');
    await h.say('居民1', '榴莲多少钱');
    await h.say('居民1', '榴莲怎么卖'); // the same resident twice counts once
    await h.say('王妈', '山竹2斤');
    await h.say('小赵', '山竹1斤');
    await h.say('张姐', '芒果多少钱');
    for (let i = 2; i <= 16; i++) await h.say(`居民${i}`, '早上好');
    await h.say('团长', '榴莲多少钱'); // leaders count in neither part
    const [progress] = await h.say('团长', '/测款');
    expect(progress!.text).toContain('目前活跃居民 20 人');
    expect(progress!.text).toContain('榴莲：3 人感兴趣，兴趣率 15%');

    setNow('2027-03-10T09:30:10'); // Wednesday: still running
    expect(runDue(h.app, [flashResult]).posted).toBe(0);
    setNow('2027-03-11T08:00');
    await h.say('居民17', '榴莲还有吗'); // Thursday: after the test
    setNow('2027-03-11T09:30:10');
    const before = h.sent.length;
    expect(runDue(h.app, [flashResult]).posted).toBe(1);
    await h.settle();
    const result = h.sent.slice(before).find((s) => s.text.startsWith('📊【爆款测试结果】'))!;
    expect(result.conversationId).toBe('demo-leader'); // privately, to the leader
    expect(result.text).toContain('活跃的成员 20 人');
    expect(result.text).toContain('榴莲：3 人下单或询问，兴趣率 15% → 转正');
    expect(result.text).toContain('山竹：2 人下单或询问，兴趣率 10% → 淘汰');
    expect(result.text).toContain('芒果：1 人下单或询问，兴趣率 5% → 淘汰');
    expect(h.sent.slice(before).some((s) => s.conversationId === MAIN && s.text.includes('爆款测试结果'))).toBe(false);
    expect([status('榴莲'), status('山竹'), status('芒果'), status('杨桃')]).toEqual(['active', 'inactive', 'inactive', 'testing']);
    expect(rows(h, 'SELECT rate_pct AS rate, outcome FROM flash_test_skus ORDER BY product_id'))
      .toEqual([{ rate: 15, outcome: 'promoted' }, { rate: 10, outcome: 'retired' }, { rate: 5, outcome: 'retired' }]);
    expect(runDue(h.app, [flashResult]).posted).toBe(0);

    // Next Monday the remaining testing SKU gets its own test.
    setNow('2027-03-15T10:00:10');
    expect(runDue(h.app, [flashTest]).posted).toBe(1);
    expect(rows(h, `SELECT count(*) AS n FROM flash_tests WHERE status = 'running'`)).toEqual([{ n: 1 }]);
  }, 60_000);
});
