// The other settings wired to experiments, each read in the group where it acts (src/experiments/arms.ts): the
// cut-off reminder's lead time, the live-day reminder on/off, the flash test's days (the main group's arm: the test
// runs there) and the invite ladder (the invitee's group). Times are relative to the test clock.
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';
import { waitUntil } from '../helpers/wait.js';
import { shanghaiClock, shanghaiDay, startOfShanghaiDay } from '../../src/time.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const MAIN = '阳光小区团购群';
const FRESH = '阳光小区生鲜群';

let h: Harness;
afterEach(async () => { await h?.stop(); });
const line = (ms: number) => `${shanghaiDay(ms)} ${shanghaiClock(ms).slice(6)}`;
const rows = <T>(sql: string, ...args: unknown[]) => h.store.sqlite.prepare(sql).all(...args) as T[];
const texts = (sent: { text: string }[]) => sent.map((s) => s.text).join('\n');
const armsByTopic = (strategy: string) => new Map(rows<{ topic: string; arm: string }>(`SELECT gr.topic, g.arm FROM experiment_groups g
  JOIN experiments e ON e.id = g.experiment_id JOIN groups gr ON gr.id = g.group_id WHERE e.strategy = ? AND e.status = 'running'`, strategy).map((r) => [r.topic, r.arm]));
const roomOf = (topic: string) => h.world.rooms.find((r) => r.payload.topic === topic)!.id;

describe('experiment arms at their points of use', () => {
  it('reminder lead time, live-day reminder and flash-test days follow each group\'s arm', async () => {
    h = await startHarness({ env: { CAMPAIGNS: '1' } });
    const today = startOfShanghaiDay(h.app.now());
    const weekday = new Date(today + 8 * HOUR).getUTCDay();
    const wednesday = today + (((3 - weekday + 7) % 7) || 7) * DAY; // the next Wednesday after today
    const monday = today + (((1 - weekday + 7) % 7) || 7) * DAY;
    await h.say('团长', '/截单 阳光小区日常团购');
    for (const name of ['提醒提前量', '直播日提醒', '爆款测试天数', '开团文案']) expect(texts(await h.say('团长', `/实验 开始 ${name}`))).toContain('已开始');
    const lead = armsByTopic('提醒提前量');
    const live = armsByTopic('直播日提醒');
    const days = armsByTopic('爆款测试天数');
    const notice = armsByTopic('开团文案');
    const notices = new Map([
      [MAIN, texts(await h.say('团长', '/开团 主群苹果团 明天20:00 苹果', MAIN))],
      [FRESH, texts(await h.say('团长', '/开团 生鲜香蕉团 明天20:00 香蕉', FRESH))],
    ]);
    // 开团文案: A版 lists the products first, B版 leads with the cut-off.
    for (const [topic, text] of notices) {
      if (notice.get(topic) === 'A版') expect(text).toMatch(/^🛒【开团】.*\n商品：/);
      else expect(text).toMatch(/^⏰ \d\d-\d\d 20:00 截单｜🛒【开团】/);
    }
    await h.say('团长', '/测款 青团');

    await h.advanceTo(line(wednesday + 20 * HOUR + 30 * MIN));
    const sends = rows<{ conversation_id: string; dedup_key: string; sent_at: number; body: string }>(`SELECT conversation_id, dedup_key, sent_at, body FROM outbox
      WHERE dedup_key LIKE 'scenario:cutoff_reminder:%' OR dedup_key LIKE 'scenario:live_day:%:0:0' ORDER BY id`);
    for (const topic of [MAIN, FRESH]) {
      const reminders = sends.filter((s) => s.conversation_id === roomOf(topic) && s.dedup_key.startsWith('scenario:cutoff_reminder:'));
      expect(reminders.map((r) => r.sent_at)).toEqual([today + DAY + 20 * HOUR - (lead.get(topic) === '2小时' ? 2 : 1) * HOUR]);
      const livePosts = sends.filter((s) => s.conversation_id === roomOf(topic) && s.dedup_key.startsWith('scenario:live_day:'));
      expect(livePosts.map((p) => p.sent_at)).toEqual(live.get(topic) === '提醒' ? [wednesday + 20 * HOUR] : []);
    }
    // Both groups are exposed to their live-day arm, the one without a post too.
    expect(new Map(rows<{ topic: string; arm: string; shown: string }>(`SELECT gr.topic, x.arm, x.shown FROM exposures x JOIN experiments e ON e.id = x.experiment_id
      JOIN groups gr ON gr.id = x.group_id WHERE e.strategy = '直播日提醒'`).map((r) => [r.topic, [r.arm, r.shown]])))
      .toEqual(new Map([...live].map(([t, a]) => [t, [a, a === '提醒' ? '团长直播日：发提醒' : '团长直播日：不发提醒']])));
    // The flash test ran in the main group for its arm's days.
    const [test] = rows<{ starts_at: number; ends_at: number }>('SELECT starts_at, ends_at FROM flash_tests');
    expect(test).toEqual({ starts_at: monday, ends_at: monday + (days.get(MAIN) === '5天' ? 5 : 3) * DAY });
  }, 60_000);

  it('an invite earns by the ladder of the group the invitee joined', async () => {
    h = await startHarness();
    await h.say('张姐', '早上好');
    await h.say('李叔', '早', FRESH);
    expect(texts(await h.say('团长', '/实验 开始 邀请梯度'))).toContain('已开始');
    const ladder = armsByTopic('邀请梯度');
    // One invitee per group, each brought in by a resident, each ordering once: the first valid invite.
    const results = new Map<string, string>();
    for (const [topic, inviter, invitee] of [[MAIN, '张姐', '小周'], [FRESH, '李叔', '小吴']] as const) {
      const c = h.world.mocker.createContact({ id: `t-${invitee}`, name: invitee });
      h.world.people.set(invitee, c);
      h.world.rooms.find((r) => r.payload.topic === topic)!.add(c).by(h.world.people.get(inviter)!);
      await waitUntil(() => rows(`SELECT 1 FROM invites i JOIN members m ON m.id = i.invitee_member_id WHERE m.contact_id = ?`, `t-${invitee}`).length === 1, `${invitee}'s invite`);
      results.set(topic, texts(await h.say(invitee, '苹果1斤', topic)));
    }
    for (const topic of [MAIN, FRESH]) {
      // 现行: one valid invite earns 10 积分; 早奖励: the first step is two invites, so nothing yet.
      if (ladder.get(topic) === '现行') expect(results.get(topic)).toContain('10 积分');
      else expect(results.get(topic)).not.toContain('获得');
    }
    const exposed = rows<{ topic: string; arm: string }>(`SELECT gr.topic, x.arm FROM exposures x JOIN groups gr ON gr.id = x.group_id`);
    expect(exposed).toEqual([...ladder].filter(([, a]) => a === '现行').map(([topic, arm]) => ({ topic, arm })));
  });
});
