// Database schema (drizzle). Times are epoch milliseconds; money is integer fen.
import { sql } from 'drizzle-orm';
import { sqliteTable, integer, text, uniqueIndex, index, primaryKey } from 'drizzle-orm/sqlite-core';
import { qtyMilli } from '../quantity.js';

export const communities = sqliteTable('communities', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  /** What residents ask most, set by the leader with /设置 (free text, e.g. "3号楼快递柜旁"). */
  pickupPlace: text('pickup_place'),
  deliveryTime: text('delivery_time'),
  cutoffTime: text('cutoff_time'),
  createdAt: integer('created_at').notNull(),
});

export const groups = sqliteTable('groups', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  roomId: text('room_id').notNull().unique(),
  topic: text('topic').notNull(),
  communityId: integer('community_id').notNull().references(() => communities.id),
  kind: text('kind', { enum: ['main', 'function'] }).notNull(),
  /** Function subgroup name (生鲜, 母婴, 通知 …); null for the main group. */
  label: text('label'),
  /** Catalog name of the product the leader or the bot posted last ("+1" means this one). */
  recentProduct: text('recent_product'),
  /** The products of the leader's last post about products (JSON array) and when: "+1" / "我也要" within a window. */
  recentPostProducts: text('recent_post_products'),
  recentPostAt: integer('recent_post_at'),
  /** The latest version of the group's 接龙 list: the next version's new lines are its sender's order. */
  lastJielong: text('last_jielong'),
  createdAt: integer('created_at').notNull(),
}, (t) => [index('groups_community').on(t.communityId)]);

export const members = sqliteTable('members', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  communityId: integer('community_id').notNull().references(() => communities.id),
  contactId: text('contact_id').notNull(),
  displayName: text('display_name').notNull(),
  building: text('building'),
  unit: text('unit'),
  role: text('role', { enum: ['resident', 'leader', 'admin'] }).notNull().default('resident'),
  /** 动态权限体系: 观察员 → 活跃会员 → 超级团长, re-evaluated nightly and after each order. */
  tier: text('tier', { enum: ['观察员', '活跃会员', '超级团长'] }).notNull().default('观察员'),
  tierChangedAt: integer('tier_changed_at'),
  joinedAt: integer('joined_at').notNull(),
  inviterContactId: text('inviter_contact_id'),
  leftAt: integer('left_at'),
  lastSeenAt: integer('last_seen_at'),
}, (t) => [
  uniqueIndex('members_community_contact').on(t.communityId, t.contactId),
  // membershipsOf: a private message names only the contact, not the community.
  index('members_contact').on(t.contactId),
]);

/** Append-only log of joins and leaves (who invited whom, when). */
export const memberEvents = sqliteTable('member_events', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  communityId: integer('community_id').notNull().references(() => communities.id),
  groupId: integer('group_id').notNull().references(() => groups.id),
  contactId: text('contact_id').notNull(),
  kind: text('kind', { enum: ['join', 'leave'] }).notNull(),
  inviterContactId: text('inviter_contact_id'),
  at: integer('at').notNull(),
}, (t) => [index('member_events_community').on(t.communityId, t.contactId)]);

export const products = sqliteTable('products', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  communityId: integer('community_id').notNull().references(() => communities.id),
  name: text('name').notNull(),
  /** JSON array of alternative names residents use. */
  aliases: text('aliases').notNull().default('[]'),
  unit: text('unit').notNull(),
  priceFen: integer('price_fen').notNull(),
  /** In the product's own unit (1.5 斤), stored as thousandths (see src/quantity.ts). */
  stock: qtyMilli('stock_milli').notNull().default(0),
  tier: text('tier', { enum: ['引流', '利润', '爆品', '体验'] }).notNull().default('利润'),
  category: text('category').notNull().default('其他'),
  status: text('status', { enum: ['active', 'inactive', 'testing'] }).notNull().default('active'),
  /** Units held back for presale (预售预留); ordinary orders may only take stock above it. */
  reserved: qtyMilli('reserved_milli').notNull().default(0),
  /** JSON object of pack sizes the product is also sold by, in selling units: {"箱": 12} = 1箱 is 12瓶. */
  packs: text('packs').notNull().default('{}'),
  updatedAt: integer('updated_at').notNull(),
}, (t) => [uniqueIndex('products_community_name').on(t.communityId, t.name)]);

