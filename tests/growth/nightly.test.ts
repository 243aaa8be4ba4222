// The nightly pass: when it runs, and what it does to tiers and tags.
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';
import { runNightly } from '../../src/growth/nightly.js';
import { nightlyJob } from '../../bot/nightly-job.js';
import { scheduledAfter } from '../../bot/ticker.js';

let h: Harness;
afterEach(async () => { await h?.stop(); });

describe('nightly pass', () => {
  it('is scheduled for 03:00 in Shanghai', async () => {
    h = await startHarness();
    const now = h.app.now();
    const next = scheduledAfter(nightlyJob(h.app), now, now + 2 * 86_400_000)!;
    expect(new Date(next + 8 * 3600_000).toISOString().slice(11, 16)).toBe('03:00');
    expect(next - now).toBeGreaterThan(0);
    expect(next - now).toBeLessThanOrEqual(86_400_000);
  });

  it('promotes, demotes and tags members from their orders', async () => {
    h = await startHarness();
    await h.say('张姐', '纸尿裤1包');
    await h.say('张姐', '草莓1盒');
    const member = () => h.store.sqlite.prepare(`SELECT id, tier FROM members WHERE contact_id = 'demo-zhangjie'`).get() as { id: number; tier: string };
    // Two orders in 30 days: promoted right after the second order already.
    expect(member().tier).toBe('活跃会员');
    const later = h.app.now() + 40 * 86_400_000;
    const result = runNightly(h.app, later);
    expect(result.communities).toBe(1);
    expect(result.tierChanges).toBeGreaterThanOrEqual(1);
    expect(member().tier).toBe('观察员'); // no orders in the 30 days before `later`
    const tags = h.store.sqlite.prepare('SELECT tag FROM member_tags WHERE member_id = ?').all(member().id).map((r) => (r as { tag: string }).tag);
    expect(tags.some((t) => t.includes('3号楼'))).toBe(true);
  });
});
