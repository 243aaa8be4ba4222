// The simulated clock: a clock line (`@2026-11-02 09:00`) moves the app clock forward, and everything due by then
// runs as if the time had passed, in order. An event queue over the timed jobs (bot/jobs.ts) and the outbox:
// repeatedly find the earliest moment ≤ target when some job is due, send the outbox rows due before it (the clock
// held at each send), hold the clock there and run the due jobs in list order; then the rest of the outbox up to
// the target. A job that knows its next due moment from the store (a cut-off, an SLA deadline) says so, so a quiet
// month costs a few hundred steps, not one per minute.
import type { App } from '../src/core/types.js';
import type { MovableClock } from '../src/clock.js';
import type { OutboxSender } from './outbox-sender.js';
import { runSafely, scheduledAfter, type TimedJob } from './ticker.js';

export interface AdvanceReport {
  from: number;
  to: number;
  /** Distinct moments the clock stopped at to run jobs. */
  steps: number;
  /** Job runs (several jobs may run at one step). */
  runs: number;
  /** Outbox rows delivered during the advance. */
  sent: number;
}

const totalChanges = (app: App): number => (app.store.sqlite.prepare('SELECT total_changes() AS n').get() as { n: number }).n;

/**
 * Moves the clock from now to `target` (> now), running every job at each of its due moments and sending the
 * outbox in simulated time. The real-time timers and the sender loop must be paused by the caller. The clock is
 * left running at real speed from `target`.
 */
export async function advanceClock(app: App, jobs: readonly TimedJob[], sender: OutboxSender, clock: MovableClock, target: number): Promise<AdvanceReport> {
  if (target <= clock.now()) throw new Error('the simulated clock only moves forward');
  const hold = (at: number) => clock.hold(at);
  const from = clock.freeze();
  const report: AdvanceReport = { from, to: target, steps: 0, runs: 0, sent: 0 };
  try {
    // What the tickers find due already runs first: their real-time ticks may not have come round to it yet (cron
    // jobs were armed for their exact fires, so they have nothing to catch up).
    for (const job of jobs) if (job.schedule.kind === 'every') runSafely(app, job, from);
    report.sent += await sender.sendDueUntil(from, hold);
    // A job's next due moment is a function of the time and the store: while the store is unchanged (SQLite's
    // count of changed rows) and the moment is still ahead, it stands; by its schedule alone it stands until the job ran.
    const known = new Map<TimedJob, { at: number | null; changes: number }>();
    let cur = from;
    for (;;) {
      app.store.batch.flush();
      const changes = totalChanges(app);
      const dues = jobs.map((job) => {
        const k = known.get(job);
        if (k && (k.at === null || k.at > cur) && (!job.dueAfter || k.changes === changes)) return k.at;
        const at = job.dueAfter ? job.dueAfter(cur, target) : scheduledAfter(job, cur, target);
        known.set(job, { at, changes });
        return at;
      });
      let next: number | null = null;
      for (const d of dues) if (d !== null && d > cur && d <= target && (next === null || d < next)) next = d;
      report.sent += await sender.sendDueUntil(next ?? target, hold);
      if (next === null) break;
      hold(next);
      report.steps++;
      jobs.forEach((job, i) => {
        if (dues[i] !== next) return;
        runSafely(app, job, next);
        known.delete(job);
        report.runs++;
      });
      cur = next;
    }
    hold(target);
    report.sent += await sender.sendDueUntil(target, hold);
  } finally {
    clock.release();
  }
  return report;
}
