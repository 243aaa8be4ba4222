// 时令营销日历: on each campaign's post date (its lead time before the solar term or festival), the main
// group gets the themed promotion with the catalog's products of the matching categories.
import type { Scenario } from '../src/campaigns/scheduler/scenario.js';
import { campaignCalendar, campaignsDueOn, formatChineseDate, productsForCampaign, renderCampaignPost } from '../src/campaigns/calendar/campaigns.js';
import { MAX_YEAR } from '../src/campaigns/calendar/terms.js';
import { aliasesOf, listProducts } from '../src/catalog/catalog.js';
import { mainGroupOf } from '../src/community/communities.js';
import { imagesFor } from '../src/campaigns/scheduler/runs.js';
import { followUps, shippedImages } from '../src/campaigns/scheduler/content.js';
import { shanghaiDay } from '../src/time.js';

export const seasonal: Scenario = {
  name: 'seasonal',
  title: '时令营销',
  summary: '节气和传统节日前按日历发主题团购（清明青团节、端午粽子、中秋月饼、冬至饺子季…）',
  schedule: (config) => config.campaigns.seasonal,
  // Still worth posting later the same day; the next morning it is stale.
  graceMs: 12 * 3600_000,
  jobs({ app, community, fireAt }) {
    const group = mainGroupOf(app.store, community.id);
    if (!group) return [];
    return campaignsDueOn(shanghaiDay(fireAt)).map((c) => ({
      group,
      period: `${c.key}-${c.date}`,
      run: () => {
        // Only products that fit the theme (its categories and keywords), or none.
        const featured = productsForCampaign(c, listProducts(app.store, community.id).filter((p) => p.status !== 'inactive'), aliasesOf).slice(0, 6);
        const example = featured[0] ? `${featured[0].name}2${featured[0].unit}` : '青团2盒';
        return [{
          to: 'group' as const,
          post: {
            text: renderCampaignPost(c, featured.map((p) => p.name)),
            images: imagesFor(app.store, community.id, 'seasonal', shippedImages('seasonal')),
            followUps: followUps('seasonal', { theme: c.theme, example }),
          },
        }];
      },
    }));
  },
  upcoming(_app, _communityId, now) {
    const today = shanghaiDay(now);
    const year = Number(today.slice(0, 4));
    const next = [year, year + 1].filter((y) => y <= MAX_YEAR).flatMap((y) => campaignCalendar(y)).find((c) => c.postDate > today);
    return next ? `下一个：${next.key}【${next.theme}】${formatChineseDate(next.postDate)}发布` : null;
  },
};
