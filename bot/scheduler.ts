// Scheduled campaigns (Asia/Shanghai): one timer per scenario, set for its next fire by the same cron-parser
// reading that runDue uses to pick the due slot, so both agree (node-cron ANDs day-of-month with day-of-week).
// On start the latest due fire of every scenario is caught up (or recorded as skipped when too late).
import type { App } from '../src/core/types.js';
import type { Scenario } from '../src/campaigns/scheduler/scenario.js';
import { runDue } from '../src/campaigns/scheduler/runs.js';
import { nextFire } from '../src/campaigns/scheduler/cron-time.js';
import { scenarios as allScenarios } from '../scenarios/index.js';

export interface Scheduler { stop(): void; nextRuns(): { name: string; next: Date | null }[] }

/** Timers are re-armed at least this often, so a changed clock or a far-off fire is re-read. */
const MAX_SLEEP_MS = 3600_000;

export function startScheduler(app: App, scenarios: readonly Scenario[] = allScenarios): Scheduler {
  const run = (list: readonly Scenario[], why: string) => {
    try {
      const r = runDue(app, list);
      if (r.posted || r.skipped) app.log.info({ ...r, why, scenarios: list.map((s) => s.name) }, 'scenarios run');
    } catch (err) {
      app.log.error({ err, why }, 'scenario run failed');
    }
  };
  run(scenarios, 'start');
  let stopped = false;
  const timers = new Map<string, { timer: NodeJS.Timeout; next: number | null }>();
  const arm = (s: Scenario) => {
    if (stopped) return;
    const now = app.now();
    const next = nextFire(s.schedule(app.config), now);
    const timer = setTimeout(() => {
      if (next !== null && app.now() >= next) run([s], 'cron');
      arm(s);
    }, next === null ? MAX_SLEEP_MS : Math.min(MAX_SLEEP_MS, Math.max(0, next - now)));
    timer.unref();
    timers.set(s.name, { timer, next });
  };
  for (const s of scenarios) arm(s);
  return {
    stop: () => { stopped = true; for (const t of timers.values()) clearTimeout(t.timer); timers.clear(); },
    nextRuns: () => scenarios.map((s) => {
      const next = timers.get(s.name)?.next ?? null;
      return { name: s.name, next: next === null ? null : new Date(next) };
    }),
  };
}
