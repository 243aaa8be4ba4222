// The simulated clock (bot/sim-clock.ts) through the harness: a clock line moves the clock forward and every timed
// job runs at its own moment in between, the outbox sending in simulated time. All times are relative to the test
// clock, so the tests pass from any LINTUAN_SIM_START.
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';
import { enqueue } from '../../src/messaging/outbox.js';
import { shanghaiClock, shanghaiDay, startOfShanghaiDay } from '../../src/time.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const LEADER = 'demo-leader';

let h: Harness;
afterEach(async () => { await h?.stop(); });

/** 'YYYY-MM-DD HH:MM' (Shanghai) of an instant: what a clock line says. */
const line = (ms: number) => `${shanghaiDay(ms)} ${shanghaiClock(ms).slice(6)}`;
/** The test's first day (Shanghai midnight), read when the harness starts. */
let today = 0;
/** `days` days after the test's first day at hh:mm. */
const dayAt = (days: number, hh: number, mm = 0) => today + days * DAY + hh * HOUR + mm * MIN;
async function start(env: Record<string, string> = {}): Promise<Harness> {
  h = await startHarness({ env });
  today = startOfShanghaiDay(h.app.now());
  return h;
}
const rows = <T>(sql: string, ...args: unknown[]) => h.store.sqlite.prepare(sql).all(...args) as T[];

