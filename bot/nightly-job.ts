// The nightly pass at 03:00 Shanghai time, when the groups are quiet. Not caught up at start: a restart
// during the day waits for the next night.
import type { App } from '../src/core/types.js';
import { runNightly } from '../src/growth/nightly.js';
import { nextFire } from '../src/campaigns/scheduler/cron-time.js';
import type { TimedJob } from './ticker.js';

export function nightlyJob(app: App, expression = '0 3 * * *'): TimedJob {
  return {
    name: 'nightly pass',
    schedule: { kind: 'cron', next: (after, until) => nextFire(expression, after, until - after), catchUp: false },
    run: (now) => app.log.info(runNightly(app, now), 'nightly pass done'),
  };
}
