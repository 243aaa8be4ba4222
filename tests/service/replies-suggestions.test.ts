// The reply library (/话术, per community over the shipped defaults) and suggestions with their weekly digest.
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';
import { COMPLAINT_TYPES } from '../../src/service/complaint-replies.js';
import { suggestionDigest } from '../../src/service/suggestions.js';
import { runDue } from '../../src/campaigns/scheduler/runs.js';
import { scenarios } from '../../scenarios/index.js';
import { suggestionDigestScenario } from '../../scenarios/suggestion-digest.js';
import { nextFire } from '../../src/campaigns/scheduler/cron-time.js';

const LEADER = 'demo-leader';
let h: Harness;
afterEach(async () => { await h?.stop(); });
const rows = <T>(sql: string, ...args: unknown[]) => h.store.sqlite.prepare(sql).all(...args) as T[];

describe('reply library (紧急预案库)', () => {
  it('ships at least 10 distinct standard replies covering all 12 scenario types', () => {
    const shipped = JSON.parse(fs.readFileSync(new URL('../../data/complaint-replies.json', import.meta.url), 'utf8')) as Record<string, string>;
    expect(COMPLAINT_TYPES).toHaveLength(12);
    for (const t of COMPLAINT_TYPES) expect(shipped[t]?.trim(), t).toBeTruthy();
    expect(new Set(Object.values(shipped)).size).toBeGreaterThanOrEqual(10);
  });

  it('/话术 shows, edits and restores a reply; residents of that community only get the new one', async () => {
    h = await startHarness();
    const other = h.addCommunity('翠苑');
    const [all] = await h.say('团长', '/话术');
    for (const t of COMPLAINT_TYPES) expect(all!.text).toContain(`【${t}】`);
    const [one] = await h.say('团长', '/话术 配送延迟');
    expect(one!.text).toContain('已经在催配送');

    const [edit] = await h.say('团长', '/话术 配送延迟 抱歉久等！司机堵在路上了，预计半小时内送到');
    expect(edit!.text).toContain('已修改「配送延迟」');
    const [shown] = await h.say('团长', '/话术 配送延迟');
    expect(shown!.text).toContain('（已修改）抱歉久等！司机堵在路上了');

    const replies = await h.say('张姐', '配送太慢了，等了一上午还没送到');
    const ack = replies.find((r) => r.conversationId === h.world.main.id)!.text;
    expect(ack).toContain('司机堵在路上了');
    expect(ack).not.toContain('已经在催配送');
    // The other community keeps the shipped wording.
    const otherReplies = await h.say('邻居甲', '配送太慢了，等了一上午还没送到', other.roomTopic);
    const otherAck = otherReplies.find((r) => r.conversationId === `${'翠苑'}@chatroom`)!.text;
    expect(otherAck).toContain('已经在催配送');
    const [otherShown] = await h.say(other.leaderName, '/话术 配送延迟', other.roomTopic);
    expect(otherShown!.text).not.toContain('司机堵在路上了');

    const [reset] = await h.say('团长', '/话术 配送延迟 恢复默认');
    expect(reset!.text).toContain('已恢复默认');
    const back = await h.say('李叔', '送货太慢了吧');
    expect(back.find((r) => r.conversationId === h.world.main.id)!.text).toContain('已经在催配送');
  });

  it('refuses unknown types, too long replies and residents, writing nothing', async () => {
    h = await startHarness();
    const [unknown] = await h.say('团长', '/话术 天气 今天下雨');
    expect(unknown!.text).toContain('没有「天气」这个类型');
    const [long] = await h.say('团长', `/话术 破损 ${'很'.repeat(301)}`);
    expect(long!.text).toContain('太长了');
    const [resident] = await h.say('张姐', '/话术 破损 随便');
    expect(resident!.text).toContain('团长');
    expect(rows('SELECT * FROM complaint_reply_edits')).toHaveLength(0);
  });
});

describe('suggestions', () => {
  it('records and thanks a suggestion, and the weekly digest lists only the week\'s, per community', async () => {
    h = await startHarness();
    const at = (local: string) => Date.parse(`${local}:00+08:00`);
    let clock = at('2027-02-28T10:00'); // a Sunday
    h.app.now = () => clock;
    const other = h.addCommunity('翠苑');
    await h.say('王妈', '建议以后多进点榴莲');
    clock = at('2027-03-08T08:00'); // eight days later, the Monday morning: that one is old
    const thanks = await h.say('李叔', '建议开团时间早一点');
    expect(thanks.find((r) => r.conversationId === h.world.main.id)!.text).toContain('谢谢您的建议');
    await h.say('张姐', '建议多进点有机蔬菜');
    await h.say('邻居乙', '建议多进点海鲜', other.roomTopic);
    expect(rows('SELECT * FROM suggestions')).toHaveLength(4);
    // A re-delivered message is recorded once.
    await h.redeliver(h.lastMessageId());
    expect(rows('SELECT * FROM suggestions')).toHaveLength(4);

    const digest = suggestionDigest(h.store, h.communityId, '阳光小区', clock + 1)!;
    expect(digest).toContain('本周居民建议】共 2 条');
    expect(digest).toContain('5栋302 李叔：建议开团时间早一点');
    expect(digest).toContain('有机蔬菜');
    expect(digest).not.toContain('榴莲');
    expect(digest).not.toContain('海鲜');

    // Before 09:00 nothing goes out; at 09:00 each community's leaders get theirs, once (also when run again).
    expect(runDue(h.app, [suggestionDigestScenario], clock).posted).toBe(0);
    clock = at('2027-03-08T09:00') + 30_000;
    expect(runDue(h.app, [suggestionDigestScenario], clock).posted).toBe(2);
    expect(runDue(h.app, [suggestionDigestScenario], clock + 60_000).posted).toBe(0);
    h.app.notifyOutbox();
    await h.settle();
    const toLeader = h.sent.filter((s) => s.conversationId === LEADER && s.text.includes('本周居民建议'));
    expect(toLeader).toHaveLength(1);
    expect(toLeader[0]!.text).toContain('开团时间');
    const toOther = h.sent.filter((s) => s.conversationId === other.leaderId && s.text.includes('本周居民建议'));
    expect(toOther).toHaveLength(1);
    expect(toOther[0]!.text).toContain('海鲜');
    expect(toOther[0]!.text).not.toContain('开团时间');
    // Nothing new for a week: no digest.
    expect(suggestionDigest(h.store, h.communityId, '阳光小区', clock + 8 * 86_400_000)).toBeNull();
  });

  it('the digest is a scheduled script, Monday 09:00 in Shanghai', () => {
    expect(scenarios).toContain(suggestionDigestScenario);
    const next = nextFire(suggestionDigestScenario.schedule({} as never), Date.parse('2027-03-03T12:00:00+08:00'))!;
    expect(new Date(next).toISOString()).toBe('2027-03-08T01:00:00.000Z');
  });
});
