// The app clock. Domain code takes `now` from here (through `app.now()` or a parameter), never from Date.now(),
// so tests and the simulator can run at any date: LINTUAN_SIM_START starts the clock at a fixed instant, and the
// simulator's clock lines (`@2026-11-02 09:00`) move a movable clock forward (bot/sim-clock.ts).
import { performance } from 'node:perf_hooks';

export type Clock = () => number;

/** The machine's clock. The one place the app reads the real time. */
export const systemClock: Clock = () => Date.now();

/** '2026-12-03T19:40+08:00', '2026-12-03 19:40' or '2026-12-03T19:40' (Asia/Shanghai when no offset); null when not a time. */
export function parseClockStart(text: string): number | null {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(text.trim());
  if (!m) return null;
  const ms = Date.parse(`${m[1]}T${m[2]}:${m[3] ?? '00'}${m[4] ?? '+08:00'}`);
  return Number.isFinite(ms) ? ms : null;
}

/** A clock that starts at `startMs` and then runs at real speed (timers, retries and backoffs keep working). */
export function clockFrom(startMs: number): Clock {
  const t0 = performance.now();
  return () => startMs + Math.floor(performance.now() - t0);
}

/** A clock the simulator can move forward. It runs at real speed, except while held at an instant. */
export interface MovableClock {
  now: Clock;
  /** Stops the clock at `at`; it reads exactly `at` until moved on or released. Time never goes back: an earlier `at` throws. */
  hold(at: number): void;
  /** Stops the clock where it stands now and returns that instant (hold(now()) could lose a millisecond between the two reads). */
  freeze(): number;
  /** Lets the clock run on at real speed from where it stands. */
  release(): void;
}

export function movableClock(startMs: number): MovableClock {
  let base = startMs;
  let t0: number | null = performance.now(); // null while held
  const now = () => (t0 === null ? base : base + Math.floor(performance.now() - t0));
  return {
    now,
    hold(at) {
      const current = now();
      if (at < current) throw new Error(`clock cannot go back from ${new Date(current).toISOString()} to ${new Date(at).toISOString()}`);
      base = at;
      t0 = null;
    },
    freeze() {
      base = now();
      t0 = null;
      return base;
    },
    release() {
      if (t0 === null) t0 = performance.now();
    },
  };
}

/** LINTUAN_SIM_START as epoch ms, null when unset (a bad value is an error, not a silent fallback to the real time). */
export function simStartFromEnv(env: NodeJS.ProcessEnv): number | null {
  const raw = env.LINTUAN_SIM_START?.trim();
  if (!raw) return null;
  const start = parseClockStart(raw);
  if (start === null) throw new Error(`LINTUAN_SIM_START 不是有效时间：${raw}（例如 2026-12-03T19:40+08:00）`);
  return start;
}

/** LINTUAN_SIM_START when set (a bad value is an error, not a silent fallback to the real time), else the machine's clock. */
export function clockFromEnv(env: NodeJS.ProcessEnv): Clock {
  const start = simStartFromEnv(env);
  return start === null ? systemClock : clockFrom(start);
}