/** A group-buy session (开团): what is on offer until its cut-off. */
export const sessions = sqliteTable('sessions', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  communityId: integer('community_id').notNull().references(() => communities.id),
  /** The group the notice was posted in (its summary goes there too). */
  groupId: integer('group_id').references(() => groups.id),
  title: text('title').notNull(),
  cutoffAt: integer('cutoff_at').notNull(),
  /** 成团 N人: fewer distinct residents ordering by the cut-off and the session fails. */
  minMembers: integer('min_members').notNull().default(0),
  pickupPlace: text('pickup_place'),
  status: text('status', { enum: ['open', 'closed', 'failed', 'cancelled'] }).notNull().default('open'),
  createdBy: text('created_by').notNull(),
  createdAt: integer('created_at').notNull(),
  closedAt: integer('closed_at'),
  /** Set by /到货: only orders of an arrived session are picked up by /核销 @居民. */
  arrivedAt: integer('arrived_at'),
}, (t) => [index('sessions_community_status').on(t.communityId, t.status)]);

export const sessionProducts = sqliteTable('session_products', {
  sessionId: integer('session_id').notNull().references(() => sessions.id, { onDelete: 'cascade' }),
  productId: integer('product_id').notNull().references(() => products.id),
}, (t) => [primaryKey({ columns: [t.sessionId, t.productId] })]);

export const orders = sqliteTable('orders', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  communityId: integer('community_id').notNull().references(() => communities.id),
  groupId: integer('group_id').references(() => groups.id),
  memberId: integer('member_id').notNull().references(() => members.id),
  sessionId: integer('session_id').references(() => sessions.id),
  /** Short code the resident shows at pickup (unique among the community's open orders). */
  pickupCode: text('pickup_code'),
  /** The order's number as residents and leaders see it (订单号 #N): its own sequence per community. */
  orderNo: integer('order_no').notNull(),
  /** WeChat message id the order came from: a re-delivered message never makes a second order. */
  sourceMsgId: text('source_msg_id').notNull().unique(),
  status: text('status', {
    enum: ['placed', 'confirmed', 'delivered', 'picked_up', 'done', 'cancelled', 'refunded'],
  }).notNull().default('placed'),
  totalFen: integer('total_fen').notNull(),
  /** Lines the message asked for, placed or not (断货率's denominator, src/metrics/): fixed when the order is placed. */
  linesAsked: integer('lines_asked').notNull().default(0),
  note: text('note'),
  /** Where it goes when the order names it ("5栋302 王姐 草莓2盒"); else the member's own address. */
  address: text('address'),
  recipientName: text('recipient_name'),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
}, (t) => [
  // Deliberately few indexes: each costs every order a B-tree write. Summaries go by session.
  // A member's orders by time: "我的订单", cancels, and the 30-day tier statistics after every order. With the
  // status, "did this member order (not cancelled) in these days" (tiers, src/metrics/) never reads the row.
  index('orders_member').on(t.memberId, t.createdAt, t.status),
  index('orders_session').on(t.sessionId),
  // The metrics (src/metrics/) read a community's orders by status and time: covering, so they never touch the
  // rows, and the status first so the live orders are index ranges rather than a check on every row.
  index('orders_community_time').on(t.communityId, t.status, t.createdAt, t.totalFen, t.linesAsked),
  uniqueIndex('orders_community_no').on(t.communityId, t.orderNo),
  // Codes are short, so they are only unique among orders still waiting to be collected.
  uniqueIndex('orders_pickup_code').on(t.communityId, t.pickupCode).where(sql`status IN ('placed', 'confirmed', 'delivered')`),
]);

