// Checks complaint-ticket SLA deadlines and crisis reminders every SERVICE_CHECK_MS (what was already sent
// is recorded and never sent again).
import type { App } from '../src/core/types.js';
import { checkDeadlines } from '../src/service/deadlines.js';
import { startTicker } from './ticker.js';

export function startServiceTicker(app: App, everyMs = 60_000): () => void {
  return startTicker(app, 'service deadline check', everyMs, () => {
    const r = checkDeadlines(app, app.now());
    if (r.escalations + r.reminders > 0) app.log.info(r, 'service deadlines');
  });
}
