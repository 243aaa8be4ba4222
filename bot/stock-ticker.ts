// The hourly inventory check (动态库存预警) and the delivery-slot check (应急物流) on intervals; both are
// idempotent (alerts and late notices are recorded once), so a restart simply catches up at its first tick.
import type { App } from '../src/app.js';
import { checkInventory } from '../src/services/stock-alerts.js';
import { checkLogistics } from '../src/services/logistics.js';

export function startStockTicker(app: App, inventoryEveryMs = 3600_000, logisticsEveryMs = 60_000): () => void {
  const inventory = () => {
    try {
      const r = checkInventory(app, app.now());
      if (r.crossings || r.rearmed) app.log.info(r, 'inventory check');
    } catch (err) {
      app.log.error({ err }, 'inventory check failed');
    }
  };
  const logistics = () => {
    try {
      const r = checkLogistics(app, app.now());
      if (r.late.length) app.log.info({ late: r.late.map((s) => s.id) }, 'late delivery slots');
    } catch (err) {
      app.log.error({ err }, 'logistics check failed');
    }
  };
  inventory();
  logistics();
  const timers = [setInterval(inventory, inventoryEveryMs), setInterval(logistics, logisticsEveryMs)];
  return () => { for (const t of timers) clearInterval(t); };
}
