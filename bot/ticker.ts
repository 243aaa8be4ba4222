// What a timed job is, and the real-time way of running them: a ticker runs at start (so a restart catches up at
// once) and then every `everyMs`; a cron job is armed for its next fire. The simulated clock (bot/sim-clock.ts)
// runs the same jobs at their due moments instead. A failing run is logged and simply tried again next time.
import type { App } from '../src/core/types.js';

export type Schedule =
  /** Checked every `ms` of real time. */
  | { kind: 'every'; ms: number }
  /** Fires at `next(after, until)`: the first fire in (after, until], or null. `catchUp`: also run at start. */
  | { kind: 'cron'; next(after: number, until: number): number | null; catchUp: boolean };

export interface TimedJob {
  name: string;
  schedule: Schedule;
  /**
   * For the simulated clock: the first moment in (after, until] when run() has something to do, as far as the store
   * tells now (a cut-off, an SLA deadline), or null. Never later than the real due moment. Without it the simulated
   * clock stops at every fire of the schedule.
   */
  dueAfter?(after: number, until: number): number | null;
  /** Does whatever is due at `now`, idempotently (what was sent is recorded, never sent twice). */
  run(now: number): void;
}

/** The job's next fire by its schedule alone, in (after, until]; a ticker's fires are the multiples of its period. */
export function scheduledAfter(job: TimedJob, after: number, until: number): number | null {
  const s = job.schedule;
  if (s.kind === 'cron') return s.next(after, until);
  const next = (Math.floor(after / s.ms) + 1) * s.ms;
  return next <= until ? next : null;
}

/** The earliest of some moments that is not after `until`; null when none is. */
export function earliest(moments: readonly (number | null)[], until: number): number | null {
  let best: number | null = null;
  for (const m of moments) if (m !== null && m <= until && (best === null || m < best)) best = m;
  return best;
}

/** Real time never sleeps longer than this, so a far-off fire (or a clock moved by the simulator) is re-read. */
const MAX_SLEEP_MS = 3600_000;
/** How far ahead a cron job looks for its next fire in real time (a weekly job's next fire is a week away at most). */
const LOOKAHEAD_MS = 32 * 86_400_000;

/** Runs a job; a failure is logged, and the job is simply tried again next time. */
export function runSafely(app: App, job: TimedJob, now: number): void {
  try {
    job.run(now);
  } catch (err) {
    app.log.error({ err, job: job.name }, `${job.name} failed`);
  }
}

/**
 * Starts every job on real-time timers; returns the function that stops them all. `catchUp: false` after the
 * simulated clock moved: it ran every fire up to now, so the cron jobs' catch-up at start is skipped.
 */
export function startTimedJobs(app: App, jobs: readonly TimedJob[], opts: { catchUp?: boolean } = {}): () => void {
  let stopped = false;
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void) => {
    const timer = setTimeout(() => { timers.delete(timer); fn(); }, Math.max(0, ms));
    timer.unref();
    timers.add(timer);
  };
  for (const job of jobs) {
    const s = job.schedule;
    if (s.kind === 'every') {
      runSafely(app, job, app.now()); // at start, so a restart catches up at once
      const timer = setInterval(() => runSafely(app, job, app.now()), s.ms);
      timers.add(timer);
      continue;
    }
    if (s.catchUp && opts.catchUp !== false) runSafely(app, job, app.now());
    const arm = () => {
      if (stopped) return;
      const now = app.now();
      const next = s.next(now, now + LOOKAHEAD_MS);
      later(next === null ? MAX_SLEEP_MS : Math.min(MAX_SLEEP_MS, next - now), () => {
        if (next !== null && app.now() >= next) runSafely(app, job, app.now());
        arm();
      });
    };
    arm();
  }
  return () => {
    stopped = true;
    for (const t of timers) clearTimeout(t);
    timers.clear();
  };
}
