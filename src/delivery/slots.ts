// 动态调整配送时段: which delivery slots of the day cover the most orders, each slot within its capacity.
import { HOURS } from './heat.js';

/**
 * Default capacity of one registered delivery company: orders it can deliver per hour of a slot. One rider on an
 * e-bike inside one community does a drop in about 4 minutes (lift, door, photo), so 15 an hour.
 */
export const ORDERS_PER_COMPANY_HOUR = 15;

export interface PlannedSlot {
  /** First hour of the slot (0–23); the slot runs `hours` whole hours from there. */
  start: number;
  hours: number;
  /** Orders falling in the slot's hours. */
  demand: number;
  /** The part of them the slot can take: min(demand, capacity). */
  covered: number;
}

export interface SlotPlan { slots: PlannedSlot[]; covered: number; total: number }

/**
 * Chooses exactly `count` non-overlapping windows of `hours` consecutive hours within one day (a window does not
 * run past midnight) maximising covered = Σ min(orders in window, capacity).
 *
 * Exact dynamic programming, not greedy: best[i][k] is the most that k windows lying wholly in hours [0, i) can
 * cover; either hour i−1 is in no window (best[i−1][k]) or it ends one, which started at i−hours
 * (best[i−hours][k−1] + min(window, capacity)). best[24][count] is the optimum; the choices are walked back
 * from there. 24 × count cells, so it is instant. With integer demand and capacity the arithmetic is exact.
 * Returns null when `count` windows of that length do not fit in a day.
 */
export function planSlots(demand: readonly number[], count: number, capacity: number, hours = 1): SlotPlan | null {
  if (demand.length !== HOURS) throw new Error(`planSlots: ${demand.length} hourly values, expected ${HOURS}`);
  if (!Number.isInteger(count) || count < 1 || !Number.isInteger(hours) || hours < 1 || capacity < 0) {
    throw new Error(`planSlots: bad count ${count}, hours ${hours} or capacity ${capacity}`);
  }
  if (count * hours > HOURS) return null;
  const prefix = [0];
  for (const d of demand) prefix.push(prefix.at(-1)! + d);
  const inWindow = (start: number) => prefix[start + hours]! - prefix[start]!;
  const gain = (start: number) => Math.min(inWindow(start), capacity);
  const best = Array.from({ length: HOURS + 1 }, () => new Array<number>(count + 1).fill(-Infinity));
  const ends = Array.from({ length: HOURS + 1 }, () => new Array<boolean>(count + 1).fill(false));
  for (let i = 0; i <= HOURS; i++) best[i]![0] = 0;
  for (let i = 1; i <= HOURS; i++) {
    for (let k = 1; k <= count; k++) {
      const skip = best[i - 1]![k]!;
      const take = i >= hours ? best[i - hours]![k - 1]! + gain(i - hours) : -Infinity;
      // Ties keep the earlier placement (skip), so the plan is deterministic.
      if (take > skip) { best[i]![k] = take; ends[i]![k] = true; } else best[i]![k] = skip;
    }
  }
  const slots: PlannedSlot[] = [];
  for (let i = HOURS, k = count; k > 0;) {
    if (ends[i]![k]) {
      const start = i - hours;
      slots.unshift({ start, hours, demand: inWindow(start), covered: gain(start) });
      i = start;
      k--;
    } else i--;
  }
  return { slots, covered: best[HOURS]![count]!, total: prefix[HOURS]! };
}
