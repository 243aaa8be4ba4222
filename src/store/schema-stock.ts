// Supply chain tables (issue 7, second half): inventory alerts and replenishment, the regional centre
// warehouse, purchase batches with their QC checkpoints, delivery providers and slots, stock-outs.
//
// Locations: products.stock stays the sellable stock at the community front warehouse (社区前置仓), so
// the order hot path is unchanged; the regional centre warehouse (区域中心仓) stock lives in centre_stock.
import { sqliteTable, integer, text, real, uniqueIndex, index, primaryKey } from 'drizzle-orm/sqlite-core';
import { qtyMilli } from '../quantity.js';
import { communities, orders, products } from './schema.js';

/** Per-community alert thresholds (days of cover) and supplier lead time; absent = data/stock-policy.json. */
export const stockPolicies = sqliteTable('stock_policies', {
  communityId: integer('community_id').primaryKey().references(() => communities.id),
  yellowDays: real('yellow_days').notNull(),
  orangeDays: real('orange_days').notNull(),
  redDays: real('red_days').notNull(),
  leadDays: real('lead_days').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/** 区域中心仓 stock per product (the front warehouse stock is products.stock). */
export const centreStock = sqliteTable('centre_stock', {
  productId: integer('product_id').primaryKey().references(() => products.id),
  communityId: integer('community_id').notNull().references(() => communities.id),
  qty: qtyMilli('qty_milli').notNull().default(0),
  updatedAt: integer('updated_at').notNull(),
});

/** Where an alert stands per product: the level announced in the current episode. */
export const stockAlertStates = sqliteTable('stock_alert_states', {
  productId: integer('product_id').primaryKey().references(() => products.id),
  communityId: integer('community_id').notNull().references(() => communities.id),
  /** Bumped when stock recovers above the yellow threshold: the next fall is a new episode. */
  episode: integer('episode').notNull().default(1),
  /** 0 none, 1 黄, 2 橙, 3 红: the highest level announced in this episode. */
  level: integer('level').notNull().default(0),
  updatedAt: integer('updated_at').notNull(),
});

/** Every level crossing announced: (product, level, episode) at most once. */
export const stockAlerts = sqliteTable('stock_alerts', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  communityId: integer('community_id').notNull().references(() => communities.id),
  productId: integer('product_id').notNull().references(() => products.id),
  level: integer('level').notNull(),
  episode: integer('episode').notNull(),
  stock: qtyMilli('stock_milli').notNull(),
  avgDaily: real('avg_daily').notNull(),
  at: integer('at').notNull(),
}, (t) => [uniqueIndex('stock_alerts_once').on(t.productId, t.level, t.episode)]);

/** A replenishment suggestion (one per product and alert episode), then the purchase that confirmed it. */
export const replenishments = sqliteTable('replenishments', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  communityId: integer('community_id').notNull().references(() => communities.id),
  productId: integer('product_id').notNull().references(() => products.id),
  episode: integer('episode').notNull(),
  level: integer('level').notNull(),
  avgDaily: real('avg_daily').notNull(),
  leadDays: real('lead_days').notNull(),
  suggestedQty: qtyMilli('suggested_qty_milli').notNull(),
  status: text('status', { enum: ['pending', 'confirmed'] }).notNull().default('pending'),
  createdAt: integer('created_at').notNull(),
  confirmedAt: integer('confirmed_at'),
  batchId: integer('batch_id'),
}, (t) => [uniqueIndex('replenishments_episode').on(t.productId, t.episode), index('replenishments_community').on(t.communityId, t.status)]);

/** A purchase received (/补货 确认): the unit QC checkpoints and trace codes refer to. */
export const batches = sqliteTable('batches', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  communityId: integer('community_id').notNull().references(() => communities.id),
  productId: integer('product_id').notNull().references(() => products.id),
  /** 第 N 批 of this product. */
  seq: integer('seq').notNull(),
  qty: qtyMilli('qty_milli').notNull(),
  location: text('location', { enum: ['centre', 'front'] }).notNull(),
  status: text('status', { enum: ['pending', 'passed', 'rejected'] }).notNull().default('pending'),
  /** Units taken off sale when a checkpoint failed. */
  withdrawnQty: qtyMilli('withdrawn_qty_milli').notNull().default(0),
  createdBy: text('created_by').notNull(),
  receivedAt: integer('received_at').notNull(),
}, (t) => [uniqueIndex('batches_product_seq').on(t.productId, t.seq), index('batches_community').on(t.communityId)]);

export const QC_STAGES = ['工厂质检', '中心仓复检', '社区验收'] as const;

export const qcChecks = sqliteTable('qc_checks', {
  batchId: integer('batch_id').notNull().references(() => batches.id),
  stage: text('stage', { enum: QC_STAGES }).notNull(),
  passed: integer('passed', { mode: 'boolean' }).notNull(),
  note: text('note'),
  byContactId: text('by_contact_id').notNull(),
  at: integer('at').notNull(),
}, (t) => [primaryKey({ columns: [t.batchId, t.stage] })]);

