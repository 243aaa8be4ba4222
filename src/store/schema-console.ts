// The local web console (issue 15): one-time login links a leader gets by private chat, and the browser sessions
// they open. Only hashes of the secrets are stored. Epoch ms.
import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core';
import { communities, members } from './schema.js';

export const consoleLinks = sqliteTable('console_links', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  /** sha256 of the token in the link. */
  tokenHash: text('token_hash').notNull().unique(),
  /** Who asked for it (null for an admin who is no member of any community). */
  memberId: integer('member_id').references(() => members.id),
  contactId: text('contact_id').notNull(),
  /** The community the link opens; null = an admin's link, which opens every community. */
  communityId: integer('community_id').references(() => communities.id),
  createdAt: integer('created_at').notNull(),
  expiresAt: integer('expires_at').notNull(),
  usedAt: integer('used_at'),
});

export const consoleSessions = sqliteTable('console_sessions', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  /** sha256 of the session cookie's value. */
  tokenHash: text('token_hash').notNull().unique(),
  linkId: integer('link_id').notNull().references(() => consoleLinks.id),
  communityId: integer('community_id').references(() => communities.id),
  createdAt: integer('created_at').notNull(),
  expiresAt: integer('expires_at').notNull(),
}, (t) => [index('console_sessions_expiry').on(t.expiresAt)]);

export type ConsoleLink = typeof consoleLinks.$inferSelect;
