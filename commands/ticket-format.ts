// Shared look-ups of the ticket commands (/回复 /补偿 /工单).
import { eq } from 'drizzle-orm';
import type { App } from '../src/app.js';
import { members } from '../src/store/schema.js';

/** The resident behind a ticket: group nickname and contact id. */
export function residentOf(app: App, memberId: number): { name: string; contactId: string } {
  return app.store.db.select({ name: members.displayName, contactId: members.contactId }).from(members).where(eq(members.id, memberId)).get()
    ?? { name: '居民', contactId: '' };
}

/** "@3-501 张姐 " in a group, nothing in a private chat. */
export function mentionOf(app: App, conversationKind: 'room' | 'contact', memberId: number): string {
  return conversationKind === 'room' ? `@${residentOf(app, memberId).name} ` : '';
}
