// Per-group conversation state the parser needs: the product posted last and the latest 接龙 list.
import { eq } from 'drizzle-orm';
import type { Store } from '../store/db.js';
import { groups, type Group } from '../store/schema.js';

/** "+1" in this group now means this product (posted by the leader or the bot). */
export function setRecentProduct(store: Store, groupId: number, productName: string): Group {
  return store.db.update(groups).set({ recentProduct: productName }).where(eq(groups.id, groupId)).returning().get();
}

/** The leader just posted about these products: "+1" / "我也要" in the next minutes follow them. */
export function setRecentPost(store: Store, groupId: number, productNames: string[], at: number): Group {
  return store.db.update(groups).set({
    recentProduct: productNames[productNames.length - 1]!, recentPostProducts: JSON.stringify([...new Set(productNames)]), recentPostAt: at,
  }).where(eq(groups.id, groupId)).returning().get();
}

/** Keeps the newest version of the group's 接龙 list (its next version's new lines are that sender's order). */
export function setLastJielong(store: Store, groupId: number, text: string): Group {
  return store.db.update(groups).set({ lastJielong: text.slice(0, 20_000) }).where(eq(groups.id, groupId)).returning().get();
}
