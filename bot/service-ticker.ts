// Checks complaint-ticket SLA deadlines and crisis reminders every SERVICE_CHECK_MS; ticks at once on
// start so a restart catches up (what was already sent is recorded and never sent again).
import type { App } from '../src/app.js';
import { checkDeadlines } from '../src/service-deadlines.js';

export function startServiceTicker(app: App, everyMs = 60_000): () => void {
  const tick = () => {
    try {
      const r = checkDeadlines(app, app.now());
      if (r.escalations + r.reminders > 0) app.log.info(r, 'service deadlines');
    } catch (err) {
      app.log.error({ err }, 'service deadline check failed');
    }
  };
  tick();
  const timer = setInterval(tick, everyMs);
  return () => clearInterval(timer);
}
