// Scheduled campaigns: scenario runs, pauses, flash tests, big sales, quests and campaign images.
import { sqliteTable, integer, text, real, uniqueIndex, index, primaryKey } from 'drizzle-orm/sqlite-core';
import { communities, groups, members, orders, products, sessions } from './schema.js';

/** One row per (scenario, group, period) that was posted or deliberately skipped: a restart never posts twice. */
export const scenarioRuns = sqliteTable('scenario_runs', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  scenario: text('scenario').notNull(),
  groupId: integer('group_id').notNull().references(() => groups.id),
  period: text('period').notNull(),
  status: text('status', { enum: ['posted', 'skipped'] }).notNull(),
  /** Why it was skipped (missed while down, paused, nothing to post). */
  note: text('note'),
  at: integer('at').notNull(),
}, (t) => [uniqueIndex('scenario_runs_once').on(t.scenario, t.groupId, t.period)]);

/** /活动 暂停 名称: the scenario posts nothing into this group until /活动 恢复. */
export const scenarioPauses = sqliteTable('scenario_pauses', {
  groupId: integer('group_id').notNull().references(() => groups.id),
  scenario: text('scenario').notNull(),
  communityId: integer('community_id').notNull().references(() => communities.id),
  pausedBy: text('paused_by').notNull(),
  at: integer('at').notNull(),
}, (t) => [primaryKey({ columns: [t.groupId, t.scenario] })]);

/** 爆款测试: three testing SKUs offered for three days, then promoted or retired by their interest rate. */
export const flashTests = sqliteTable('flash_tests', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  communityId: integer('community_id').notNull().references(() => communities.id),
  groupId: integer('group_id').notNull().references(() => groups.id),
  /** The session that lets residents order the SKUs during the test. */
  sessionId: integer('session_id').references(() => sessions.id),
  startsAt: integer('starts_at').notNull(),
  endsAt: integer('ends_at').notNull(),
  status: text('status', { enum: ['running', 'done'] }).notNull().default('running'),
  /** Distinct members active in the community's groups during the test (the denominator). */
  activeMembers: integer('active_members'),
  evaluatedAt: integer('evaluated_at'),
}, (t) => [index('flash_tests_community').on(t.communityId, t.status)]);

export const flashTestSkus = sqliteTable('flash_test_skus', {
  testId: integer('test_id').notNull().references(() => flashTests.id),
  productId: integer('product_id').notNull().references(() => products.id),
  interested: integer('interested'),
  /** Interest rate in percent (interested ÷ active × 100). */
  ratePct: real('rate_pct'),
  outcome: text('outcome', { enum: ['promoted', 'retired'] }),
}, (t) => [primaryKey({ columns: [t.testId, t.productId] })]);

/** "草莓多少钱": who asked about which product when (the flash-test interest rate counts askers). */
export const productInquiries = sqliteTable('product_inquiries', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  communityId: integer('community_id').notNull().references(() => communities.id),
  productId: integer('product_id').notNull().references(() => products.id),
  memberId: integer('member_id').notNull().references(() => members.id),
  at: integer('at').notNull(),
}, (t) => [index('product_inquiries_product').on(t.productId, t.at)]);

/** Who spoke in which group on which Shanghai day: written at most once per member, group and day. */
export const groupActivity = sqliteTable('group_activity', {
  groupId: integer('group_id').notNull().references(() => groups.id),
  memberId: integer('member_id').notNull().references(() => members.id),
  day: text('day').notNull(),
}, (t) => [primaryKey({ columns: [t.groupId, t.day, t.memberId] })]);

/** 年度大促: 蓄水期 (presale, part of the stock reserved) → 爆发期 → 返场期 → over. */
export const bigSales = sqliteTable('big_sales', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  communityId: integer('community_id').notNull().references(() => communities.id),
  groupId: integer('group_id').notNull().references(() => groups.id),
  name: text('name').notNull(),
  presaleAt: integer('presale_at').notNull(),
  burstAt: integer('burst_at').notNull(),
  encoreAt: integer('encore_at').notNull(),
  endsAt: integer('ends_at').notNull(),
  /** JSON array of product ids on sale. */
  productIds: text('product_ids').notNull(),
  reservePct: real('reserve_pct').notNull().default(20),
  /** The session opened at the 爆发期 (orders until the end of the 返场期). */
  sessionId: integer('session_id').references(() => sessions.id),
  /** The phase whose rules are in force ('pending' before the presale, 'over' after the end). */
  phase: text('phase', { enum: ['pending', 'presale', 'burst', 'encore', 'over'] }).notNull().default('pending'),
  createdBy: text('created_by').notNull(),
  createdAt: integer('created_at').notNull(),
}, (t) => [uniqueIndex('big_sales_community_name').on(t.communityId, t.name)]);

/** A presale order of a big sale (「想要+商品」 in the 蓄水期): it was taken from the sale's presale reserve. */
export const presaleOrders = sqliteTable('presale_orders', {
  orderId: integer('order_id').primaryKey().references(() => orders.id, { onDelete: 'cascade' }),
  saleId: integer('sale_id').notNull().references(() => bigSales.id),
  createdAt: integer('created_at').notNull(),
}, (t) => [index('presale_orders_sale').on(t.saleId)]);

/** 拼团剧本杀: a story whose chapters residents unlock by ordering. */
export const quests = sqliteTable('quests', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  communityId: integer('community_id').notNull().references(() => communities.id),
  groupId: integer('group_id').notNull().references(() => groups.id),
  /** Key of the story in data/campaigns/quests.json. */
  story: text('story').notNull(),
  status: text('status', { enum: ['active', 'ended'] }).notNull().default('active'),
  startsAt: integer('starts_at').notNull(),
  endsAt: integer('ends_at').notNull(),
  createdBy: text('created_by').notNull(),
}, (t) => [index('quests_community_status').on(t.communityId, t.status, t.endsAt)]);

export const questProgress = sqliteTable('quest_progress', {
  questId: integer('quest_id').notNull().references(() => quests.id),
  memberId: integer('member_id').notNull().references(() => members.id),
  /** Orders counted so far (= chapters unlocked). */
  orders: integer('orders').notNull().default(0),
  rewardedAt: integer('rewarded_at'),
  updatedAt: integer('updated_at').notNull(),
}, (t) => [primaryKey({ columns: [t.questId, t.memberId] })]);

/** Images a leader attached to a scenario with /素材 ("1+3+N": at most three are used, newest first). */
export const campaignImages = sqliteTable('campaign_images', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  communityId: integer('community_id').notNull().references(() => communities.id),
  /** Null while the photo waits for /素材 to say which campaign it belongs to. */
  scenario: text('scenario'),
  path: text('path').notNull(),
  contactId: text('contact_id').notNull(),
  at: integer('at').notNull(),
}, (t) => [index('campaign_images_scenario').on(t.communityId, t.scenario)]);

export type ScenarioRun = typeof scenarioRuns.$inferSelect;
export type FlashTest = typeof flashTests.$inferSelect;
export type BigSale = typeof bigSales.$inferSelect;
export type Quest = typeof quests.$inferSelect;
