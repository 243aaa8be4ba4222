// 指标预警: when a watched figure (NPS, 沉默用户占比 … — the ones with a seed target) has missed its target on two
// days running, the leaders get one private note. Stateless: the note goes on the morning after the second day
// missed, when the day before those two was not missed (or had no figure), so one crossing gives one note.
import type { App } from '../src/core/types.js';
import type { Scenario } from '../src/campaigns/scheduler/scenario.js';
import { mainGroupOf } from '../src/community/communities.js';
import { addDays } from '../src/metrics/period.js';
import { figureLine, watchedFigures, type FigureView } from '../src/metrics/dashboard.js';
import { shanghaiDay } from '../src/time.js';

const DAY = 86_400_000;

function missedOn(app: App, communityId: number, day: string, now: number): Map<string, FigureView> {
  return new Map(watchedFigures(app.store, communityId, day, now).filter((f) => f.missed).map((f) => [f.key, f]));
}

export const metricAlerts: Scenario = {
  name: 'metric_alerts',
  title: '指标预警',
  summary: '每天早上看重点指标：连续两天未达目标时私聊提醒团长一次',
  schedule: (config) => config.campaigns.morningDigest,
  graceMs: 4 * 3600_000,
  jobs({ app, community, fireAt }) {
    const group = mainGroupOf(app.store, community.id);
    if (!group) return [];
    const yesterday = shanghaiDay(fireAt - DAY);
    const last = missedOn(app, community.id, yesterday, fireAt);
    if (last.size === 0) return [];
    const before = missedOn(app, community.id, addDays(yesterday, -1), fireAt);
    const earlier = missedOn(app, community.id, addDays(yesterday, -2), fireAt);
    const crossed = [...last.values()].filter((f) => before.has(f.key) && !earlier.has(f.key));
    if (crossed.length === 0) return [];
    const text = `⚠️ 指标预警（${community.name}）：以下指标连续两天未达目标（近 30 天口径，到 ${yesterday.slice(5)}）：\n`
      + crossed.map((f) => `· ${figureLine(f)}`).join('\n') + '\n发 /看板 看全部指标和趋势，/后台 看每项的定义。';
    return [{ group, period: yesterday, run: () => [{ to: 'leaders' as const, post: { text } }] }];
  },
};
