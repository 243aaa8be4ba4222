// Closes sessions whose cut-off has passed, and settles collected orders past the dispute window:
// checked on a short interval, so a restart catches up at once.
import type { App } from '../src/core/types.js';
import { dueSessions, nextCutoff } from '../src/ordering/sessions.js';
import { closeAndAnnounce } from '../src/ordering/session-close.js';
import { nextSettle, settleOrders } from '../src/ordering/fulfilment.js';
import { earliest, type TimedJob } from './ticker.js';

export function sessionCloserJob(app: App, everyMs = 15_000): TimedJob {
  return {
    name: 'session closer',
    schedule: { kind: 'every', ms: everyMs },
    dueAfter: (after, until) => earliest([nextCutoff(app.store, after), nextSettle(app.store, after)], until),
    run: (now) => {
      for (const s of dueSessions(app.store, now)) {
        const r = closeAndAnnounce(app, s.id);
        if (r) app.log.info({ sessionId: s.id, outcome: r.outcome, orders: r.orders }, 'session closed at cut-off');
      }
      const settled = settleOrders(app.store, now);
      if (settled) app.log.info({ settled }, 'orders done after the dispute window');
    },
  };
}

