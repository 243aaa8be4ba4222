// 指标预警 through the mock puppet on the simulated clock: a watched figure that misses its seed target two days
// running gives the leader one private note, on the morning after the second day, and no more while it stays missed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeEach(async () => { h = await startHarness({ env: { CAMPAIGNS: '1' } }); });
afterEach(async () => { await h.stop(); });

const alerts = (texts: { conversationId: string; text: string }[]) => texts.filter((s) => s.text.startsWith('⚠️ 指标预警'));

describe('metric alerts', () => {
  it('notes a figure missed two days running once, privately', async () => {
    // 12-03 (the harness day): one NPS answer of 3 → NPS −100 (target ≥ 40); 3 of the 4 residents silent (≤ 8 %).
    await h.say('团长', '/推荐度');
    await h.say('张姐', '3分');
    // 12-04 08:00 looks at 12-03 only: one day missed.
    expect(alerts(await h.advanceTo('2026-12-04 09:00'))).toEqual([]);
    // 12-05 08:00: 12-04 and 12-03 missed, 12-02 (before anyone joined) had no figure.
    const second = alerts(await h.advanceTo('2026-12-05 09:00'));
    expect(second.map((s) => [s.conversationId, s.text])).toEqual([[
      'demo-leader',
      '⚠️ 指标预警（阳光小区）：以下指标连续两天未达目标（近 30 天口径，到 12-04）：\n'
        + '· NPS 净推荐值 -100（目标 ≥ 40，未达标）\n· 沉默用户占比 75%（目标 ≤ 8%，未达标）\n'
        + '发 /看板 看全部指标和趋势，/后台 看每项的定义。',
    ]]);
    // Still missed on the following days: no second note.
    expect(alerts(await h.advanceTo('2026-12-07 09:00'))).toEqual([]);
  }, 90_000);
});
