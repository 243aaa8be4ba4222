// Customer-service tables (issue 7): complaint tickets and their SLA escalations, crises and their
// reminders, leaders' edits of the standard replies, and residents' suggestions. Epoch ms, fen.
import { sql } from 'drizzle-orm';
import { sqliteTable, integer, text, uniqueIndex, index, primaryKey } from 'drizzle-orm/sqlite-core';
import { communities, groups, members, products } from './schema.js';

/** A complaint ticket (工单): opened by a resident's complaint, closed by a compensation decision. */
export const tickets = sqliteTable('tickets', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  communityId: integer('community_id').notNull().references(() => communities.id),
  memberId: integer('member_id').notNull().references(() => members.id),
  groupId: integer('group_id').references(() => groups.id),
  /** Where the complaint was made (room id or contact id): leaders' answers go back there. */
  conversationId: text('conversation_id').notNull(),
  conversationKind: text('conversation_kind', { enum: ['room', 'contact'] }).notNull(),
  /** WeChat message id of the complaint: a re-delivered message never opens a second ticket. */
  sourceMsgId: text('source_msg_id').notNull().unique(),
  type: text('type').notNull(),
  /** The product the complaint names, when it names exactly one we sell. */
  productId: integer('product_id').references(() => products.id),
  text: text('text').notNull(),
  /** Whether the resident is asked for a photo or video (goods-quality types). */
  needsEvidence: integer('needs_evidence', { mode: 'boolean' }).notNull(),
  status: text('status', { enum: ['open', 'resolved'] }).notNull().default('open'),
  openedAt: integer('opened_at').notNull(),
  firstResponseAt: integer('first_response_at'),
  evidenceAt: integer('evidence_at'),
  evidenceKind: text('evidence_kind', { enum: ['image', 'video'] }),
  evidencePath: text('evidence_path'),
  resolvedAt: integer('resolved_at'),
  compensation: text('compensation', { enum: ['退款', '补发', '券'] }),
  compensationFen: integer('compensation_fen'),
  couponCode: text('coupon_code'),
  resolvedBy: text('resolved_by'),
}, (t) => [
  index('tickets_community_status').on(t.communityId, t.status),
  index('tickets_community_opened').on(t.communityId, t.openedAt),
  // complaint_handling_hours: tickets resolved in a range.
  index('tickets_community_resolved').on(t.communityId, t.resolvedAt),
  index('tickets_member').on(t.memberId, t.status),
]);

/** Each SLA escalation sent, once: UNIQUE (ticket, step, level) makes a restart never send it again. */
export const ticketEscalations = sqliteTable('ticket_escalations', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  ticketId: integer('ticket_id').notNull().references(() => tickets.id),
  step: text('step', { enum: ['response', 'evidence', 'compensation'] }).notNull(),
  level: text('level', { enum: ['leader', 'admin'] }).notNull(),
  at: integer('at').notNull(),
}, (t) => [uniqueIndex('ticket_escalations_once').on(t.ticketId, t.step, t.level)]);

/** 危机公关: a wave of complaints of one type or product, or any 食品安全 complaint. */
export const crises = sqliteTable('crises', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  communityId: integer('community_id').notNull().references(() => communities.id),
  /** What the wave is about: 'type:<complaint type>' or 'product:<id>'. */
  key: text('key').notNull(),
  type: text('type'),
  productId: integer('product_id').references(() => products.id),
  /** Complaints counted when it started, one per resident (1 for 食品安全). */
  complaints: integer('complaints').notNull(),
  triggerTicketId: integer('trigger_ticket_id').notNull().references(() => tickets.id),
  startedAt: integer('started_at').notNull(),
  /** A leader's confirmation (/危机 确认): the product stops selling. */
  confirmedAt: integer('confirmed_at'),
  confirmedBy: text('confirmed_by'),
  closedAt: integer('closed_at'),
}, (t) => [
  // One open crisis per subject: further complaints join it rather than start another.
  uniqueIndex('crises_open_key').on(t.communityId, t.key).where(sql`closed_at IS NULL`),
  index('crises_community').on(t.communityId, t.startedAt),
]);

/** Each crisis notice/reminder sent, once. */
export const crisisReminders = sqliteTable('crisis_reminders', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  crisisId: integer('crisis_id').notNull().references(() => crises.id),
  step: text('step', { enum: ['notice', 'statement', 'solution'] }).notNull(),
  at: integer('at').notNull(),
}, (t) => [uniqueIndex('crisis_reminders_once').on(t.crisisId, t.step)]);

/** A community's own wording of a standard complaint reply (/话术); the shipped file is the default. */
export const complaintReplyEdits = sqliteTable('complaint_reply_edits', {
  communityId: integer('community_id').notNull().references(() => communities.id),
  type: text('type').notNull(),
  body: text('body').notNull(),
  updatedBy: text('updated_by').notNull(),
  updatedAt: integer('updated_at').notNull(),
}, (t) => [primaryKey({ columns: [t.communityId, t.type] })]);

export const suggestions = sqliteTable('suggestions', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  communityId: integer('community_id').notNull().references(() => communities.id),
  memberId: integer('member_id').notNull().references(() => members.id),
  sourceMsgId: text('source_msg_id').notNull().unique(),
  text: text('text').notNull(),
  createdAt: integer('created_at').notNull(),
}, (t) => [index('suggestions_community').on(t.communityId, t.createdAt)]);

/**
 * A group message the bot left alone although the parser considered an action (`held`) it was not sure of:
 * the leader sees them in the morning digest (未处理的消息) and can follow up by hand.
 */
export const unhandledMessages = sqliteTable('unhandled_messages', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  communityId: integer('community_id').notNull().references(() => communities.id),
  groupId: integer('group_id').references(() => groups.id),
  memberId: integer('member_id').references(() => members.id),
  /** WeChat message id: a re-delivered message is recorded once. */
  sourceMsgId: text('source_msg_id').notNull().unique(),
  /** The message text, capped (UNHANDLED_TEXT_MAX characters). */
  text: text('text').notNull(),
  /** The action the parser held back (order, complaint …). */
  heldIntent: text('held_intent').notNull(),
  at: integer('at').notNull(),
}, (t) => [index('unhandled_messages_community').on(t.communityId, t.at)]);

export type Ticket = typeof tickets.$inferSelect;
export type Crisis = typeof crises.$inferSelect;
export type Suggestion = typeof suggestions.$inferSelect;
export type UnhandledMessage = typeof unhandledMessages.$inferSelect;
