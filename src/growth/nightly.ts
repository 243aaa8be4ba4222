// The nightly pass over every community: tiers re-evaluated, member tags rebuilt, the day's stock on hand noted.
import type { App } from '../core/types.js';
import { listCommunities } from '../community/communities.js';
import { evaluateTiers } from './tiers.js';
import { rebuildTags } from './tags.js';
import { snapshotStock } from '../catalog/stock-records.js';
import { warmOutlooks } from '../forecast/community.js';

export interface NightlyResult { communities: number; tierChanges: number; membersTagged: number; stockSnapshots: number }

export function runNightly(app: App, now = app.now()): NightlyResult {
  let tierChanges = 0;
  let membersTagged = 0;
  let stockSnapshots = 0;
  const list = listCommunities(app.store);
  for (const c of list) {
    tierChanges += evaluateTiers(app.store, c.id, now).length;
    membersTagged += rebuildTags(app.store, c.id, now).length;
    stockSnapshots += snapshotStock(app.store, c.id, now);
    // The day's demand forecast, trained now so /补货, /开团 and the morning digest do not wait for it.
    try { warmOutlooks(app.store, [c.id], now); } catch (err) { app.log.error({ err, communityId: c.id }, 'demand forecast failed'); }
  }
  return { communities: list.length, tierChanges, membersTagged, stockSnapshots };
}