export const orderItems = sqliteTable('order_items', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  orderId: integer('order_id').notNull().references(() => orders.id, { onDelete: 'cascade' }),
  productId: integer('product_id').notNull().references(() => products.id),
  qty: qtyMilli('qty_milli').notNull(),
  unitPriceFen: integer('unit_price_fen').notNull(),
  amountFen: integer('amount_fen').notNull(),
  /** Set when the resident cancelled this line; the row stays for the record. */
  cancelledAt: integer('cancelled_at'),
}, (t) => [
  index('order_items_order').on(t.orderId),
  // SKU 动销率 (src/metrics/): whether a product sold in a range, without reading every line of every order.
  index('order_items_product').on(t.productId, t.orderId),
]);

/** Who brought whom into a community; valid once the invitee stays and orders (rules in data/). */
export const invites = sqliteTable('invites', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  communityId: integer('community_id').notNull().references(() => communities.id),
  inviterMemberId: integer('inviter_member_id').notNull().references(() => members.id),
  inviteeMemberId: integer('invitee_member_id').notNull().references(() => members.id),
  groupId: integer('group_id').references(() => groups.id),
  /** How we learned it: the room-join event, or the group's system message ("A邀请B加入了群聊"). */
  source: text('source', { enum: ['event', 'system_message'] }).notNull(),
  status: text('status', { enum: ['pending', 'valid', 'void'] }).notNull().default('pending'),
  joinedAt: integer('joined_at').notNull(),
  validAt: integer('valid_at'),
}, (t) => [
  // An invitee is brought in once per community: re-joins never count again.
  uniqueIndex('invites_invitee').on(t.communityId, t.inviteeMemberId),
  index('invites_inviter').on(t.inviterMemberId),
]);

/** Ladder rewards granted (e.g. 3 valid invites → 全年免邮券): each step at most once per member. */
export const rewardGrants = sqliteTable('reward_grants', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  communityId: integer('community_id').notNull().references(() => communities.id),
  memberId: integer('member_id').notNull().references(() => members.id),
  ladder: text('ladder').notNull(),
  step: integer('step').notNull(),
  reward: text('reward').notNull(),
  grantedAt: integer('granted_at').notNull(),
}, (t) => [uniqueIndex('reward_grants_once').on(t.memberId, t.ladder, t.step)]);

/** What points can be exchanged for (物业费抵扣券, 免邮券, 商品券), per community, with stock. */
export const rewards = sqliteTable('rewards', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  communityId: integer('community_id').notNull().references(() => communities.id),
  name: text('name').notNull(),
  kind: text('kind', { enum: ['物业费抵扣券', '免邮券', '商品券'] }).notNull(),
  pointsCost: integer('points_cost').notNull(),
  valueFen: integer('value_fen').notNull().default(0),
  stock: integer('stock').notNull(),
  validDays: integer('valid_days').notNull().default(90),
}, (t) => [uniqueIndex('rewards_community_name').on(t.communityId, t.name)]);

export const coupons = sqliteTable('coupons', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  communityId: integer('community_id').notNull().references(() => communities.id),
  memberId: integer('member_id').notNull().references(() => members.id),
  kind: text('kind', { enum: ['物业费抵扣券', '免邮券', '商品券'] }).notNull(),
  name: text('name').notNull(),
  code: text('code').notNull().unique(),
  valueFen: integer('value_fen').notNull().default(0),
  source: text('source', { enum: ['redeem', 'ladder', 'quest', 'compensation'] }).notNull(),
  status: text('status', { enum: ['issued', 'used', 'expired'] }).notNull().default('issued'),
  issuedAt: integer('issued_at').notNull(),
  expiresAt: integer('expires_at').notNull(),
  usedAt: integer('used_at'),
  usedOnOrderId: integer('used_on_order_id').references(() => orders.id),
}, (t) => [index('coupons_member').on(t.memberId, t.status)]);

/** 用户标签库: derived tags per member (location, frequency, category preference), rebuilt nightly. */
export const memberTags = sqliteTable('member_tags', {
  memberId: integer('member_id').notNull().references(() => members.id),
  tag: text('tag').notNull(),
  computedAt: integer('computed_at').notNull(),
}, (t) => [primaryKey({ columns: [t.memberId, t.tag] }), index('member_tags_tag').on(t.tag)]);

