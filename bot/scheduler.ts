// Scheduled campaigns (Asia/Shanghai): one timed job per scenario, fired by the same cron-parser reading that
// runDue uses to pick the due slot, so both agree (node-cron ANDs day-of-month with day-of-week).
// At start the latest due fire of every scenario is caught up (or recorded as skipped when too late).
import type { App } from '../src/core/types.js';
import type { Scenario } from '../src/campaigns/scheduler/scenario.js';
import { runDue } from '../src/campaigns/scheduler/runs.js';
import { nextFire } from '../src/campaigns/scheduler/cron-time.js';
import { scenarios as allScenarios } from '../scenarios/index.js';
import type { TimedJob } from './ticker.js';

const MINUTE = 60_000;

export function scenarioJobs(app: App, scenarios: readonly Scenario[] = allScenarios): TimedJob[] {
  return scenarios.map((s) => {
    const fireAfter = (after: number, until: number) => nextFire(s.schedule(app.config), after, until - after);
    const job: TimedJob = {
      name: `scenario ${s.name}`,
      schedule: { kind: 'cron', next: fireAfter, catchUp: true },
      run: (now) => {
        const r = runDue(app, [s], now);
        if (r.posted || r.skipped) app.log.info({ ...r, scenario: s.name }, 'scenario run');
      },
    };
    // A scenario that knows when it next has work lets the simulated clock skip the fires before (the first fire
    // from that moment on, `nextFire` counting from the minute before so a fire at that very minute is kept).
    const { wakeAfter } = s;
    if (wakeAfter) {
      job.dueAfter = (after, until) => {
        const from = wakeAfter(app, after);
        return from === null ? null : fireAfter(Math.max(after, from - MINUTE), until);
      };
    }
    return job;
  });
}
