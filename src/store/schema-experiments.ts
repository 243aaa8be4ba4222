// Experiments (issue 17): a running A/B test per setting, its groups' arms, who saw which arm when, and the
// touchpoints residents met (the journeys the Shapley attribution reads). Epoch ms.
import { sqliteTable, integer, text, index, primaryKey, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';
import { communities, groups, members } from './schema.js';

/** One experiment of the library started in a community: the registration as it was at the start. */
export const experiments = sqliteTable('experiments', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  communityId: integer('community_id').notNull().references(() => communities.id),
  /** The strategy's name in data/experiments.json. */
  strategy: text('strategy').notNull(),
  /** The setting key its arms change (one running experiment per setting and community). */
  setting: text('setting').notNull(),
  /** The hypothesis as registered at the start (the library may change later; the review quotes this). */
  hypothesis: text('hypothesis').notNull(),
  /** JSON array of {name, value}: the first is the control. */
  arms: text('arms').notNull(),
  /** The whole strategy as registered (JSON: primary metric, guardrails, planned effect, duration). */
  registration: text('registration').notNull(),
  seed: integer('seed').notNull(),
  startsAt: integer('starts_at').notNull(),
  plannedEndAt: integer('planned_end_at').notNull(),
  endedAt: integer('ended_at'),
  status: text('status', { enum: ['running', 'ended'] }).notNull().default('running'),
  startedBy: text('started_by').notNull(),
}, (t) => [
  index('experiments_community').on(t.communityId, t.status),
  uniqueIndex('experiments_running_setting').on(t.communityId, t.setting).where(sql`status = 'running'`),
]);

/** The arm each group got (randomised by group, stratified by size). */
export const experimentGroups = sqliteTable('experiment_groups', {
  experimentId: integer('experiment_id').notNull().references(() => experiments.id),
  groupId: integer('group_id').notNull().references(() => groups.id),
  arm: text('arm').notNull(),
  /** Residents in the group at the start (the size the stratification used). */
  size: integer('size').notNull(),
  block: integer('block').notNull(),
}, (t) => [primaryKey({ columns: [t.experimentId, t.groupId] }), index('experiment_groups_group').on(t.groupId)]);

/** A read of an arm that changed what residents saw: a group post (member null) or one resident's. */
export const exposures = sqliteTable('exposures', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  experimentId: integer('experiment_id').notNull().references(() => experiments.id),
  groupId: integer('group_id').notNull().references(() => groups.id),
  memberId: integer('member_id').references(() => members.id),
  arm: text('arm').notNull(),
  /** What was shown, in a few words ("开团通知 成团5人"). */
  shown: text('shown').notNull(),
  at: integer('at').notNull(),
}, (t) => [index('exposures_experiment').on(t.experimentId, t.groupId)]);

/**
 * A touchpoint: a post into a group (member null: every resident present in the group met it — expanded when the
 * journeys are read, so a month of a 500-member community is a few hundred rows, not 500 per post) or a private
 * one to a resident (group null).
 */
export const touchpoints = sqliteTable('touchpoints', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  communityId: integer('community_id').notNull().references(() => communities.id),
  groupId: integer('group_id').references(() => groups.id),
  memberId: integer('member_id').references(() => members.id),
  /** 开团通知, 截单提醒, 直播日, 爆款测试, 剧本杀, 邀请, 晨报 … (TOUCHPOINT_KINDS). */
  kind: text('kind').notNull(),
  at: integer('at').notNull(),
}, (t) => [index('touchpoints_community_time').on(t.communityId, t.at)]);

export type Experiment = typeof experiments.$inferSelect;
export type ExperimentGroup = typeof experimentGroups.$inferSelect;
export type Exposure = typeof exposures.$inferSelect;
export type Touchpoint = typeof touchpoints.$inferSelect;
