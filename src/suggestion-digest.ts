// The weekly suggestions digest for every community's leaders (bot/suggestion-digest-job.ts runs it).
import type { App } from './app.js';
import { listCommunities } from './services/communities.js';
import { notifyLeaders } from './services/notify.js';
import { suggestionDigest } from './services/suggestions.js';
import { shanghaiDay } from './time.js';

/** Sends each community's digest of the last 7 days; keyed by the day, so a second run that day sends nothing. */
export function sendSuggestionDigests(app: App, now = app.now()): { communities: number; sent: number } {
  let communities = 0;
  let sent = 0;
  for (const c of listCommunities(app.store)) {
    const text = suggestionDigest(app.store, c.id, c.name, now);
    if (!text) continue;
    communities++;
    sent += notifyLeaders(app.store, c.id, text, `suggestion-digest:${c.id}:${shanghaiDay(now)}`, now);
  }
  if (sent) app.notifyOutbox();
  return { communities, sent };
}
