// Messages to a community's leaders, privately, through the outbox like everything else.
import { and, eq, isNull, sql } from 'drizzle-orm';
import { preparedFor } from '../store/prepared.js';
import type { Store } from '../store/db.js';
import { members, type Member } from '../store/schema.js';
import { enqueue } from './outbox.js';

const leadersQuery = preparedFor((store) => store.db.select().from(members)
  .where(and(eq(members.communityId, sql.placeholder('communityId')), eq(members.role, 'leader'), isNull(members.leftAt))).prepare());

export function leadersOf(store: Store, communityId: number): Member[] {
  return leadersQuery(store).all({ communityId });
}

/** Queues `text` to every leader; `dedupKey` keeps a re-delivered cause from notifying twice. Returns how many. */
export function notifyLeaders(store: Store, communityId: number, text: string, dedupKey: string, now: number): number {
  let n = 0;
  for (const l of leadersOf(store, communityId)) {
    if (enqueue(store, { conversationId: l.contactId, conversationKind: 'contact', body: text, dedupKey: `${dedupKey}>${l.contactId}` }, now)) n++;
  }
  return n;
}
