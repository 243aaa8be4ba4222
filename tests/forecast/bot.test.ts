// The forecast in the bot, through the mock puppet: five weeks of 苹果 at 2斤 a day, three days of 草莓. /补货 shows
// forecast days of cover and the next delivery, /开团 tells the leader the expected demand, the morning digest names
// tomorrow's top products; a product with under 4 weeks of history says so.
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';
import { runDue } from '../../src/campaigns/scheduler/runs.js';
import { morningDigest } from '../../scenarios/morning-digest.js';

const at = (s: string) => Date.parse(`${s}:00+08:00`);
const DAY = 86_400_000;
let h: Harness | undefined;
afterEach(async () => { await h?.stop(); h = undefined; });

describe('demand forecast in the bot', () => {
  it('/补货, /开团 and the digest show forecast figures', async () => {
    let clock = at('2026-10-01T09:00');
    h = await startHarness({ now: () => clock });
    const harness = h;
    await harness.say('团长', '/开团 长期团 2026-11-30 20:00 苹果 草莓');
    // 35 days, 10-01 … 11-04: 张姐 2斤 苹果 every morning; 草莓 on the last three days only.
    for (let d = 0; d < 35; d++) {
      clock = at('2026-10-01T10:00') + d * DAY;
      await harness.say('张姐', '苹果2斤');
      if (d >= 32) await harness.say('李叔', '草莓1盒');
    }
    clock = at('2026-11-05T09:00');
    await harness.say('团长', '/库存 苹果 10');
    const [overview] = await harness.say('团长', '/补货');
    const apple = overview!.text.match(/· 苹果 未来7天预计 ([\d.]+)斤 · 预测可用 ([\d.]+) 天 · 下次到货建议 (\d+)斤$/m);
    expect(apple, overview!.text).not.toBeNull();
    const week = Number(apple![1]);
    // A steady 2斤 a day: about 14斤 a week, so 10斤 last about 5 days; lead 2 + 7 days ≈ 18斤 minus the 10 in stock.
    expect(week).toBeGreaterThan(12);
    expect(week).toBeLessThan(16);
    expect(Number(apple![2])).toBeCloseTo(10 / (week / 7), 0);
    expect(Number(apple![3])).toBeGreaterThanOrEqual(6);
    expect(Number(apple![3])).toBeLessThanOrEqual(10);
    expect(overview!.text).toMatch(/· 草莓 未来7天预计 [\d.]+盒 · 预测可用 [\d.]+ 天 · 下次到货建议 \d+盒（历史只有 \d+ 天，不足 4 周，按近期平均）/);

    const opened = await harness.say('团长', '/开团 周末团 11-07 20:00 苹果');
    const note = opened.find((s) => s.text.startsWith('📈'))!;
    expect(note.conversationId).toBe('demo-leader');
    const expected = note.text.match(/^📈 本期预计需求（到截单的 3 天，按本小区的销量预测）：\n· 苹果 约 ([\d.]+)斤（现有 10斤）$/);
    expect(expected, note.text).not.toBeNull();
    expect(Number(expected![1])).toBeGreaterThan(4.5);
    expect(Number(expected![1])).toBeLessThan(7.5);

    clock = at('2026-11-06T08:00') + 30_000;
    const n = harness.sent.length;
    runDue(harness.app, [morningDigest]);
    await harness.settle();
    const digest = harness.sent.slice(n).find((s) => s.conversationId === 'demo-leader')!;
    // By expected value: 草莓 about 1盒 × ¥25 before 苹果 about 2斤 × ¥6.
    expect(digest.text).toMatch(/· 明天预计卖得多：草莓 [\d.]+盒（历史不足4周）、苹果 [\d.]+斤/);
  }, 120_000);
});
