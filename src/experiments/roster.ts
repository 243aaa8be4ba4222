// Who is in which group. WeChat's room lists are not in the store, so a resident counts as in a group once the store
// has seen them there — a join event, a message (group_activity) or an order placed in it — and until they leave the
// community. The experiments use it for the group sizes of the stratification and to expand a group post into the
// journeys of the residents who were in the group.
import type { Store } from '../store/db.js';
import { preparedFor } from '../store/prepared.js';
import { shanghaiDay } from '../time.js';

export interface Presence { groupId: number; memberId: number; joinedAt: number; leftAt: number | null }

const statements = preparedFor((store: Store) => ({
  // @c community, @at the instant, @day its Shanghai day: evidence up to then.
  presence: store.sqlite.prepare(`WITH seen AS (
      SELECT ga.group_id AS g, ga.member_id AS m FROM group_activity ga JOIN groups gr ON gr.id = ga.group_id
        WHERE gr.community_id = @c AND ga.day <= @day
      UNION SELECT o.group_id, o.member_id FROM orders o WHERE o.community_id = @c AND o.group_id IS NOT NULL AND o.created_at < @at
      UNION SELECT e.group_id, mm.id FROM member_events e JOIN members mm ON mm.community_id = e.community_id AND mm.contact_id = e.contact_id
        WHERE e.community_id = @c AND e.kind = 'join' AND e.at < @at)
    SELECT seen.g AS groupId, seen.m AS memberId, m.joined_at AS joinedAt, m.left_at AS leftAt
    FROM seen JOIN members m ON m.id = seen.m
    WHERE m.role = 'resident' AND m.joined_at < @at`),
}));

/** Every (group, resident) pair seen up to `at`, with the resident's join and leave times (left ones included). */
export function presenceUpTo(store: Store, communityId: number, at: number): Presence[] {
  return statements(store).presence.all({ c: communityId, at, day: shanghaiDay(at) }) as Presence[];
}

/** Residents in each group at `at` (seen there before, not left): the group sizes. */
export function groupSizes(store: Store, communityId: number, groupIds: readonly number[], at: number): Map<number, number> {
  const sizes = new Map(groupIds.map((id) => [id, 0]));
  for (const p of presenceUpTo(store, communityId, at)) {
    if (sizes.has(p.groupId) && (p.leftAt === null || p.leftAt > at)) sizes.set(p.groupId, sizes.get(p.groupId)! + 1);
  }
  return sizes;
}
