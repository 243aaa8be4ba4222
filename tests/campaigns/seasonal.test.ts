// 时令营销: the seasonal scenario posts each campaign on its post date, on dates that match tyme4ts,
// with the leader's uploaded images ("1+3+N": one text, at most three images as files, then the follow-ups).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SolarTerm } from 'tyme4ts';
import { startHarness, type Harness } from '../helpers/harness.js';
import { runDue } from '../../src/campaigns/scheduler/runs.js';
import { seasonal } from '../../scenarios/seasonal.js';
import { loadCampaigns } from '../../src/campaigns/calendar/campaigns.js';
import { addDays } from '../../src/campaigns/calendar/terms.js';
import { communityById } from '../../src/community/communities.js';
import { upsertProducts } from '../../src/catalog/catalog.js';
import { advance, at, setNow, waitFor, fakeDate } from './helpers.js';

let h: Harness | undefined;
beforeEach(() => { vi.useFakeTimers({ toFake: ['Date'] }); });
afterEach(async () => { await h?.stop(); h = undefined; vi.useRealTimers(); });

const MAIN = 'demo-main@chatroom';

describe('seasonal campaigns', () => {
  it('posts every solar-term campaign of 2025–2030 on the tyme4ts date minus its lead time', async () => {
    h = await startHarness({ now: fakeDate });
    const community = communityById(h.store, h.communityId)!;
    const defs = new Map(loadCampaigns().map((d) => [d.key, d]));
    let checked = 0;
    for (let year = 2025; year <= 2030; year++) {
      for (let i = 1; i <= 24; i++) {
        const term = SolarTerm.fromIndex(year, i);
        const d = term.getJulianDay().getSolarDay();
        const date = `${d.getYear()}-${String(d.getMonth()).padStart(2, '0')}-${String(d.getDay()).padStart(2, '0')}`;
        const def = defs.get(term.getName());
        if (!def) continue;
        const post = addDays(date, -def.leadDays);
        const fireAt = at(`${post}T09:00`);
        const periods = seasonal.jobs({ app: h.app, community, fireAt, now: fireAt }).map((j) => j.period);
        expect(periods).toContain(`${term.getName()}-${date}`);
        // …and not the day before.
        const before = seasonal.jobs({ app: h.app, community, fireAt: fireAt - 86_400_000, now: fireAt - 86_400_000 }).map((j) => j.period);
        expect(before).not.toContain(`${term.getName()}-${date}`);
        checked++;
      }
    }
    expect(checked).toBe(6 * 24);
  });

  it('posts 青团节 three days before 清明 2027 at 09:00 Shanghai with the leader images, then the follow-up', async () => {
    setNow('2027-03-30T10:00');
    h = await startHarness({ now: fakeDate });
    // The leader sends four photos privately and attaches them: only the newest three are used.
    for (const f of ['a.jpg', 'b.jpg', 'c.jpg', 'd.jpg']) await h.sendMedia('团长', f, 'private');
    expect(h.sent.at(-1)!.text).toContain('/素材 活动名');
    const [attached] = await h.say('团长', '/素材 时令营销');
    expect(attached!.text).toContain('已配上 3 张图');
    // A resident's photo is not a campaign image.
    await h.sendMedia('张姐', 'e.jpg');
    expect(h.store.sqlite.prepare('SELECT count(*) AS n FROM campaign_images').get()).toEqual({ n: 3 });

    setNow('2027-04-02T08:59');
    expect(runDue(h.app, [seasonal]).posted).toBe(0);
    setNow('2027-04-02T09:00:05');
    const start = h.sent.length;
    expect(runDue(h.app, [seasonal]).posted).toBe(1);
    // The follow-up is still queued (four hours on), so wait for the text and the three files only.
    await waitFor(() => h!.sent.slice(start).filter((s) => s.file).length === 3);
    const out = h.sent.slice(start);
    expect(out.every((s) => s.conversationId === MAIN)).toBe(true);
    expect(out[0]!.text).toContain('4月5日清明');
    expect(out[0]!.text).toContain('【青团节】');
    expect(out[0]!.text).toContain('青团'); // the demo catalog's 糕点
    const files = out.filter((s) => s.file).map((s) => s.file!);
    expect(files).toHaveLength(3);
    expect(files.every((f) => f.endsWith('.jpg'))).toBe(true);
    // The follow-up waits four hours.
    expect(out.some((s) => s.text.includes('还在接龙中'))).toBe(false);
    await advance(h, 241);
    expect(h.sent.filter((s) => s.text.includes('【青团节】还在接龙中'))).toHaveLength(1);
    expect(runDue(h.app, [seasonal]).posted).toBe(0);
  });

  it('火锅季 names only products that fit the theme, or none, and spells 丸子、虾滑', async () => {
    h = await startHarness({ now: fakeDate });
    const community = communityById(h.store, h.communityId)!;
    const fireAt = at('2026-12-03T09:00'); // 4 days before 大雪 (12-07)
    const post = () => {
      const job = seasonal.jobs({ app: h!.app, community, fireAt, now: fireAt }).find((j) => j.period === '大雪-2026-12-07')!;
      return (job.run() as { post: { text: string } }[])[0]!.post.text;
    };
    // The demo catalog has 西红柿 (蔬菜) and 五花肉 (肉禽) but nothing for a hot pot.
    expect(post()).toBe('12月7日大雪，围炉吃火锅最暖！【火锅季】肥牛卷、丸子、虾滑、火锅底料一站配齐，接龙预订～');
    // The catalog file is where categories come from.
    upsertProducts(h.store, h.communityId, [
      { name: '肥牛卷', unit: '盒', price_fen: 3800, stock: 20, category: '肉禽' },
      { name: '牛肉丸', unit: '袋', price_fen: 1990, stock: 30, category: '速冻' },
      { name: '香肠', unit: '袋', price_fen: 2990, stock: 30, category: '肉禽' },
    ], h.app.now());
    expect(post()).toBe('12月7日大雪，围炉吃火锅最暖！【火锅季】肥牛卷、丸子、虾滑、火锅底料一站配齐：肥牛卷、牛肉丸，接龙预订～');
  });
});
