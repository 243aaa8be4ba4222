// Touchpoints residents meet (the attribution's journeys): a post into a group is one row with no member — every
// resident present in the group met it, expanded when the journeys are read — and a private one names the resident.
import type { Store } from '../../store/db.js';
import { preparedFor } from '../../store/prepared.js';

/** The kinds /归因 credits, by the names residents and leaders use. */
export const TOUCHPOINT_KINDS = ['开团通知', '截单提醒', '直播日', '爆款测试', '剧本杀', '邀请', '券提醒', '晨报', '时令活动', '大促'] as const;
export type TouchpointKind = (typeof TOUCHPOINT_KINDS)[number];

const insert = preparedFor((store: Store) => store.sqlite.prepare(`INSERT INTO touchpoints (community_id, group_id, member_id, kind, at)
  VALUES (@communityId, @groupId, @memberId, @kind, @at)`));

export function logTouchpoint(
  store: Store,
  input: { communityId: number; kind: TouchpointKind; groupId?: number | null; memberId?: number | null },
  now: number,
): void {
  insert(store).run({ communityId: input.communityId, groupId: input.groupId ?? null, memberId: input.memberId ?? null, kind: input.kind, at: now });
}
