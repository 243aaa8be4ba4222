// Every timed job of the bot, in the order they run when due at the same moment: cut-offs first (a reminder or a
// digest then sees the session closed), then the campaigns and reminders, SLA escalations, the stock and delivery
// checks, the nightly pass. The real-time timers (ticker.ts) and the simulated clock (sim-clock.ts) both run this list.
import type { App } from '../src/core/types.js';
import type { TimedJob } from './ticker.js';
import { sessionCloserJob } from './session-closer.js';
import { scenarioJobs } from './scheduler.js';
import { serviceJob } from './service-ticker.js';
import { stockJobs } from './stock-ticker.js';
import { nightlyJob } from './nightly-job.js';

export function timedJobs(app: App): TimedJob[] {
  return [
    sessionCloserJob(app, app.config.sessionCheckMs),
    ...(app.config.campaigns.enabled ? scenarioJobs(app) : []),
    serviceJob(app, app.config.serviceCheckMs),
    ...stockJobs(app, app.config.stockCheckMs, app.config.logisticsCheckMs),
    nightlyJob(app),
  ];
}
