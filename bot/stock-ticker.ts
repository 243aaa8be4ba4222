// The hourly inventory check (动态库存预警) and the delivery-slot check (应急物流); both are idempotent
// (alerts and late notices are recorded once), so a restart simply catches up at its first tick.
import type { App } from '../src/core/types.js';
import { checkInventory } from '../src/catalog/stock-alerts.js';
import { checkLogistics } from '../src/service/logistics.js';
import { startTicker } from './ticker.js';

export function startStockTicker(app: App, inventoryEveryMs = 3600_000, logisticsEveryMs = 60_000): () => void {
  const stops = [
    startTicker(app, 'inventory check', inventoryEveryMs, () => {
      const r = checkInventory(app, app.now());
      if (r.crossings || r.rearmed) app.log.info(r, 'inventory check');
    }),
    startTicker(app, 'logistics check', logisticsEveryMs, () => {
      const r = checkLogistics(app, app.now());
      if (r.late.length) app.log.info({ late: r.late.map((s) => s.id) }, 'late delivery slots');
    }),
  ];
  return () => { for (const stop of stops) stop(); };
}