/** Moves between locations and purchases, for the record (centre ↔ front). */
export const stockMovements = sqliteTable('stock_movements', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  communityId: integer('community_id').notNull().references(() => communities.id),
  productId: integer('product_id').notNull().references(() => products.id),
  kind: text('kind', { enum: ['purchase', 'transfer', 'withdraw'] }).notNull(),
  /** Where it went (purchase, transfer) or came from (withdraw). */
  location: text('location', { enum: ['centre', 'front'] }).notNull(),
  qty: qtyMilli('qty_milli').notNull(),
  batchId: integer('batch_id'),
  byContactId: text('by_contact_id').notNull(),
  at: integer('at').notNull(),
}, (t) => [index('stock_movements_product').on(t.productId, t.at)]);

/** An order attempt refused as sold out: the stock-out rate's numerator (once per message). */
export const stockOuts = sqliteTable('stock_outs', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  communityId: integer('community_id').notNull().references(() => communities.id),
  productId: integer('product_id').notNull().references(() => products.id),
  sourceMsgId: text('source_msg_id').notNull().unique(),
  at: integer('at').notNull(),
}, (t) => [index('stock_outs_community').on(t.communityId, t.at)]);

/**
 * Each order line refused or cut for lack of stock (断货率 by line): the whole message refused (`placed` false) or
 * the line left out of an order whose other lines were placed (`placed` true). Once per message and product.
 */
export const orderShortfalls = sqliteTable('order_shortfalls', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  communityId: integer('community_id').notNull().references(() => communities.id),
  productId: integer('product_id').notNull().references(() => products.id),
  sourceMsgId: text('source_msg_id').notNull(),
  wanted: qtyMilli('wanted_milli').notNull(),
  left: qtyMilli('left_milli').notNull(),
  placed: integer('placed', { mode: 'boolean' }).notNull(),
  at: integer('at').notNull(),
}, (t) => [uniqueIndex('order_shortfalls_once').on(t.sourceMsgId, t.productId), index('order_shortfalls_community').on(t.communityId, t.at)]);

/** Stock written off (损耗): spoiled or broken (/报损), or what a failed QC checkpoint took off sale. */
export const writeOffs = sqliteTable('write_offs', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  communityId: integer('community_id').notNull().references(() => communities.id),
  productId: integer('product_id').notNull().references(() => products.id),
  reason: text('reason', { enum: ['spoiled', 'broken', 'qc_failed'] }).notNull(),
  qty: qtyMilli('qty_milli').notNull(),
  /** At the product's selling price then (loss_rate compares it with GMV, also at selling prices). */
  valueFen: integer('value_fen').notNull(),
  batchId: integer('batch_id'),
  byContactId: text('by_contact_id').notNull(),
  at: integer('at').notNull(),
}, (t) => [index('write_offs_community').on(t.communityId, t.at)]);

/** Each product's stock on hand (front + centre) once a day, by the nightly pass: stock_turnover_days averages it. */
export const stockSnapshots = sqliteTable('stock_snapshots', {
  communityId: integer('community_id').notNull().references(() => communities.id),
  day: text('day').notNull(),
  productId: integer('product_id').notNull().references(() => products.id),
  qty: qtyMilli('qty_milli').notNull(),
  /** qty × the selling price that day, in fen. */
  valueFen: integer('value_fen').notNull(),
}, (t) => [primaryKey({ columns: [t.communityId, t.day, t.productId] })]);

/** Up to 3 third-party delivery providers per community, by priority 1..3. */
export const deliveryProviders = sqliteTable('delivery_providers', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  communityId: integer('community_id').notNull().references(() => communities.id),
  priority: integer('priority').notNull(),
  name: text('name').notNull(),
  phone: text('phone'),
  updatedAt: integer('updated_at').notNull(),
}, (t) => [uniqueIndex('delivery_providers_priority').on(t.communityId, t.priority)]);

/** A delivery time window and the provider carrying it; alerted once when late. */
export const deliverySlots = sqliteTable('delivery_slots', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  communityId: integer('community_id').notNull().references(() => communities.id),
  providerPriority: integer('provider_priority').notNull(),
  providerName: text('provider_name').notNull(),
  startsAt: integer('starts_at').notNull(),
  endsAt: integer('ends_at').notNull(),
  /** Set when the check 30 minutes after the end ran (at most once per slot). */
  checkedAt: integer('checked_at'),
  /** Orders not yet delivered at that check (0 = on time; > 0 = the leader was alerted). */
  lateOrders: integer('late_orders'),
  createdBy: text('created_by').notNull(),
  createdAt: integer('created_at').notNull(),
}, (t) => [index('delivery_slots_due').on(t.endsAt)]);

/** Which orders a slot delivers (an order is in at most one slot). */
export const slotOrders = sqliteTable('slot_orders', {
  slotId: integer('slot_id').notNull().references(() => deliverySlots.id),
  orderId: integer('order_id').notNull().unique().references(() => orders.id),
}, (t) => [index('slot_orders_slot').on(t.slotId)]);

export type Batch = typeof batches.$inferSelect;
export type WriteOff = typeof writeOffs.$inferSelect;
export type QcCheck = typeof qcChecks.$inferSelect;
export type Replenishment = typeof replenishments.$inferSelect;
export type StockPolicy = typeof stockPolicies.$inferSelect;
export type DeliveryProvider = typeof deliveryProviders.$inferSelect;
export type DeliverySlot = typeof deliverySlots.$inferSelect;
