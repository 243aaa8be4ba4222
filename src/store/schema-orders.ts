// Order-path tables (issue 12): leaders' adjustments after cut-off, and which community a member of
// several writes to in private chat. Epoch ms.
import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core';
import { communities, members, orderItems, orders, products } from './schema.js';
import { qtyMilli } from '../quantity.js';

/** A leader's change to an order line by /改单 (after cut-off residents cannot change orders): the record. */
export const orderAdjustments = sqliteTable('order_adjustments', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  communityId: integer('community_id').notNull().references(() => communities.id),
  orderId: integer('order_id').notNull().references(() => orders.id),
  itemId: integer('item_id').notNull().references(() => orderItems.id),
  memberId: integer('member_id').notNull().references(() => members.id),
  productId: integer('product_id').notNull().references(() => products.id),
  /** Same unit and storage as order_items.qty (integer thousandths); 0 in to_qty means the line was removed. */
  fromQty: qtyMilli('from_qty_milli').notNull(),
  toQty: qtyMilli('to_qty_milli').notNull(),
  byContactId: text('by_contact_id').notNull(),
  at: integer('at').notNull(),
}, (t) => [index('order_adjustments_order').on(t.orderId)]);

/** The community a contact who belongs to several chose for private chat (asked once, remembered). */
export const privateChoices = sqliteTable('private_choices', {
  contactId: text('contact_id').primaryKey(),
  communityId: integer('community_id').notNull().references(() => communities.id),
  chosenAt: integer('chosen_at').notNull(),
});

export type OrderAdjustment = typeof orderAdjustments.$inferSelect;
