// The nightly pass over every community: tiers re-evaluated, member tags rebuilt.
import type { App } from './app.js';
import { listCommunities } from './services/communities.js';
import { evaluateTiers } from './services/tiers.js';
import { rebuildTags } from './services/tags.js';

export interface NightlyResult { communities: number; tierChanges: number; membersTagged: number }

export function runNightly(app: App, now = app.now()): NightlyResult {
  let tierChanges = 0;
  let membersTagged = 0;
  const list = listCommunities(app.store);
  for (const c of list) {
    tierChanges += evaluateTiers(app.store, c.id, now).length;
    membersTagged += rebuildTags(app.store, c.id, now).length;
  }
  return { communities: list.length, tierChanges, membersTagged };
}
