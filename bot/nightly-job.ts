// Schedules the nightly pass with node-cron at 03:00 Shanghai time, when the groups are quiet.
import cron from 'node-cron';
import type { App } from '../src/core/types.js';
import { runNightly } from '../src/growth/nightly.js';

export interface NightlyJob { stop(): void; nextRun(): Date | null }

export function startNightlyJob(app: App, expression = '0 3 * * *'): NightlyJob {
  const task = cron.schedule(expression, () => {
    try {
      app.log.info(runNightly(app), 'nightly pass done');
    } catch (err) {
      app.log.error({ err }, 'nightly pass failed');
    }
  }, { timezone: 'Asia/Shanghai', name: 'nightly', noOverlap: true });
  return { stop: () => { void task.destroy(); }, nextRun: () => task.getNextRun() };
}
