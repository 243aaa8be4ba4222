// 爆款测试: each week (default Monday 10:00) up to three new SKUs in status testing go up for a 3-day test;
// the morning after the test the result goes to the leaders and each SKU is promoted or retired.
import type { Scenario } from '../src/campaigns/scheduler/scenario.js';
import { mainGroupOf } from '../src/community/communities.js';
import { evaluateFlashTest, finishedTests, nextTestSkus, runningTest, startFlashTest, FLASH_TEST_DAYS, RETIRE_BELOW_PCT } from '../src/campaigns/flash-tests.js';
import { imagesFor } from '../src/campaigns/scheduler/runs.js';
import { campaignText, followUps, shippedImages } from '../src/campaigns/scheduler/content.js';
import { yuan } from '../src/money.js';
import { shanghaiDay } from '../src/time.js';
import { readArm, logExposure } from '../src/experiments/arms.js';

const md = (ms: number) => { const d = shanghaiDay(ms); return `${Number(d.slice(5, 7))}月${Number(d.slice(8))}日`; };

export const flashTest: Scenario = {
  name: 'flash_test',
  title: '爆款测试',
  summary: '每周把最多 3 款测试中的新品发到群里做 3 天闪电测（/测款 指定新品）',
  schedule: (config) => config.campaigns.flashTest,
  graceMs: 6 * 3600_000,
  jobs({ app, community, fireAt }) {
    const group = mainGroupOf(app.store, community.id);
    if (!group || runningTest(app.store, community.id)) return [];
    const skus = nextTestSkus(app.store, community.id);
    if (skus.length === 0) return [];
    return [{
      group,
      period: shanghaiDay(fireAt),
      run: () => {
        const days = readArm(app.store, group.id, 'flash_test.days', FLASH_TEST_DAYS);
        const test = startFlashTest(app.store, { communityId: community.id, groupId: group.id, skus, at: fireAt, days: days.value }, fireAt);
        logExposure(app.store, days, { shown: `爆款测试 ${days.value} 天（${skus.map((p) => p.name).join('、')}）` }, fireAt);
        app.sessions.invalidate(community.id);
        const lines = skus.map((p) => campaignText('flash_test', 'sku', { product: p.name, price: yuan(p.priceFen), unit: p.unit })).join('\n');
        return [{
          to: 'group' as const,
          post: {
            text: campaignText('flash_test', 'main', { from: md(test.startsAt), to: md(test.endsAt - 1), skus: lines, first: skus[0]!.name }),
            images: imagesFor(app.store, community.id, 'flash_test', shippedImages('flash_test')),
            followUps: followUps('flash_test', { products: skus.map((p) => p.name).join('、') }),
          },
        }];
      },
    }];
  },
};

export const flashResult: Scenario = {
  name: 'flash_result',
  title: '测款结果',
  summary: '闪电测结束后的早上，把每款新品的兴趣率和去留私聊发给团长',
  schedule: () => '30 9 * * *',
  // A late result is still the right result: caught up for a week.
  graceMs: 7 * 86_400_000,
  jobs({ app, community, fireAt }) {
    const group = mainGroupOf(app.store, community.id);
    if (!group) return [];
    return finishedTests(app.store, community.id, fireAt).map((t) => ({
      group,
      period: `test-${t.id}`,
      run: () => {
        const r = evaluateFlashTest(app.store, t.id, fireAt);
        if (!r) return [];
        app.catalogs.invalidate(community.id);
        const lines = r.skus.map((s) => campaignText('flash_result', 'line', {
          product: s.product.name, interested: s.interested, rate: s.ratePct, outcome: campaignText('flash_result', s.outcome),
        })).join('\n');
        const text = campaignText('flash_result', 'main', { from: md(r.test.startsAt), to: md(r.test.endsAt - 1), active: r.active, lines, threshold: RETIRE_BELOW_PCT });
        return [{ to: 'leaders' as const, post: { text } }];
      },
    }));
  },
};
