// Communities and their "1+N" group matrix.
import { and, eq } from 'drizzle-orm';
import type { Store } from '../store/db.js';
import { communities, groups, type Community, type Group } from '../store/schema.js';

export function findOrCreateCommunity(store: Store, name: string, now: number): Community {
  const found = store.db.select().from(communities).where(eq(communities.name, name)).get();
  if (found) return found;
  return store.db.insert(communities).values({ name, createdAt: now }).returning().get();
}

export function groupByRoomId(store: Store, roomId: string): Group | undefined {
  return store.db.select().from(groups).where(eq(groups.roomId, roomId)).get();
}

export function communityById(store: Store, id: number): Community | undefined {
  return store.db.select().from(communities).where(eq(communities.id, id)).get();
}

export function groupById(store: Store, id: number): Group | undefined {
  return store.db.select().from(groups).where(eq(groups.id, id)).get();
}

export function mainGroupOf(store: Store, communityId: number): Group | undefined {
  return store.db.select().from(groups)
    .where(and(eq(groups.communityId, communityId), eq(groups.kind, 'main'))).get();
}

export type BindResult =
  | { ok: true; group: Group; community: Community }
  | { ok: false; reason: 'main_taken'; existing: Group };

/** Registers a room as the main group or a function subgroup of a community (re-binding moves it). */
export function bindGroup(
  store: Store,
  input: { roomId: string; topic: string; communityName: string; kind: Group['kind']; label?: string | null },
  now: number,
): BindResult {
  return store.db.transaction(() => {
    const community = findOrCreateCommunity(store, input.communityName, now);
    if (input.kind === 'main') {
      const main = mainGroupOf(store, community.id);
      if (main && main.roomId !== input.roomId) return { ok: false as const, reason: 'main_taken' as const, existing: main };
    }
    const values = {
      roomId: input.roomId, topic: input.topic, communityId: community.id,
      kind: input.kind, label: input.kind === 'main' ? null : (input.label ?? null), createdAt: now,
    };
    const group = store.db.insert(groups).values(values)
      .onConflictDoUpdate({ target: groups.roomId, set: { topic: values.topic, communityId: values.communityId, kind: values.kind, label: values.label } })
      .returning().get();
    return { ok: true as const, group, community };
  });
}

export type CommunitySettings = Partial<Pick<Community, 'pickupPlace' | 'deliveryTime' | 'cutoffTime'>>;

export function updateCommunitySettings(store: Store, communityId: number, patch: CommunitySettings): Community {
  return store.db.update(communities).set(patch).where(eq(communities.id, communityId)).returning().get();
}

export function listCommunities(store: Store): Community[] {
  return store.db.select().from(communities).all();
}
