// The scheduler's domain side: runs each due scenario job exactly once per (scenario, group, period),
// catches up a fire missed while the bot was down when it is still within the scenario's grace window,
// and records (and logs) a skip otherwise. bot/scheduler.ts calls runDue at each cron fire; tests call it
// with any `now`.
import fs from 'node:fs';
import { and, asc, eq } from 'drizzle-orm';
import type { App } from '../../core/types.js';
import type { Store } from '../../store/db.js';
import { groups, type Group } from '../../store/schema.js';
import { campaignImages, scenarioPauses, scenarioRuns } from '../../store/schema-campaigns.js';
import { listCommunities } from '../../community/communities.js';
import { enqueue } from '../../messaging/outbox.js';
import { notifyLeaders } from '../../messaging/notify.js';
import { previousFire } from './cron-time.js';
import type { Delivery, Job, Scenario } from './scenario.js';

/** How far back a restart looks for a missed fire (a weekly scenario's last slot is at most a week old). */
const LOOKBACK_MS = 8 * 86_400_000;
/** "1+3+N": at most three images per post. */
export const MAX_IMAGES = 3;

export interface RunReport { posted: number; skipped: number }

export function groupsOf(store: Store, communityId: number): Group[] {
  return store.db.select().from(groups).where(eq(groups.communityId, communityId)).orderBy(asc(groups.id)).all();
}

export function isPaused(store: Store, groupId: number, scenario: string): boolean {
  return store.db.select({ g: scenarioPauses.groupId }).from(scenarioPauses)
    .where(and(eq(scenarioPauses.groupId, groupId), eq(scenarioPauses.scenario, scenario))).get() !== undefined;
}

export function setPaused(store: Store, input: { communityId: number; groupIds: number[]; scenario: string; paused: boolean; by: string }, now: number): void {
  store.db.transaction((tx) => {
    for (const groupId of input.groupIds) {
      if (input.paused) {
        tx.insert(scenarioPauses).values({ groupId, scenario: input.scenario, communityId: input.communityId, pausedBy: input.by, at: now })
          .onConflictDoNothing().run();
      } else {
        tx.delete(scenarioPauses).where(and(eq(scenarioPauses.groupId, groupId), eq(scenarioPauses.scenario, input.scenario))).run();
      }
    }
  });
}

/** Images a leader attached to this scenario (newest first), else the ones shipped in data/; at most three. */
export function imagesFor(store: Store, communityId: number, scenario: string, shipped: string[] = []): string[] {
  const uploaded = store.db.select({ path: campaignImages.path }).from(campaignImages)
    .where(and(eq(campaignImages.communityId, communityId), eq(campaignImages.scenario, scenario)))
    .all().map((r) => r.path).reverse();
  // A photo removed from the media directory is skipped rather than failing the post.
  return (uploaded.length ? uploaded : shipped).filter((p) => fs.existsSync(p)).slice(0, MAX_IMAGES);
}

/** Queues one delivery through the outbox: main text, then the images as files, then the follow-ups. */
function deliver(app: App, communityId: number, group: Group, key: string, d: Delivery, now: number): void {
  const parts: { body: string; kind: 'text' | 'file'; notBefore: number }[] = [
    { body: d.post.text, kind: 'text', notBefore: now },
    ...(d.post.images ?? []).slice(0, MAX_IMAGES).map((body) => ({ body, kind: 'file' as const, notBefore: now })),
    ...(d.post.followUps ?? []).map((f) => ({ body: f.text, kind: 'text' as const, notBefore: now + f.afterMinutes * 60_000 })),
  ];
  parts.forEach((p, i) => {
    const dedupKey = `${key}:${i}`;
    if (d.to === 'group') enqueue(app.store, { conversationId: group.roomId, conversationKind: 'room', body: p.body, kind: p.kind, dedupKey, notBefore: p.notBefore }, now);
    else if (p.kind === 'text') notifyLeaders(app.store, communityId, p.body, dedupKey, now);
  });
}

function record(store: Store, scenario: string, job: Job, status: 'posted' | 'skipped', note: string | null, now: number): boolean {
  return store.db.insert(scenarioRuns).values({ scenario, groupId: job.group.id, period: job.period, status, note, at: now })
    .onConflictDoNothing().run().changes > 0;
}

/** Runs one job exactly once: the run record, the job's side effects and its outbox rows commit together. */
export function runJob(app: App, scenario: Scenario, communityId: number, job: Job, now: number): 'posted' | 'paused' | 'done_before' {
  const outcome = app.store.db.transaction(() => {
    if (isPaused(app.store, job.group.id, scenario.name)) {
      if (!record(app.store, scenario.name, job, 'skipped', 'paused', now)) return 'done_before' as const;
      job.rules?.();
      return 'paused' as const;
    }
    if (!record(app.store, scenario.name, job, 'posted', null, now)) return 'done_before' as const;
    job.rules?.();
    const deliveries = job.run();
    deliveries.forEach((d, i) => deliver(app, communityId, job.group, `scenario:${scenario.name}:${job.group.id}:${job.period}:${i}`, d, now));
    if (deliveries.some((d) => d.to === 'group')) app.events.emit(app, 'campaignPosted', { communityId, groupId: job.group.id, scenario: scenario.name, now });
    return 'posted' as const;
  });
  if (outcome === 'posted') app.notifyOutbox();
  return outcome;
}

/**
 * Runs every scenario's latest due fire (≤ now) for every community. Idempotent: jobs already recorded are
 * left alone. A fire later than the scenario's grace window is recorded as skipped and logged.
 */
export function runDue(app: App, scenarios: readonly Scenario[], now = app.now()): RunReport {
  const report: RunReport = { posted: 0, skipped: 0 };
  const communities = listCommunities(app.store);
  for (const scenario of scenarios) {
    const fireAt = previousFire(scenario.schedule(app.config), now, LOOKBACK_MS);
    if (fireAt === null) continue;
    const late = now - fireAt > scenario.graceMs;
    for (const community of communities) {
      let jobs: Job[];
      try {
        jobs = scenario.jobs({ app, community, fireAt, now });
      } catch (err) {
        app.log.error({ err, scenario: scenario.name, communityId: community.id }, 'scenario jobs failed');
        continue;
      }
      for (const job of jobs) {
        try {
          if (late) {
            const skipped = app.store.db.transaction(() => {
              if (!record(app.store, scenario.name, job, 'skipped', 'missed', now)) return false;
              job.rules?.();
              return true;
            });
            if (skipped) {
              report.skipped++;
              // A fire from before the group was bound was never missed: only a real outage is worth a warning.
              if (fireAt < job.group.createdAt) app.log.debug({ scenario: scenario.name, groupId: job.group.id, period: job.period }, 'scenario fire predates the group: skipped');
              else app.log.warn({ scenario: scenario.name, groupId: job.group.id, period: job.period, fireAt }, 'scenario missed while down: skipped');
            }
            continue;
          }
          const r = runJob(app, scenario, community.id, job, now);
          if (r === 'posted') report.posted++;
          if (r === 'paused') report.skipped++;
        } catch (err) {
          app.log.error({ err, scenario: scenario.name, groupId: job.group.id, period: job.period }, 'scenario run failed');
        }
      }
    }
  }
  return report;
}
