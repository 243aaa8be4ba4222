// Issue 12 items 8 and 17: questions answered from the open session(s) then /设置; resident /帮助
// lists the chat phrases; "送得太慢了" opens a 配送延迟 ticket.
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
afterEach(async () => { await h?.stop(); });
const rows = <T>(sql: string, ...args: unknown[]) => h.store.sqlite.prepare(sql).all(...args) as T[];
/** 2026-12-03 10:00 Beijing time: the open session's cut-off is written relative to it. */
const T0 = Date.UTC(2026, 11, 3, 2, 0);

async function withoutSessions() {
  h = await startHarness({ now: () => T0 });
  h.store.sqlite.prepare(`UPDATE sessions SET status = 'closed'`).run();
  h.app.sessions.invalidate(h.communityId);
}

describe('questions about the session', () => {
  it('answers 几点截单 and 在哪取货 from the open session, then from /设置', async () => {
    await withoutSessions();
    const none = (await h.say('张姐', '几点截单')).find((s) => s.conversationId === h.world.main.id);
    expect(none!.text).toBe('团长还没有公布截单时间，已帮您转告团长，请稍等回复');
    await h.say('团长', '/开团 周五水果团 明天20:00 苹果 草莓 自提点 3号楼快递柜');
    const [cutoff] = await h.say('张姐', '几点截单');
    expect(cutoff!.text).toBe('截单时间：「周五水果团」12-04 20:00 截单');
    const [where] = await h.say('张姐', '在哪取货');
    expect(where!.text).toBe('自提点：「周五水果团」3号楼快递柜');
    await h.say('团长', '/开团 周末牛奶团 12-05 18:00 牛奶');
    await h.say('团长', '/设置 自提点 小区东门');
    const [two] = await h.say('张姐', '几点截单');
    expect(two!.text).toBe('截单时间：「周五水果团」12-04 20:00 截单；「周末牛奶团」12-05 18:00 截单');
    const [where2] = await h.say('张姐', '在哪取货');
    expect(where2!.text).toBe('自提点：「周五水果团」3号楼快递柜；「周末牛奶团」小区东门');
    expect(rows(`SELECT count(*) AS n FROM outbox WHERE body LIKE '【待回复】%'`)).toEqual([{ n: 1 }]);
  });
});

describe('resident help and a delivery complaint', () => {
  it('lists 我的订单, 我的积分, 兑换 and 我的等级 in a resident\'s /帮助', async () => {
    h = await startHarness();
    const [help] = await h.say('张姐', '/帮助');
    expect(help!.text).toContain('「我的订单」查看订单和取货码（私聊发给你）');
    expect(help!.text).toContain('「我的积分」积分余额');
    expect(help!.text).toContain('「兑换」用积分兑换券，「我的券」查看已有的券（私聊）');
    expect(help!.text).toContain('「我的等级」会员身份和权益');
  });

  it('opens a 配送延迟 ticket for 送得太慢了', async () => {
    h = await startHarness();
    const sent = await h.say('张姐', '送得太慢了');
    const group = sent.find((s) => s.conversationId === h.world.main.id)!;
    expect(group.text).toContain('工单#1');
    expect(rows('SELECT type, text FROM tickets')).toEqual([{ type: '配送延迟', text: '送得太慢了' }]);
  });
});
