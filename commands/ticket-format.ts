// Shared wording of the ticket commands (/回复 /补偿).
import type { App } from '../src/core/types.js';
import { ticketResident } from '../src/service/tickets.js';

/** "@3-501 张姐 " in a group, nothing in a private chat. */
export function mentionOf(app: App, conversationKind: 'room' | 'contact', memberId: number): string {
  return conversationKind === 'room' ? `@${ticketResident(app.store, memberId).name} ` : '';
}
