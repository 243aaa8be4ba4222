// Survey points through the mock puppet: asked by a leader, answered once per resident.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeEach(async () => { h = await startHarness(); });
afterEach(async () => { await h.stop(); });

const ledger = () => h.store.sqlite.prepare(`SELECT member_id AS m, delta, reason FROM points_ledger ORDER BY id`).all();

describe('surveys', () => {
  it('credits each resident once for answering, and says so', async () => {
    const [posted] = await h.say('团长', '/问卷 10 3 下周想团什么水果？');
    expect(posted!.text).toContain('【问卷】下周想团什么水果？');
    const [a] = await h.say('张姐', '问卷 车厘子');
    expect(a!.text).toContain('问卷积分 +10');
    const [again] = await h.say('张姐', '问卷：还是车厘子');
    expect(again!.text).toContain('已经回答过');
    await h.say('李叔', '#问卷 砂糖橘');
    expect(ledger()).toHaveLength(2);
    expect(ledger().every((r) => (r as { reason: string; delta: number }).reason === 'survey' && (r as { delta: number }).delta === 10)).toBe(true);
    const [points] = await h.say('张姐', '我的积分');
    expect(points!.text).toContain('当前积分 10 分');
  });

  it('validates the command and refuses residents', async () => {
    for (const cmd of ['/问卷', '/问卷 0 3 问题', '/问卷 10 99 问题', '/问卷 10 3']) {
      const [r] = await h.say('团长', cmd);
      expect(r!.text).toContain('用法：/问卷');
    }
    const [denied] = await h.say('张姐', '/问卷 10 3 问题');
    expect(denied!.text).toContain('只有团长可以使用');
    const [none] = await h.say('张姐', '问卷 随便说说');
    expect(none!.text).toContain('没有进行中的问卷');
    expect(ledger()).toHaveLength(0);
  });
});
