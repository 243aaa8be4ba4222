// 团长直播日: every week (default Wednesday 20:00) the main group gets the week's picks and why they were chosen.
import { and, eq, gte } from 'drizzle-orm';
import type { Delivery, Scenario } from '../src/campaigns/scheduler/scenario.js';
import type { App } from '../src/core/types.js';
import { listProducts } from '../src/catalog/catalog.js';
import { liveLines } from '../src/ordering/summary.js';
import { groupById, mainGroupOf } from '../src/community/communities.js';
import { campaignCalendar } from '../src/campaigns/calendar/campaigns.js';
import { flashTests, flashTestSkus } from '../src/store/schema-campaigns.js';
import { imagesFor } from '../src/campaigns/scheduler/runs.js';
import { campaignText, followUps, shippedImages } from '../src/campaigns/scheduler/content.js';
import { yuan } from '../src/money.js';
import { shanghaiClock, shanghaiDay } from '../src/time.js';
import { experimentGroupsOn, readArm, logExposure } from '../src/experiments/arms.js';

const DAY = 86_400_000;
const MAX_PICKS = 5;

export interface Pick { product: string; price: string; unit: string; reasons: string[] }

/** The week's picks: products on sale with the reasons a leader would give (sales, tier, test result, season). */
export function weeklyPicks(app: App, communityId: number, now: number): Pick[] {
  const buyers = new Map<string, Set<number>>();
  for (const l of liveLines(app.store, { communityId })) {
    if (l.createdAt < now - 7 * DAY) continue;
    buyers.set(l.product, (buyers.get(l.product) ?? new Set()).add(l.memberId));
  }
  const promoted = new Map(app.store.db.select({ productId: flashTestSkus.productId, rate: flashTestSkus.ratePct }).from(flashTestSkus)
    .innerJoin(flashTests, eq(flashTests.id, flashTestSkus.testId))
    .where(and(eq(flashTests.communityId, communityId), eq(flashTestSkus.outcome, 'promoted'), gte(flashTests.evaluatedAt, now - 14 * DAY)))
    .all().map((r) => [r.productId, r.rate ?? 0]));
  const today = shanghaiDay(now);
  const soon = shanghaiDay(now + 14 * DAY);
  const year = Number(today.slice(0, 4));
  const seasonal = [year, year + 1].flatMap((y) => campaignCalendar(y)).filter((c) => c.date >= today && c.date <= soon);
  const picks = listProducts(app.store, communityId).filter((p) => p.status === 'active' && p.stock - p.reserved > 0).map((p) => {
    const reasons: string[] = [];
    const n = buyers.get(p.name)?.size ?? 0;
    if (n > 0) reasons.push(`近7天 ${n} 位邻居下单`);
    const rate = promoted.get(p.id);
    if (rate !== undefined) reasons.push(`新品闪电测 ${Math.round(rate)}% 邻居感兴趣，已转正`);
    const season = seasonal.find((c) => c.categories.includes(p.category));
    if (season) reasons.push(`${season.key}快到了（${season.theme}）`);
    if (p.tier === '爆品') reasons.push('本周爆品，性价比高');
    if (p.tier === '引流') reasons.push('福利引流价');
    return { p, n, reasons };
  }).filter((x) => x.reasons.length > 0)
    .sort((a, b) => b.reasons.length - a.reasons.length || b.n - a.n || a.p.id - b.p.id)
    .slice(0, MAX_PICKS);
  return picks.map(({ p, reasons }) => ({ product: p.name, price: yuan(p.priceFen), unit: p.unit, reasons }));
}

export const liveDay: Scenario = {
  name: 'live_day',
  title: '团长直播日',
  summary: '每周固定时间（默认周三 20:00）发本周选品和选品理由',
  schedule: (config) => config.campaigns.liveDay,
  graceMs: 2 * 3600_000,
  jobs({ app, community, fireAt }) {
    // 直播日提醒 (campaign.live_reminder): without an experiment the main group gets it; with one, each group of the
    // experiment by its arm (an arm that is off: the job only logs that its group saw no reminder).
    const main = mainGroupOf(app.store, community.id);
    const targets = experimentGroupsOn(app.store, community.id, 'campaign.live_reminder') ?? (main ? [main.id] : []);
    return targets.map((groupId) => {
      const group = groupById(app.store, groupId)!;
      const remind = readArm(app.store, group.id, 'campaign.live_reminder', true);
      return { group, period: shanghaiDay(fireAt), run: () => {
        logExposure(app.store, remind, { shown: remind.value ? '团长直播日：发提醒' : '团长直播日：不发提醒' }, fireAt);
        return remind.value ? livePost(app, community.id, fireAt) : [];
      } };
    });
  },
};

/** The week's live-day post for one group. */
function livePost(app: App, communityId: number, fireAt: number): Delivery[] {
  const picks = weeklyPicks(app, communityId, fireAt);
  const time = shanghaiClock(fireAt).slice(6);
  const text = picks.length === 0
    ? campaignText('live_day', 'empty', { time })
    : campaignText('live_day', 'main', {
      time,
      picks: picks.map((x, i) => campaignText('live_day', 'pick', { n: i + 1, product: x.product, price: x.price, unit: x.unit, reasons: x.reasons.join('；') })).join('\n'),
    });
  const example = picks[0] ? `${picks[0].product}2${picks[0].unit}` : '苹果2斤';
  return [{ to: 'group', post: { text, images: imagesFor(app.store, communityId, 'live_day', shippedImages('live_day')), followUps: picks.length ? followUps('live_day', { example }) : [] } }];
}
