// /配送 建议: the slot plan from the heat map's hour-of-day counts of the last 30 days, in orders per day.
import type { Store } from '../store/db.js';
import { orderHeat } from './heat.js';
import { ORDERS_PER_COMPANY_HOUR, planSlots } from './slots.js';

export const SUGGEST_DAYS = 30;
const DAY_MS = 86_400_000;

export interface SlotSuggestion {
  /** Per slot, chronological: its first hour, length, expected orders per day in it and the part it can take. */
  slots: { start: number; hours: number; perDay: number; coveredPerDay: number }[];
  totalOrders: number;
  perDay: number;
  coveredPerDay: number;
  /** covered / all orders, 0–1. */
  share: number;
}

/** Capacity of one slot when the leader names none: every registered company (at least one) × 15 orders per hour. */
export const defaultCapacity = (companies: number, hours: number) => Math.max(1, companies) * ORDERS_PER_COMPANY_HOUR * hours;

/**
 * `count` slots of `hours` hours each with `capacity` orders per slot per day, over the orders of the 30 days before
 * `now`. The plan runs on the 30-day counts with the capacity × 30 (so it stays in integers) and is reported per day.
 * Null when there were no orders; `fits: false` when the slots do not fit in a day.
 */
export function suggestSlots(store: Store, communityId: number, opts: { count: number; capacity: number; hours: number; now: number }):
  { ok: true; suggestion: SlotSuggestion } | { ok: false; reason: 'no_orders' | 'does_not_fit' } {
  const heat = orderHeat(store, communityId, opts.now - SUGGEST_DAYS * DAY_MS, opts.now);
  if (heat.total === 0) return { ok: false, reason: 'no_orders' };
  const plan = planSlots(heat.byHour, opts.count, opts.capacity * SUGGEST_DAYS, opts.hours);
  if (!plan) return { ok: false, reason: 'does_not_fit' };
  const perDay = (n: number) => n / SUGGEST_DAYS;
  return {
    ok: true,
    suggestion: {
      slots: plan.slots.map((s) => ({ start: s.start, hours: s.hours, perDay: perDay(s.demand), coveredPerDay: perDay(s.covered) })),
      totalOrders: plan.total, perDay: perDay(plan.total), coveredPerDay: perDay(plan.covered), share: plan.covered / plan.total,
    },
  };
}
