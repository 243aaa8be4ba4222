// When a cron schedule fires, in Shanghai time, by cron-parser (standard cron: when both day-of-month and
// day-of-week are restricted, either one matching is enough). The scheduler asks "which slot was last due?"
// after a restart, bot/scheduler.ts sleeps until the next fire, and /活动 says when the next post goes out.
import { CronExpressionParser } from 'cron-parser';

const TZ = 'Asia/Shanghai';
const MINUTE = 60_000;

export function isValidSchedule(expression: string): boolean {
  try {
    // Five fields only (minute precision): a seconds field would make every slot key ambiguous.
    if (expression.trim().split(/\s+/).length !== 5) return false;
    CronExpressionParser.parse(expression, { tz: TZ });
    return true;
  } catch {
    return false;
  }
}

/** The latest fire time ≤ now (to the minute), looking back at most `lookbackMs`; null when none. */
export function previousFire(expression: string, now: number, lookbackMs: number): number | null {
  // prev() is strictly before currentDate: start just after the current minute so that minute counts.
  const from = Math.floor(now / MINUTE) * MINUTE + 1000;
  const it = CronExpressionParser.parse(expression, { tz: TZ, currentDate: new Date(from) });
  if (!it.hasPrev()) return null; // e.g. 30 February
  const t = it.prev().getTime();
  return t >= now - lookbackMs ? t : null;
}

/** The first fire time > now (to the minute), looking ahead at most `lookaheadMs`; null when none. */
export function nextFire(expression: string, now: number, lookaheadMs = 32 * 86_400_000): number | null {
  const from = Math.floor(now / MINUTE) * MINUTE + MINUTE - 1000;
  const it = CronExpressionParser.parse(expression, { tz: TZ, currentDate: new Date(from) });
  if (!it.hasNext()) return null;
  const t = it.next().getTime();
  return t <= now + lookaheadMs ? t : null;
}