/** A leader's survey (问卷): residents answer in the group and earn its points once. */
export const surveys = sqliteTable('surveys', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  communityId: integer('community_id').notNull().references(() => communities.id),
  /** 'free': answered by "问卷 …" once; 'nps': the standard 0–10 question (/NPS), answered "9分", the latest answer counts. */
  kind: text('kind', { enum: ['free', 'nps'] }).notNull().default('free'),
  question: text('question').notNull(),
  points: integer('points').notNull(),
  createdBy: text('created_by').notNull(),
  createdAt: integer('created_at').notNull(),
  closesAt: integer('closes_at').notNull(),
}, (t) => [index('surveys_community').on(t.communityId, t.closesAt)]);

export const surveyAnswers = sqliteTable('survey_answers', {
  surveyId: integer('survey_id').notNull().references(() => surveys.id),
  memberId: integer('member_id').notNull().references(() => members.id),
  answer: text('answer').notNull(),
  /** The 0–10 score of an NPS answer (null for a free survey). */
  score: integer('score'),
  at: integer('at').notNull(),
}, (t) => [primaryKey({ columns: [t.surveyId, t.memberId] })]);

/** Append-only points ledger: the balance is the sum; a row never changes. */
export const pointsLedger = sqliteTable('points_ledger', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  communityId: integer('community_id').notNull().references(() => communities.id),
  memberId: integer('member_id').notNull().references(() => members.id),
  delta: integer('delta').notNull(),
  reason: text('reason').notNull(),
  /** What caused it (e.g. "order:12"), unique per reason so an event is never counted twice. */
  ref: text('ref'),
  /** Contact id of the leader who granted it by hand, if any. */
  byContactId: text('by_contact_id'),
  at: integer('at').notNull(),
}, (t) => [index('points_member').on(t.memberId), uniqueIndex('points_reason_ref').on(t.reason, t.ref)]);

export const outbox = sqliteTable('outbox', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  /** Room id or contact id the message goes to. */
  conversationId: text('conversation_id').notNull(),
  conversationKind: text('conversation_kind', { enum: ['room', 'contact'] }).notNull(),
  kind: text('kind', { enum: ['text', 'file'] }).notNull().default('text'),
  /** Text, or for a file the local path. */
  body: text('body').notNull(),
  /** Set when the row answers something that may be re-delivered: the same key never queues twice. */
  dedupKey: text('dedup_key').unique(),
  status: text('status', { enum: ['pending', 'sending', 'sent', 'failed'] }).notNull().default('pending'),
  attempts: integer('attempts').notNull().default(0),
  notBefore: integer('not_before').notNull(),
  createdAt: integer('created_at').notNull(),
  sentAt: integer('sent_at'),
  lastError: text('last_error'),
  /** When the community's leaders were told that this row failed (null: not yet, or retried since). */
  reportedAt: integer('reported_at'),
}, (t) => [
  index('outbox_pending').on(t.status, t.notBefore).where(sql`status = 'pending'`),
  // Partial: queuing a reply (hot path) does not touch this index; only sending does.
  index('outbox_sent').on(t.sentAt).where(sql`sent_at IS NOT NULL`),
  // claimNext's per-conversation count of sends in the last minute.
  index('outbox_conversation_sent').on(t.conversationId, t.sentAt).where(sql`sent_at IS NOT NULL`),
  index('outbox_failed').on(t.conversationId).where(sql`status = 'failed'`),
]);

export type Community = typeof communities.$inferSelect;
export type Group = typeof groups.$inferSelect;
export type Member = typeof members.$inferSelect;
export type Product = typeof products.$inferSelect;
export type Order = typeof orders.$inferSelect;
export type OrderItem = typeof orderItems.$inferSelect;
export type OutboxRow = typeof outbox.$inferSelect;
export type PointsRow = typeof pointsLedger.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type Invite = typeof invites.$inferSelect;
export type Coupon = typeof coupons.$inferSelect;
export type Reward = typeof rewards.$inferSelect;
export type Survey = typeof surveys.$inferSelect;
export type Role = Member['role'];
