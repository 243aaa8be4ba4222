// Checks complaint-ticket SLA deadlines and crisis reminders every SERVICE_CHECK_MS (what was already sent
// is recorded and never sent again).
import type { App } from '../src/core/types.js';
import { checkDeadlines, nextDeadline } from '../src/service/deadlines.js';
import { earliest, type TimedJob } from './ticker.js';

export function serviceJob(app: App, everyMs = 60_000): TimedJob {
  return {
    name: 'service deadline check',
    schedule: { kind: 'every', ms: everyMs },
    dueAfter: (after, until) => earliest([nextDeadline(app, after)], until),
    run: (now) => {
      const r = checkDeadlines(app, now);
      if (r.escalations + r.reminders > 0) app.log.info(r, 'service deadlines');
    },
  };
}
