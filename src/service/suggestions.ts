// Residents' suggestions (建议): recorded as they come, sent to the leaders as a weekly digest.
import { and, asc, eq, gte, lt } from 'drizzle-orm';
import type { Store } from '../store/db.js';
import { suggestions, type Suggestion } from '../store/schema-service.js';
import { members } from '../store/schema.js';
import { shanghaiClock } from '../time.js';

const WEEK_MS = 7 * 86_400_000;

/** Records a suggestion; a re-delivered message is recorded once (false then). */
export function recordSuggestion(store: Store, input: { communityId: number; memberId: number; sourceMsgId: string; text: string }, now: number): boolean {
  return store.db.insert(suggestions).values({ ...input, text: input.text.slice(0, 500), createdAt: now })
    .onConflictDoNothing({ target: suggestions.sourceMsgId }).run().changes > 0;
}

export function suggestionsBetween(store: Store, communityId: number, from: number, to: number): (Suggestion & { who: string })[] {
  return store.db.select({ s: suggestions, who: members.displayName }).from(suggestions)
    .innerJoin(members, eq(members.id, suggestions.memberId))
    .where(and(eq(suggestions.communityId, communityId), gte(suggestions.createdAt, from), lt(suggestions.createdAt, to)))
    .orderBy(asc(suggestions.createdAt), asc(suggestions.id)).all()
    .map((r) => ({ ...r.s, who: r.who }));
}

/** The digest of the 7 days before `now` for the leaders, or null when there were no suggestions. */
export function suggestionDigest(store: Store, communityId: number, communityName: string, now: number): string | null {
  const list = suggestionsBetween(store, communityId, now - WEEK_MS, now);
  if (list.length === 0) return null;
  const lines = list.map((s, i) => `${i + 1}. ${shanghaiClock(s.createdAt)} ${s.who}：${s.text}`);
  return `💡【${communityName}·本周居民建议】共 ${list.length} 条：\n${lines.join('\n')}`;
}
