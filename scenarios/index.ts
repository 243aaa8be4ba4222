// Every scheduled campaign script, in the order /活动 lists them.
import type { Scenario } from '../src/campaigns/scheduler/scenario.js';
import { seasonal } from './seasonal.js';
import { liveDay } from './live-day.js';
import { flashTest, flashResult } from './flash-test.js';
import { bigSale } from './big-sale.js';
import { cutoffReminder } from './cutoff-reminder.js';
import { morningDigest } from './morning-digest.js';
import { suggestionDigestScenario } from './suggestion-digest.js';
import { metricAlerts } from './metric-alerts.js';

export const scenarios: readonly Scenario[] = [seasonal, liveDay, flashTest, flashResult, bigSale, cutoffReminder, morningDigest, metricAlerts, suggestionDigestScenario];

/** By ASCII name or Chinese title. */
export function findScenario(name: string): Scenario | undefined {
  const n = name.trim().toLowerCase();
  return scenarios.find((s) => s.name === n || s.title === name.trim());
}
