// The hourly inventory check (动态库存预警) and the delivery-slot check (应急物流); both are idempotent
// (alerts and late notices are recorded once), so a restart simply catches up at its first tick.
import type { App } from '../src/core/types.js';
import { checkInventory } from '../src/catalog/stock-alerts.js';
import { checkLogistics, nextLateCheck } from '../src/service/logistics.js';
import { earliest, type TimedJob } from './ticker.js';

export function stockJobs(app: App, inventoryEveryMs = 3600_000, logisticsEveryMs = 60_000): TimedJob[] {
  return [
    {
      // Alert levels follow the sales rate, which drifts with time itself: the simulated clock checks on every
      // period too (hourly by default, so a month is 720 checks).
      name: 'inventory check',
      schedule: { kind: 'every', ms: inventoryEveryMs },
      run: (now) => {
        const r = checkInventory(app, now);
        if (r.crossings || r.rearmed) app.log.info(r, 'inventory check');
      },
    },
    {
      name: 'logistics check',
      schedule: { kind: 'every', ms: logisticsEveryMs },
      dueAfter: (after, until) => earliest([nextLateCheck(app.store, after)], until),
      run: (now) => {
        const r = checkLogistics(app, now);
        if (r.late.length) app.log.info({ late: r.late.map((s) => s.id) }, 'late delivery slots');
      },
    },
  ];
}
