// When a cron schedule fires, in Shanghai time. The pattern is parsed by node-cron (the same parser that
// schedules it in bot/); this only walks minutes, so the scheduler can ask "which slot was last due?"
// after a restart, and /活动 can say when the next post goes out.
import cron from 'node-cron';

const OFFSET_MS = 8 * 3600_000;
const MINUTE = 60_000;

interface Matcher { minute: Set<number>; hour: Set<number>; dom: Set<number>; month: Set<number>; dow: Set<number> }

const cache = new Map<string, Matcher>();

function matcher(expression: string): Matcher {
  let m = cache.get(expression);
  if (!m) {
    const f = cron.parse(expression);
    const nums = (xs: (number | string)[]) => new Set(xs.map(Number).filter(Number.isFinite));
    const dow = nums(f.dayOfWeek);
    if (dow.has(7)) dow.add(0);
    m = { minute: nums(f.minute), hour: nums(f.hour), dom: nums(f.dayOfMonth), month: nums(f.month), dow };
    cache.set(expression, m);
  }
  return m;
}

/** Whether the schedule fires in the (Shanghai) minute starting at `minuteStart`. */
function fires(m: Matcher, minuteStart: number): boolean {
  const d = new Date(minuteStart + OFFSET_MS);
  return m.minute.has(d.getUTCMinutes()) && m.hour.has(d.getUTCHours()) && m.dom.has(d.getUTCDate())
    && m.month.has(d.getUTCMonth() + 1) && m.dow.has(d.getUTCDay());
}

export function isValidSchedule(expression: string): boolean {
  return cron.validate(expression);
}

/** The latest fire time ≤ now, looking back at most `lookbackMs`; null when none. */
export function previousFire(expression: string, now: number, lookbackMs: number): number | null {
  const m = matcher(expression);
  const from = Math.floor(now / MINUTE) * MINUTE;
  for (let t = from; t >= now - lookbackMs; t -= MINUTE) if (fires(m, t)) return t;
  return null;
}

/** The first fire time > now, looking ahead at most `lookaheadMs`; null when none. */
export function nextFire(expression: string, now: number, lookaheadMs = 32 * 86_400_000): number | null {
  const m = matcher(expression);
  for (let t = Math.floor(now / MINUTE) * MINUTE + MINUTE; t <= now + lookaheadMs; t += MINUTE) if (fires(m, t)) return t;
  return null;
}
