// Messages to a community's leaders, privately, through the outbox like everything else.
import { and, eq, isNull } from 'drizzle-orm';
import type { Store } from '../store/db.js';
import { members, type Member } from '../store/schema.js';
import { enqueue } from './outbox.js';

export function leadersOf(store: Store, communityId: number): Member[] {
  return store.db.select().from(members)
    .where(and(eq(members.communityId, communityId), eq(members.role, 'leader'), isNull(members.leftAt))).all();
}

/** Queues `text` to every leader; `dedupKey` keeps a re-delivered cause from notifying twice. Returns how many. */
export function notifyLeaders(store: Store, communityId: number, text: string, dedupKey: string, now = Date.now()): number {
  let n = 0;
  for (const l of leadersOf(store, communityId)) {
    if (enqueue(store, { conversationId: l.contactId, conversationKind: 'contact', body: text, dedupKey: `${dedupKey}>${l.contactId}` }, now)) n++;
  }
  return n;
}
