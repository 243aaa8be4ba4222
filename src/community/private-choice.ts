// Which community a contact who is a member of several means in private chat: asked once, remembered.
import { eq } from 'drizzle-orm';
import type { Store } from '../store/db.js';
import { privateChoices } from '../store/schema-orders.js';

export function chosenCommunity(store: Store, contactId: string): number | undefined {
  return store.db.select({ id: privateChoices.communityId }).from(privateChoices).where(eq(privateChoices.contactId, contactId)).get()?.id;
}

export function choosePrivateCommunity(store: Store, contactId: string, communityId: number, now: number): void {
  store.db.insert(privateChoices).values({ contactId, communityId, chosenAt: now })
    .onConflictDoUpdate({ target: privateChoices.contactId, set: { communityId, chosenAt: now } }).run();
}

export function clearPrivateChoice(store: Store, contactId: string): void {
  store.db.delete(privateChoices).where(eq(privateChoices.contactId, contactId)).run();
}
