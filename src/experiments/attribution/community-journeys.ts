// The journeys of a community's residents over a window, for /归因. One journey per resident in the community during
// the window: converted when they placed a live order in it, with the touchpoints they met in the window before their
// first such order; otherwise not converted, with every touchpoint they met in the window. A resident met a group post
// when they were in that group (roster.ts) and had joined and not yet left at its time; a private touchpoint names them.
import type { Store } from '../../store/db.js';
import { presenceUpTo } from '../roster.js';
import { JourneyAggregator, type JourneyCounts } from './shapley.js';

export function communityJourneys(store: Store, communityId: number, window: { start: number; end: number }): JourneyCounts & { lines: number } {
  const { start, end } = window;
  const residents = store.sqlite.prepare(`SELECT m.id AS id, m.joined_at AS joinedAt, m.left_at AS leftAt,
      (SELECT min(o.created_at) FROM orders o WHERE o.member_id = m.id AND o.created_at >= @s AND o.created_at < @e AND o.status <> 'cancelled') AS firstOrder
    FROM members m WHERE m.community_id = @c AND m.role = 'resident' AND m.joined_at < @e AND (m.left_at IS NULL OR m.left_at >= @s)`)
    .all({ c: communityId, s: start, e: end }) as { id: number; joinedAt: number; leftAt: number | null; firstOrder: number | null }[];
  const touch = store.sqlite.prepare(`SELECT group_id AS groupId, member_id AS memberId, kind, at FROM touchpoints
    WHERE community_id = ? AND at >= ? AND at < ? ORDER BY at`).all(communityId, start, end) as { groupId: number | null; memberId: number | null; kind: string; at: number }[];
  const push = <K, V>(m: Map<K, V[]>, k: K, v: V) => { const xs = m.get(k); if (xs) xs.push(v); else m.set(k, [v]); };
  const byGroup = new Map<number, { kind: string; at: number }[]>();
  const byMember = new Map<number, { kind: string; at: number }[]>();
  for (const t of touch) {
    if (t.memberId !== null) push(byMember, t.memberId, t);
    else if (t.groupId !== null) push(byGroup, t.groupId, t);
  }
  const groupsOf = new Map<number, number[]>();
  for (const p of presenceUpTo(store, communityId, end)) push(groupsOf, p.memberId, p.groupId);
  const agg = new JourneyAggregator();
  for (const r of residents) {
    const until = r.firstOrder ?? end;
    const met = (t: { at: number }) => t.at < until && t.at >= r.joinedAt && (r.leftAt === null || t.at < r.leftAt);
    const kinds = new Set<string>();
    for (const t of byMember.get(r.id) ?? []) if (met(t)) kinds.add(t.kind);
    for (const g of groupsOf.get(r.id) ?? []) for (const t of byGroup.get(g) ?? []) if (met(t)) kinds.add(t.kind);
    agg.add([...kinds], r.firstOrder !== null);
  }
  return { ...agg.counts(), lines: agg.size };
}
