// Closes sessions whose cut-off has passed, and settles collected orders past the dispute window:
// checked on a short interval, so a restart catches up at once.
import type { App } from '../src/core/types.js';
import { dueSessions } from '../src/ordering/sessions.js';
import { closeAndAnnounce } from '../src/ordering/session-close.js';
import { settleOrders } from '../src/ordering/fulfilment.js';
import { startTicker } from './ticker.js';

export function startSessionCloser(app: App, everyMs = 15_000): () => void {
  return startTicker(app, 'session closer', everyMs, () => {
    for (const s of dueSessions(app.store, app.now())) {
      const r = closeAndAnnounce(app, s.id);
      if (r) app.log.info({ sessionId: s.id, outcome: r.outcome, orders: r.orders }, 'session closed at cut-off');
    }
    const settled = settleOrders(app.store, app.now());
    if (settled) app.log.info({ settled }, 'orders done after the dispute window');
  });
}
