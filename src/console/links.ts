// One-time login links to the local web console and the browser sessions they open (issue 15). A link is asked
// for by a leader (/后台) and sent by private chat; it opens once, within LINK_TTL_MS, and only the community it was
// made for (an admin's link opens every community). Only sha256 hashes of the secrets are stored.
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import type { Store } from '../store/db.js';
import { consoleLinks, consoleSessions } from '../store/schema-console.js';

export const LINK_TTL_MS = 15 * 60_000;
export const SESSION_TTL_MS = 12 * 3600_000;

/** What a console session may see: one community, or (admin) all of them. */
export type ConsoleScope = { all: true } | { all: false; communityId: number };

const hash = (token: string) => createHash('sha256').update(token).digest('hex');
const newToken = () => randomBytes(24).toString('base64url');

export function createLoginLink(store: Store, who: { contactId: string; memberId: number | null; communityId: number | null }, now: number): { token: string; expiresAt: number } {
  const token = newToken();
  const expiresAt = now + LINK_TTL_MS;
  store.db.insert(consoleLinks).values({ tokenHash: hash(token), contactId: who.contactId, memberId: who.memberId, communityId: who.communityId, createdAt: now, expiresAt }).run();
  return { token, expiresAt };
}

export type RedeemResult = { ok: true; sessionToken: string; scope: ConsoleScope } | { ok: false; reason: 'unknown' | 'used' | 'expired' };

/** Uses a link once: the returned session token goes into the browser's cookie. */
export function redeemLoginLink(store: Store, token: string, now: number): RedeemResult {
  return store.sqlite.transaction((): RedeemResult => {
    const link = store.db.select().from(consoleLinks).where(eq(consoleLinks.tokenHash, hash(token))).get();
    if (!link) return { ok: false, reason: 'unknown' };
    if (link.usedAt !== null) return { ok: false, reason: 'used' };
    if (now >= link.expiresAt) return { ok: false, reason: 'expired' };
    // Claimed with a guard, so two requests racing with one link cannot both get a session.
    const claimed = store.db.update(consoleLinks).set({ usedAt: now }).where(and(eq(consoleLinks.id, link.id), isNull(consoleLinks.usedAt))).run();
    if (claimed.changes !== 1) return { ok: false, reason: 'used' };
    const sessionToken = newToken();
    store.db.insert(consoleSessions).values({ tokenHash: hash(sessionToken), linkId: link.id, communityId: link.communityId, createdAt: now, expiresAt: now + SESSION_TTL_MS }).run();
    store.db.delete(consoleSessions).where(lt(consoleSessions.expiresAt, now)).run();
    return { ok: true, sessionToken, scope: scopeOf(link.communityId) };
  })();
}

/** The scope of a live session, or null (no such session, or it expired). */
export function sessionScope(store: Store, sessionToken: string | undefined, now: number): ConsoleScope | null {
  if (!sessionToken) return null;
  const s = store.db.select().from(consoleSessions)
    .where(and(eq(consoleSessions.tokenHash, hash(sessionToken)), gt(consoleSessions.expiresAt, now))).get();
  return s ? scopeOf(s.communityId) : null;
}

export function mayView(scope: ConsoleScope, communityId: number): boolean {
  return scope.all || scope.communityId === communityId;
}

const scopeOf = (communityId: number | null): ConsoleScope => communityId === null ? { all: true } : { all: false, communityId };