describe('simulated clock', () => {
  it('closes a session at its cut-off when the clock passes it; an order after the clock line is refused', async () => {
    await start();
    await h.say('团长', '/截单 阳光小区日常团购'); // the demo's always-open session: only 草莓团 is left
    await h.say('团长', '/开团 草莓团 明天20:00 草莓');
    const cutoff = dayAt(1, 20);
    const [session] = rows<{ id: number; cutoff_at: number }>(`SELECT id, cutoff_at FROM sessions WHERE title = '草莓团'`);
    expect(session!.cutoff_at).toBe(cutoff);

    const during = await h.advanceTo(line(dayAt(1, 21, 30)));
    const closed = rows<{ status: string; closed_at: number }>('SELECT status, closed_at FROM sessions WHERE id = ?', session!.id)[0]!;
    expect(closed).toEqual({ status: 'closed', closed_at: cutoff });
    const summary = rows<{ sent_at: number; created_at: number }>(`SELECT sent_at, created_at FROM outbox WHERE dedup_key = ?`, `session:${session!.id}:closed`)[0]!;
    expect(summary).toEqual({ sent_at: cutoff, created_at: cutoff });
    expect(during.filter((s) => s.conversationId === h.world.main.id && s.text.includes('【截单】草莓团'))).toHaveLength(1);

    const replies = await h.say('张姐', '草莓1盒');
    expect(replies.map((r) => r.text)).toEqual(['目前没有在进行的团购，等团长开团后再下单哦']);
    expect(rows('SELECT id FROM orders')).toHaveLength(0);
    // After the advance the clock runs on from the new moment: an order is stamped then.
    await h.say('团长', '/开团 苹果团 明天20:00 苹果');
    expect((await h.say('张姐', '苹果2斤'))[0]!.text).toContain('下单成功');
    const [order] = rows<{ created_at: number }>('SELECT created_at FROM orders ORDER BY id DESC LIMIT 1');
    expect(order!.created_at).toBeGreaterThanOrEqual(dayAt(1, 21, 30));
    expect(order!.created_at).toBeLessThan(dayAt(1, 21, 30) + MIN);
  });

  it('two days passed in one line: each morning digest, cut-off reminder and nightly pass once, at its own time', async () => {
    await start({ CAMPAIGNS: '1' });
    await h.say('团长', '/开团 草莓团 明天20:00 草莓');
    const reportsBefore = rows(`SELECT id FROM scenario_runs WHERE scenario = 'morning_digest'`).length;
    await h.advanceTo(line(dayAt(2, 10)));

    const digests = rows<{ period: string; at: number }>(`SELECT period, at FROM scenario_runs WHERE scenario = 'morning_digest' ORDER BY at`).slice(reportsBefore);
    expect(digests).toEqual([{ period: shanghaiDay(dayAt(1, 8)), at: dayAt(1, 8) }, { period: shanghaiDay(dayAt(2, 8)), at: dayAt(2, 8) }]);
    const digestSends = rows<{ sent_at: number }>(`SELECT sent_at FROM outbox WHERE dedup_key LIKE 'scenario:morning_digest:%' AND sent_at > ? ORDER BY id`, dayAt(0, 23, 59));
    expect(digestSends.map((r) => r.sent_at)).toEqual([dayAt(1, 8), dayAt(2, 8)]);
    // The day-1 digest still lists the session (it closes at 20:00); the day-2 one does not.
    const digestTexts = h.sent.filter((s) => s.conversationId === LEADER && s.text.includes('团购早报')).slice(-2).map((s) => s.text);
    expect(digestTexts[0]).toContain('草莓团');
    expect(digestTexts[1]).not.toContain('草莓团');

    const reminders = rows<{ sent_at: number; body: string }>(`SELECT sent_at, body FROM outbox WHERE dedup_key LIKE 'scenario:cutoff_reminder:%'`);
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.sent_at).toBe(dayAt(1, 19));
    expect(reminders[0]!.body).toContain('草莓团');
    // The nightly pass ran at 03:00 of the last night passed (tags are recomputed then).
    const tagged = rows<{ at: number }>('SELECT max(computed_at) AS at FROM member_tags')[0]!;
    expect(tagged.at).toBe(dayAt(2, 3));
  });

  it('escalates an SLA step when its deadline is passed, leader at the deadline, admin at twice it', async () => {
    await start({ ADMIN_CONTACT_IDS: 'sim-admin' });
    h.world.mocker.createContact({ id: 'sim-admin', name: '管理员' });
    await h.say('张姐', '上次买的苹果2斤都坏了，好几个烂的');
    const [ticket] = rows<{ id: number; opened_at: number }>('SELECT id, opened_at FROM tickets ORDER BY id DESC LIMIT 1');
    const opened = ticket!.opened_at;
    const during = await h.advanceTo(line(opened + 90 * MIN));
    const escalations = rows<{ step: string; level: string; at: number }>('SELECT step, level, at FROM ticket_escalations WHERE ticket_id = ? ORDER BY at, id', ticket!.id);
    expect(escalations).toEqual([
      { step: 'response', level: 'leader', at: opened + 30 * MIN },
      { step: 'response', level: 'admin', at: opened + 60 * MIN },
    ]);
    expect(during.filter((s) => s.conversationId === LEADER && s.text.includes(`工单#${ticket!.id}`))).toHaveLength(1);
    expect(during.filter((s) => s.conversationId === 'sim-admin')).toHaveLength(1);
    const sentAt = rows<{ sent_at: number }>(`SELECT sent_at FROM outbox WHERE dedup_key LIKE ? ORDER BY id`, `sla:${ticket!.id}:%`).map((r) => r.sent_at);
    expect(sentAt).toEqual([opened + 30 * MIN, opened + 60 * MIN]);
  });

  it('sends queued rows at their due time, and applies the per-group limit in simulated time', async () => {
    await start({ OUTBOX_PER_GROUP_PER_MINUTE: '2' });
    const due = h.app.now() + 3 * HOUR;
    for (const body of ['跟进一', '跟进二', '跟进三']) {
      enqueue(h.store, { conversationId: h.world.main.id, conversationKind: 'room', body, notBefore: due }, h.app.now());
    }
    expect(await h.advanceTo(line(due - MIN))).toEqual([]);
    const during = await h.advanceTo(line(due + 5 * MIN));
    expect(during.map((s) => s.text)).toEqual(['跟进一', '跟进二', '跟进三']);
    const sentAt = rows<{ sent_at: number }>(`SELECT sent_at FROM outbox WHERE body LIKE '跟进%' ORDER BY id`).map((r) => r.sent_at);
    // Two within the minute (the harness has no global gap), the third once the first is more than a minute old.
    expect(sentAt).toEqual([due, due, due + MIN + 1]);
  });

  it('never goes back: an earlier or equal time is refused and changes nothing', async () => {
    await start();
    const now = h.app.now();
    await expect(h.advanceTo(line(now - HOUR))).rejects.toThrow(/not after now/);
    expect(h.app.now()).toBeGreaterThanOrEqual(now);
    expect(h.app.now()).toBeLessThan(now + MIN);
  });
});
