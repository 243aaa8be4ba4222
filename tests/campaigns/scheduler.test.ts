// The scheduler: scenarios post at their Shanghai time into the right groups, exactly once across restarts,
// catch up a fire missed while down only within the grace window, and stop when paused.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';
import { runDue } from '../../src/campaigns/scheduler/runs.js';
import { nextFire, previousFire } from '../../src/campaigns/scheduler/cron-time.js';
import { liveDay } from '../../scenarios/live-day.js';
import { loadConfig } from '../../src/config.js';
import { at, advance, rows, setNow, waitFor, fakeDate } from './helpers.js';
import { waitUntil } from '../helpers/wait.js';

let h: Harness | undefined;
beforeEach(() => { vi.useFakeTimers({ toFake: ['Date'] }); });
afterEach(async () => { await h?.stop(); h = undefined; vi.useRealTimers(); });

const MAIN = 'demo-main@chatroom';
const isLive = (t: string) => t.startsWith('📺【团长直播日】');

describe('scheduler', () => {
  it('reads cron patterns in Shanghai time', () => {
    // 2027-03-10 is a Wednesday.
    expect(previousFire('0 20 * * 3', at('2027-03-10T20:00:59'), 86_400_000)).toBe(at('2027-03-10T20:00'));
    expect(previousFire('0 20 * * 3', at('2027-03-10T19:59'), 86_400_000)).toBeNull();
    expect(nextFire('0 20 * * 3', at('2027-03-10T20:00'))).toBe(at('2027-03-17T20:00'));
  });

  it('fires on the day of month OR the weekday when a pattern names both, as cron does', () => {
    // 2027-03-28 is a Sunday: the next Monday (03-29) comes before the 1st (04-01, a Thursday).
    expect(nextFire('0 9 1 * 1', at('2027-03-28T12:00'))).toBe(at('2027-03-29T09:00'));
    expect(nextFire('0 9 1 * 1', at('2027-03-29T09:00'))).toBe(at('2027-04-01T09:00'));
    expect(previousFire('0 9 1 * 1', at('2027-04-01T09:30'), 86_400_000)).toBe(at('2027-04-01T09:00'));
    // A leap day is years away: nothing within the look-ahead, found when looking far enough.
    expect(nextFire('0 9 29 2 *', at('2027-03-01T00:00'))).toBeNull();
    expect(nextFire('0 9 29 2 *', at('2027-03-01T00:00'), 400 * 86_400_000)).toBe(at('2028-02-29T09:00'));
  });

  it('/活动 tells the next live day by the OR rule for a pattern with both a day of month and a weekday', async () => {
    h = await startHarness({ env: { CAMPAIGN_LIVE_DAY_CRON: '0 20 1 * 3' }, now: () => at('2027-03-28T12:00') });
    const [reply] = await h.sayPrivately('团长', '/活动');
    const lines = reply!.text.split('\n');
    const live = lines.findIndex((l) => l.startsWith('· 团长直播日'));
    expect(lines[live + 1]).toMatch(/^　下次检查 03-31 周三 20:00(；|$)/);
  });

  it('posts the live day at Wednesday 20:00 Shanghai into each community main group, once', async () => {
    setNow('2027-03-10T12:00');
    h = await startHarness({ now: fakeDate });
    const other = h.addCommunity('月亮湾');
    setNow('2027-03-10T19:59');
    expect(runDue(h.app, [liveDay]).posted).toBe(0);
    setNow('2027-03-10T20:00:20');
    expect(runDue(h.app, [liveDay]).posted).toBe(2);
    expect(runDue(h.app, [liveDay]).posted).toBe(0);
    await advance(h, 61);
    const posts = h.sent.filter((s) => isLive(s.text));
    expect(posts.map((p) => p.conversationId).sort()).toEqual([MAIN, `${'月亮湾'}@chatroom`].sort());
    const ours = posts.find((p) => p.conversationId === MAIN)!;
    expect(ours.text).toContain('20:00');
    expect(ours.text).toMatch(/草莓 ¥25\.00\/盒——.*爆品/);
    // Nothing in the function group; the follow-up went out an hour later, once, to each main group.
    expect(h.sent.some((s) => s.conversationId === 'demo-fresh@chatroom')).toBe(false);
    expect(h.sent.filter((s) => s.conversationId === MAIN && s.text.includes('直播日的好物'))).toHaveLength(1);
    expect(other.communityId).not.toBe(h.communityId);
  });

  it('a restart mid-period posts nothing twice; a missed fire is caught up within the grace window, else skipped', async () => {
    setNow('2027-03-10T20:00:30');
    h = await startHarness({ now: fakeDate, env: { CAMPAIGNS: '1' } });
    await waitFor(() => h!.sent.some((s) => isLive(s.text)));
    const dir = h.dir;
    await h.stop();
    // Restarted half an hour later, still within the live day's grace window: the post is not repeated.
    setNow('2027-03-10T20:30');
    h = await startHarness({ now: fakeDate, dir, seed: false, env: { CAMPAIGNS: '1' } });
    await advance(h, 35);
    expect(h.sent.filter((s) => isLive(s.text))).toHaveLength(0);
    expect(h.sent.filter((s) => s.text.includes('直播日的好物'))).toHaveLength(1); // the follow-up, once
    const keys = rows<{ n: number }>(h, `SELECT count(*) AS n FROM outbox WHERE dedup_key LIKE 'scenario:live_day:%'`)[0]!.n;
    expect(keys).toBe(2);
    await h.stop();

    // Down over the next Wednesday 20:00, back at 21:30: within two hours, so it is caught up.
    setNow('2027-03-17T21:30');
    h = await startHarness({ now: fakeDate, dir, seed: false, env: { CAMPAIGNS: '1' } });
    await waitFor(() => h!.sent.some((s) => isLive(s.text)));
    await h.stop();

    // Down over the one after, back at 23:00: too late for a "tonight" post, so it is skipped and recorded.
    setNow('2027-03-24T23:00');
    h = await startHarness({ now: fakeDate, dir, seed: false, env: { CAMPAIGNS: '1' } });
    // The start-up run records the missed fire; nothing is posted for it.
    await waitUntil(() => rows(h!, `SELECT 1 FROM scenario_runs WHERE scenario = 'live_day' AND period = '2027-03-24'`).length === 1, 'the skipped run');
    await h.settle();
    expect(h.sent.filter((s) => isLive(s.text))).toHaveLength(0);
    expect(rows<{ status: string; note: string }>(h, `SELECT status, note FROM scenario_runs WHERE scenario = 'live_day' AND period = '2027-03-24'`))
      .toEqual([{ status: 'skipped', note: 'missed' }]);
  });

  it('takes the live-day time from the environment', async () => {
    expect(() => loadConfig({ CAMPAIGN_LIVE_DAY_CRON: 'every friday' })).toThrow(/CAMPAIGN_LIVE_DAY_CRON/);
    setNow('2027-03-12T12:00'); // a Friday
    h = await startHarness({ now: fakeDate, env: { CAMPAIGN_LIVE_DAY_CRON: '30 19 * * 5' } });
    setNow('2027-03-12T19:29');
    expect(runDue(h.app, [liveDay]).posted).toBe(0);
    setNow('2027-03-12T19:30:05');
    expect(runDue(h.app, [liveDay]).posted).toBe(1);
    await advance(h, 61);
    expect(h.sent.filter((s) => isLive(s.text) && s.text.includes('今晚19:30'))).toHaveLength(1);
  });

  it('/活动 lists the next posts; a pause stops the scenario in that group only, until resumed', async () => {
    setNow('2027-03-10T12:00');
    h = await startHarness({ now: fakeDate });
    const other = h.addCommunity('月亮湾');
    const [list] = await h.say('团长', '/活动');
    expect(list!.text).toContain('团长直播日');
    expect(list!.text).toContain('03-10 周三 20:00');
    expect(list!.text).toMatch(/时令营销.*\n.*下一个：春分【春菜尝鲜】3月18日发布/);
    const [paused] = await h.say('团长', '/活动 暂停 团长直播日');
    expect(paused!.text).toContain('已暂停「团长直播日」');
    expect((await h.say('团长', '/活动'))[0]!.text).toContain('团长直播日（本群已暂停）');
    // A resident cannot pause anything.
    const [denied] = await h.say('张姐', '/活动 恢复 团长直播日');
    expect(denied!.text).not.toContain('已恢复');

    setNow('2027-03-10T20:00');
    runDue(h.app, [liveDay]);
    await advance(h, 61);
    expect(h.sent.filter((s) => isLive(s.text)).map((s) => s.conversationId)).toEqual([other.roomTopic.replace('团购群', '@chatroom')]);

    await h.say('团长', '/活动 恢复 团长直播日');
    setNow('2027-03-17T20:00');
    runDue(h.app, [liveDay]);
    await advance(h, 61);
    expect(h.sent.filter((s) => isLive(s.text) && s.conversationId === MAIN)).toHaveLength(1);
  });
});
