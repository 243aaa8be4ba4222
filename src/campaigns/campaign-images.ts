// "1+3+N" images a leader uploads: a photo waits (scenario null) until /素材 names the campaign it is for.
import { and, desc, eq, inArray, isNull, notInArray } from 'drizzle-orm';
import type { Store } from '../store/db.js';
import { campaignImages } from '../store/schema-campaigns.js';
import { MAX_IMAGES } from './scheduler/runs.js';

export function savePendingImage(store: Store, input: { communityId: number; contactId: string; path: string }, now: number): void {
  store.db.insert(campaignImages).values({ ...input, scenario: null, at: now }).run();
}

/** The leader's newest waiting photos (up to three) become the scenario's images, replacing the old ones. */
export function attachImages(store: Store, communityId: number, contactId: string, scenario: string, now: number): number {
  return store.db.transaction((tx) => {
    const mine = and(eq(campaignImages.communityId, communityId), eq(campaignImages.contactId, contactId), isNull(campaignImages.scenario));
    const pending = tx.select().from(campaignImages).where(mine).orderBy(desc(campaignImages.id)).limit(MAX_IMAGES).all();
    if (pending.length === 0) return 0;
    const ids = pending.map((p) => p.id);
    tx.delete(campaignImages).where(and(eq(campaignImages.communityId, communityId), eq(campaignImages.scenario, scenario))).run();
    tx.update(campaignImages).set({ scenario, at: now }).where(inArray(campaignImages.id, ids)).run();
    tx.delete(campaignImages).where(and(mine, notInArray(campaignImages.id, ids))).run();
    return pending.length;
  });
}

export function clearImages(store: Store, communityId: number, scenario: string): number {
  return store.db.delete(campaignImages).where(and(eq(campaignImages.communityId, communityId), eq(campaignImages.scenario, scenario))).run().changes;
}

export function imageCounts(store: Store, communityId: number, contactId: string): { pending: number; byScenario: Map<string, number> } {
  const rows = store.db.select().from(campaignImages).where(eq(campaignImages.communityId, communityId)).all();
  const byScenario = new Map<string, number>();
  let pending = 0;
  for (const r of rows) {
    if (r.scenario === null) { if (r.contactId === contactId) pending++; } else byScenario.set(r.scenario, (byScenario.get(r.scenario) ?? 0) + 1);
  }
  return { pending, byScenario };
}
