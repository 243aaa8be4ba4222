// Issue 12 item 11: /核销 @居民 (and /送达 @居民) only take orders whose goods have arrived (/到货).
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
afterEach(async () => { await h?.stop(); });
const rows = <T>(sql: string, ...args: unknown[]) => h.store.sqlite.prepare(sql).all(...args) as T[];
const statuses = () => rows<{ id: number; status: string }>('SELECT id, status FROM orders ORDER BY id');

describe('/核销 @ after /到货', () => {
  it('picks up the arrived session\'s order and leaves the one placed in the still-open session', async () => {
    h = await startHarness();
    await h.say('张姐', '苹果2斤'); // order #1 in the demo session
    await h.say('团长', '/截单');
    const [early] = await h.say('团长', '/核销 @张姐');
    expect(early!.text).toBe('3-501 张姐 的订单还没到货，不能核销：订单#1「阳光小区日常团购」。到货后先发 /到货 再核销');
    expect(statuses()).toEqual([{ id: 1, status: 'confirmed' }]);
    await h.say('团长', '/开团 周五水果团 明天20:00 苹果');
    await h.say('团长', '/到货'); // the session closed last
    expect(rows<{ title: string; arrived: number }>('SELECT title, arrived_at IS NOT NULL AS arrived FROM sessions ORDER BY id'))
      .toEqual([{ title: '阳光小区日常团购', arrived: 1 }, { title: '周五水果团', arrived: 0 }]);
    await h.say('张姐', '苹果1斤'); // order #2, seconds before pickup, in the open 周五水果团
    const [r] = await h.say('团长', '/核销 @张姐');
    expect(r!.text).toContain('✅ 已核销取货：3-501 张姐\n订单#1：苹果 2斤，合计 ¥12.00');
    expect(r!.text).not.toContain('订单#2：');
    expect(r!.text).toContain('未到货的订单没有核销：订单#2「周五水果团」');
    expect(statuses()).toEqual([{ id: 1, status: 'picked_up' }, { id: 2, status: 'placed' }]);
  });
});
