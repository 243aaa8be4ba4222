// 建议周报: every Monday 09:00 the leaders get the past week's suggestions from residents, privately.
import type { Scenario } from '../src/campaigns/scheduler/scenario.js';
import { mainGroupOf } from '../src/community/communities.js';
import { suggestionDigest } from '../src/service/suggestions.js';
import { shanghaiDay } from '../src/time.js';

export const suggestionDigestScenario: Scenario = {
  name: 'suggestion_digest',
  title: '建议周报',
  summary: '每周一 09:00 私聊团长：过去 7 天居民提的建议',
  schedule: () => '0 9 * * 1',
  // A digest a day late is still useful; a week late, the next one covers it.
  graceMs: 24 * 3600_000,
  jobs({ app, community, fireAt }) {
    const group = mainGroupOf(app.store, community.id);
    const text = group ? suggestionDigest(app.store, community.id, community.name, fireAt) : null;
    if (!group || !text) return [];
    return [{ group, period: shanghaiDay(fireAt), run: () => [{ to: 'leaders' as const, post: { text } }] }];
  },
};
