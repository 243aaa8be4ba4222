// Sends the weekly suggestions digest with node-cron, Mondays 09:00 Shanghai time.
import cron from 'node-cron';
import type { App } from '../src/app.js';
import { sendSuggestionDigests } from '../src/suggestion-digest.js';

export interface DigestJob { stop(): void; nextRun(): Date | null }

export function startSuggestionDigestJob(app: App, expression = '0 9 * * 1'): DigestJob {
  const task = cron.schedule(expression, () => {
    try {
      app.log.info(sendSuggestionDigests(app), 'suggestion digest sent');
    } catch (err) {
      app.log.error({ err }, 'suggestion digest failed');
    }
  }, { timezone: 'Asia/Shanghai', name: 'suggestion-digest', noOverlap: true });
  return { stop: () => { void task.destroy(); }, nextRun: () => task.getNextRun() };
}
