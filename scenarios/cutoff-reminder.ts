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
import { armSetting, readArm, logExposure } from '../src/experiments/arms.js';
import { fillTemplate } from '../src/messaging/replies.js';
import { SETTINGS } from '../src/experiments/settings.js';
import type { App } from '../src/core/types.js';
import type { Session } from '../src/store/schema.js';

const MINUTE = 60_000;
/** The lead time without an experiment (cutoff_reminder.lead_minutes). */
const DEFAULT_LEAD_MINUTES = 60;
/** The longest lead an experiment arm may set: sessions this close to their cut-off may be due. */
const MAX_LEAD = (SETTINGS['cutoff_reminder.lead_minutes']!.value as { max: number }).max * MINUTE;

/** How long before this session's cut-off its group is reminded (the group's experiment arm, else an hour). */
function leadOf(app: App, s: Session): number {
  return armSetting(app.store, groupOf(app, s)?.id, 'cutoff_reminder.lead_minutes', DEFAULT_LEAD_MINUTES) * MINUTE;
}

function groupOf(app: App, s: Session) {
  return (s.groupId ? groupById(app.store, s.groupId) : undefined) ?? mainGroupOf(app.store, s.communityId);
}

export const cutoffReminder: Scenario = {
  name: 'cutoff_reminder',
  title: '截单提醒',
  summary: '每期团购截单前 1 小时（实验可改）在群里提醒一次',
  schedule: () => '*/5 * * * *',
  graceMs: 10 * 60_000,
  jobs({ app, community, now }) {
    // Sessions whose reminder time has come (their lead before the cut-off): a reminder after the cut-off would make no sense.
    const due = app.store.db.select().from(sessions).where(and(eq(sessions.communityId, community.id), eq(sessions.status, 'open'),
      gt(sessions.cutoffAt, now), lte(sessions.cutoffAt, now + MAX_LEAD))).all();
    return due.flatMap((s) => {
      const group = groupOf(app, s);
      if (!group || s.cutoffAt - now > leadOf(app, s)) return [];
      return [{
        group,
        period: `session-${s.id}`,
        run: () => {
          const buyers = app.store.db.select({ n: countDistinct(orders.memberId) }).from(orders)
            .where(and(eq(orders.sessionId, s.id), inArray(orders.status, [...LIVE_STATUSES]))).get()?.n ?? 0;
          const lead = readArm(app.store, group.id, 'cutoff_reminder.lead_minutes', DEFAULT_LEAD_MINUTES);
          const copy = readArm(app.store, group.id, 'copy.cutoff_reminder', campaignText('cutoff_reminder', 'main'));
          const text = fillTemplate(copy.value, { title: s.title, cutoff: shanghaiClock(s.cutoffAt).slice(6), buyers });
          logExposure(app.store, lead, { shown: `截单提醒「${s.title}」截单前 ${lead.value} 分钟` }, now);
          logExposure(app.store, copy, { shown: `截单提醒「${s.title}」文案 ${copy.arm?.name}` }, now);
          return [{ to: 'group' as const, post: { text } }];
        },
      }];
    });
  },
  // The earliest reminder time of the open sessions still ahead (every five minutes is 8,640 fires a month otherwise).
  wakeAfter(app, after) {
    const next = nextCutoff(app.store, after);
    if (next === null) return null;
    const ahead = app.store.db.select().from(sessions).where(and(eq(sessions.status, 'open'), gt(sessions.cutoffAt, after), lte(sessions.cutoffAt, next + MAX_LEAD))).all();
    return Math.min(...ahead.map((s) => s.cutoffAt - leadOf(app, s)));
  },
  upcoming(app, communityId, now) {
    const next = app.store.db.select().from(sessions).where(and(eq(sessions.communityId, communityId), eq(sessions.status, 'open'), gt(sessions.cutoffAt, now)))
      .orderBy(asc(sessions.cutoffAt)).limit(1).get();
    return next ? `「${next.title}」${shanghaiClock(next.cutoffAt - leadOf(app, next))} 提醒` : null;
  },
};
