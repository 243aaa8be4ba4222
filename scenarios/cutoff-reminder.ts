// Daily rhythm: one hour before a session's cut-off, a reminder in the group it was opened in.
// (The cut-off summary itself is posted by the session closer, src/session-close.ts.)
import { and, asc, countDistinct, eq, gt, inArray, lte } from 'drizzle-orm';
import type { Scenario } from '../src/campaigns/scheduler/scenario.js';
import { orders, sessions } from '../src/store/schema.js';
import { LIVE_STATUSES } from '../src/ordering/summary.js';
import { nextCutoff } from '../src/ordering/sessions.js';
import { groupById, mainGroupOf } from '../src/community/communities.js';
import { campaignText } from '../src/campaigns/scheduler/content.js';
import { shanghaiClock } from '../src/time.js';

const HOUR = 3600_000;

export const cutoffReminder: Scenario = {
  name: 'cutoff_reminder',
  title: '截单提醒',
  summary: '每期团购截单前 1 小时在群里提醒一次',
  schedule: () => '*/5 * * * *',
  graceMs: 10 * 60_000,
  jobs({ app, community, now }) {
    // Sessions whose last hour has begun: a reminder after the cut-off would make no sense.
    const due = app.store.db.select().from(sessions).where(and(eq(sessions.communityId, community.id), eq(sessions.status, 'open'),
      gt(sessions.cutoffAt, now), lte(sessions.cutoffAt, now + HOUR))).all();
    return due.flatMap((s) => {
      const group = (s.groupId ? groupById(app.store, s.groupId) : undefined) ?? mainGroupOf(app.store, community.id);
      if (!group) return [];
      return [{
        group,
        period: `session-${s.id}`,
        run: () => {
          const buyers = app.store.db.select({ n: countDistinct(orders.memberId) }).from(orders)
            .where(and(eq(orders.sessionId, s.id), inArray(orders.status, [...LIVE_STATUSES]))).get()?.n ?? 0;
          return [{ to: 'group' as const, post: { text: campaignText('cutoff_reminder', 'main', { title: s.title, cutoff: shanghaiClock(s.cutoffAt).slice(6), buyers }) } }];
        },
      }];
    });
  },
  // The last hour of the first open session still ahead (every five minutes is 8,640 fires a month otherwise).
  wakeAfter(app, after) {
    const next = nextCutoff(app.store, after);
    return next === null ? null : next - HOUR;
  },
  upcoming(app, communityId, now) {
    const next = app.store.db.select().from(sessions).where(and(eq(sessions.communityId, communityId), eq(sessions.status, 'open'), gt(sessions.cutoffAt, now)))
      .orderBy(asc(sessions.cutoffAt)).limit(1).get();
    return next ? `「${next.title}」${shanghaiClock(next.cutoffAt - HOUR)} 提醒` : null;
  },
};
