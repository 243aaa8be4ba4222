// 紧急预案库: the standard first reply per complaint scenario type. data/complaint-replies.json is the
// shipped default; a community's leaders may reword any of them with /话术 (kept per community).
import { and, eq } from 'drizzle-orm';
import type { Store } from '../store/db.js';
import { complaintReplyEdits } from '../store/schema-service.js';
import { complaintReply } from '../messaging/replies.js';

/** The 12 scenario types, in the order /话术 lists them (the NLU's complaintType values). */
export const COMPLAINT_TYPES = ['食品安全', '变质不新鲜', '破损', '缺斤少两', '配送延迟', '未送达', '错发漏发', '价格', '服务态度', '退款', '与描述不符', '其他'] as const;
export type ComplaintTypeName = (typeof COMPLAINT_TYPES)[number];

export const MAX_REPLY_CHARS = 300;

export function isComplaintType(word: string): word is ComplaintTypeName {
  return (COMPLAINT_TYPES as readonly string[]).includes(word);
}

/** The reply residents of the community get for `type`: the leaders' wording, else the shipped one. */
export function replyFor(store: Store, communityId: number, type: string): string {
  const edit = store.db.select({ body: complaintReplyEdits.body }).from(complaintReplyEdits)
    .where(and(eq(complaintReplyEdits.communityId, communityId), eq(complaintReplyEdits.type, type))).get();
  return edit?.body ?? complaintReply(type);
}

export function isEdited(store: Store, communityId: number, type: string): boolean {
  return store.db.select({ type: complaintReplyEdits.type }).from(complaintReplyEdits)
    .where(and(eq(complaintReplyEdits.communityId, communityId), eq(complaintReplyEdits.type, type))).get() !== undefined;
}

export function setReply(store: Store, communityId: number, type: ComplaintTypeName, body: string, by: string, now: number): void {
  store.db.insert(complaintReplyEdits).values({ communityId, type, body, updatedBy: by, updatedAt: now })
    .onConflictDoUpdate({ target: [complaintReplyEdits.communityId, complaintReplyEdits.type], set: { body, updatedBy: by, updatedAt: now } }).run();
}

/** Back to the shipped wording; false when it was not edited. */
export function resetReply(store: Store, communityId: number, type: ComplaintTypeName): boolean {
  return store.db.delete(complaintReplyEdits)
    .where(and(eq(complaintReplyEdits.communityId, communityId), eq(complaintReplyEdits.type, type))).run().changes > 0;
}
