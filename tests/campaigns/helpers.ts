// Fake Shanghai time for campaign tests: Date is faked (timers stay real, so the mock puppet and the outbox sender run).
import { vi } from 'vitest';
import type { Harness } from '../helpers/harness.js';
import { waitUntil } from '../helpers/wait.js';

/** Epoch ms of a Shanghai wall-clock time, e.g. at('2027-03-10T20:00'). */
export const at = (local: string) => Date.parse(`${local}${local.length === 16 ? ':00' : ''}+08:00`);

/** The app clock for campaign tests: they fake Date (vi.useFakeTimers({ toFake: ['Date'] })) and move it with setNow. */
export const fakeDate = () => Date.now();

export function setNow(local: string): number {
  const t = at(local);
  vi.setSystemTime(t);
  return t;
}

/** Moves the clock on (so delayed follow-ups become due), wakes the sender and waits for the outbox to drain. */
export async function advance(h: Harness, minutes: number): Promise<void> {
  vi.setSystemTime(Date.now() + minutes * 60_000);
  h.app.notifyOutbox();
  await h.settle();
}

/** Waits (real time) until `cond` holds: the shared helper. */
export const waitFor = (cond: () => boolean, ms = 3000) => waitUntil(cond, 'the campaign post', ms);

export const rows = <T>(h: Harness, sql: string, ...params: unknown[]) => h.store.sqlite.prepare(sql).all(...params) as T[];
