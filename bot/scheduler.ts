// Scheduled campaigns on node-cron (Asia/Shanghai): one task per scenario, each running its due jobs.
// On start the latest due fire of every scenario is caught up (or recorded as skipped when too late).
import cron from 'node-cron';
import type { App } from '../src/app.js';
import type { Scenario } from '../src/scheduler/scenario.js';
import { runDue } from '../src/scheduler/runs.js';
import { scenarios as allScenarios } from '../scenarios/index.js';

export interface Scheduler { stop(): void; nextRuns(): { name: string; next: Date | null }[] }

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
  const tasks = scenarios.map((s) => ({
    name: s.name,
    task: cron.schedule(s.schedule(app.config), () => run([s], 'cron'), { timezone: 'Asia/Shanghai', name: `scenario:${s.name}`, noOverlap: true }),
  }));
  return {
    stop: () => { for (const t of tasks) void t.task.destroy(); },
    nextRuns: () => tasks.map((t) => ({ name: t.name, next: t.task.getNextRun() })),
  };
}
