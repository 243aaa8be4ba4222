// In-memory view of groups and members in front of the store, so a message costs no lookups once warm.
import type { Store } from '../store/db.js';
import type { Community, Group, Member } from '../store/schema.js';
import { communityById, groupByRoomId } from '../community/communities.js';
import { membershipsOf, touchMember, upsertMember } from '../growth/members.js';
import { chosenCommunity } from '../community/private-choice.js';

/** last_seen_at is written at most this often per member (it feeds "silent member" checks, daily granularity). */
const TOUCH_EVERY_MS = 3600_000;

export class Directory {
  private groups = new Map<string, Group | null>();
  private members = new Map<string, Member>();
  private communities = new Map<number, Community | null>();

  constructor(private readonly store: Store) {}

  group(roomId: string): Group | null {
    let g = this.groups.get(roomId);
    if (g === undefined) {
      g = groupByRoomId(this.store, roomId) ?? null;
      this.groups.set(roomId, g);
    }
    return g;
  }

  community(id: number): Community | null {
    let c = this.communities.get(id);
    if (c === undefined) {
      c = communityById(this.store, id) ?? null;
      this.communities.set(id, c);
    }
    return c;
  }

  /** The member speaking in a community; created on first sight, nickname kept current. */
  member(communityId: number, contactId: string, nickname: string, now: number): Member {
    const key = `${communityId}:${contactId}`;
    let m = this.members.get(key);
    // Writes join the store's write batch: a burst of new faces costs one commit, not one each.
    if (!m || m.displayName !== nickname || m.leftAt !== null) {
      m = this.store.batch.run(() => upsertMember(this.store, { communityId, contactId, nickname }, now));
    }
    if (m.lastSeenAt === null || now - m.lastSeenAt > TOUCH_EVERY_MS) {
      const id = m.id;
      this.store.batch.run(() => touchMember(this.store, id, now));
      m = { ...m, lastSeenAt: now };
    }
    this.members.set(key, m);
    return m;
  }

  /** The communities a contact is a member of (not left), by community id. */
  memberships(contactId: string): Member[] {
    return membershipsOf(this.store, contactId).filter((m) => m.leftAt === null).sort((a, b) => a.communityId - b.communityId);
  }

  /**
   * For a private chat: the membership it is about — the only one, or the one the contact chose when they
   * belong to several (null until they choose; see handlers/choose-community.ts).
   */
  privateMember(contactId: string): Member | null {
    const list = this.memberships(contactId);
    if (list.length <= 1) return list[0] ?? null;
    const chosen = chosenCommunity(this.store, contactId);
    return list.find((m) => m.communityId === chosen) ?? null;
  }

  updateCommunity(community: Community): void { this.communities.set(community.id, community); }

  /** Replaces the cached row after a write to it (recent product, 接龙). */
  updateGroup(group: Group): void { this.groups.set(group.roomId, group); }

  /** Call after writing a group or member behind the cache's back (bind, role change, join/leave). */
  forgetGroup(roomId: string): void { this.groups.delete(roomId); }
  forgetMember(communityId: number, contactId: string): void { this.members.delete(`${communityId}:${contactId}`); }

  /** Keeps the cached row in step with a write whose new values are known (a tier change after an order). */
  patchMember(communityId: number, contactId: string, patch: Partial<Member>): void {
    const key = `${communityId}:${contactId}`;
    const m = this.members.get(key);
    if (m) this.members.set(key, { ...m, ...patch });
  }
}
