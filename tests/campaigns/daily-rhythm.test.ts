// Daily rhythm: a reminder one hour before a session's cut-off (once), and the leaders' morning digest.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';
import { runDue } from '../../src/campaigns/scheduler/runs.js';
import { cutoffReminder } from '../../scenarios/cutoff-reminder.js';
import { morningDigest } from '../../scenarios/morning-digest.js';
import { setNow, fakeDate } from './helpers.js';

let h: Harness | undefined;
beforeEach(() => { vi.useFakeTimers({ toFake: ['Date'] }); });
afterEach(async () => { await h?.stop(); h = undefined; vi.useRealTimers(); });

const MAIN = 'demo-main@chatroom';
const FRESH = 'demo-fresh@chatroom';
const run = async (list: Parameters<typeof runDue>[1]) => { const n = h!.sent.length; const r = runDue(h!.app, list); await h!.settle(); return { r, out: h!.sent.slice(n) }; };

describe('daily rhythm', () => {
  it('reminds the session group one hour before its cut-off, once', async () => {
    setNow('2027-03-12T10:00');
    h = await startHarness({ now: fakeDate });
    const [opened] = await h.say('团长', '/开团 周五草莓团 20:00 草莓', '阳光小区生鲜群');
    expect(opened!.text).toContain('周五草莓团');
    await h.say('李叔', '草莓1盒', '阳光小区生鲜群');

    setNow('2027-03-12T18:55:10');
    expect((await run([cutoffReminder])).out.filter((s) => s.text.includes('截单提醒'))).toEqual([]);
    setNow('2027-03-12T19:00:10');
    const { out } = await run([cutoffReminder]);
    const reminders = out.filter((s) => s.text.startsWith('⏰【截单提醒】'));
    expect(reminders.map((s) => s.conversationId)).toEqual([FRESH]);
    expect(reminders[0]!.text).toContain('「周五草莓团」还有 1 小时截单（20:00），已有 1 位邻居下单');
    setNow('2027-03-12T19:05:10');
    expect((await run([cutoffReminder])).out).toEqual([]);
    const [list] = await h.say('团长', '/活动');
    expect(list!.text).toMatch(/截单提醒：.*\n.*下次检查 03-12 周五 19:10/);
  });

  it('sends each community its own morning digest privately at 08:00', async () => {
    setNow('2027-03-11T15:00');
    h = await startHarness({ now: fakeDate });
    const other = h.addCommunity('月亮湾');
    await h.say('张姐', '苹果2斤');
    await h.say('王妈', '牛奶1瓶');

    setNow('2027-03-12T07:59');
    expect((await run([morningDigest])).r.posted).toBe(0);
    setNow('2027-03-12T08:00:30');
    const { r, out } = await run([morningDigest]);
    expect(r.posted).toBe(2);
    const ours = out.find((s) => s.conversationId === 'demo-leader')!;
    expect(ours.text).toContain('03-12 团购早报（阳光小区）');
    expect(ours.text).toContain('昨日订单 2 单，2 人，合计 ¥18.50');
    expect(ours.text).toContain('在团：「阳光小区日常团购」');
    // The four watched figures over 02-10…03-11: no NPS answers; 李叔 and 小赵 of the 4 residents silent (2/4); the
    // two orders were yesterday, so no week before it to compare with.
    expect(ours.text).toContain('· 重点指标（近 30 天，到昨天）：\n  NPS 净推荐值 —（目标 ≥ 40）\n  沉默用户占比 50%（目标 ≤ 8%，未达标）\n  次周复购率 —\n  客单价波动 —');
    const theirs = out.find((s) => s.conversationId === other.leaderId)!;
    expect(theirs.text).toContain('昨日订单 0 单');
    expect(theirs.text).not.toContain('阳光小区');
    expect(out.some((s) => s.conversationId === MAIN)).toBe(false);
    expect((await run([morningDigest])).r.posted).toBe(0);
  });
});
