// The dashboard's figures as the console and the /看板 image show them: each of the 12 core figures with its
// definition, its value, the arrow against the previous period of the same length, whether the seed's target is
// missed, and the daily trend of orders and GMV.
import type { Store } from '../store/db.js';
import { computeMetrics } from './compute.js';
import { METRIC_DEFINITIONS, meetsTarget, type MetricKey } from './definitions.js';
import { formatValue, targetText } from './format.js';
import { addDays, dayStart, defaultRange, previousRange, type DateRange } from './period.js';
import { dailyTrend } from './trend.js';

/** The 12 core figures of seed 3.2 / 5.1 (the 8th is 客单价 and its 波动), in the order the dashboard shows them. */
export const CORE_KEYS: readonly MetricKey[] = [
  'nps', 'silent_share', 'orders_per_group_day', 'leader_capacity', 'sku_sell_through', 'stock_turnover_days',
  'next_week_repurchase', 'avg_order_value_fen', 'aov_change', 'stockout_rate', 'loss_rate', 'first_order_conversion', 'complaint_handling_hours',
];

export interface FigureView {
  key: MetricKey;
  label: string;
  definition: string;
  value: number | null;
  display: string;
  previous: number | null;
  change: 'up' | 'down' | 'flat' | null;
  better: 'up' | 'down';
  missed: boolean;
  targetLabel: string;
}

export interface DashboardFigures {
  range: DateRange;
  figures: FigureView[];
  trend: { dates: string[]; orders: number[]; gmvFen: number[] };
}

export type DashboardResult = { ok: true; figures: DashboardFigures } | { ok: false; error: string };

/** The range asked for (both days, or neither for the last `days` days ending today). */
export function dashboardRange(now: number, from?: string, to?: string, days?: number): { ok: true; range: DateRange } | { ok: false; error: string } {
  if (from === undefined && to === undefined) {
    const range = defaultRange(now);
    return { ok: true, range: days ? { from: addDays(range.to, -(days - 1)), to: range.to } : range };
  }
  if (!from || !to || dayStart(from) === null || dayStart(to) === null) return { ok: false, error: '日期请写成 YYYY-MM-DD，开始和结束都要写。' };
  if (from > to) return { ok: false, error: `开始日期 ${from} 晚于结束日期 ${to}。` };
  return { ok: true, range: { from, to } };
}

export function dashboardFigures(store: Store, communityId: number, now: number, ask: { from?: string; to?: string; days?: number }): DashboardResult {
  const r = dashboardRange(now, ask.from, ask.to, ask.days);
  if (!r.ok) return r;
  const range = r.range;
  const current = computeMetrics(store, { communityId, ...range }, now);
  const before = computeMetrics(store, { communityId, ...previousRange(range) }, now);
  const figures = CORE_KEYS.map((key): FigureView => {
    const def = METRIC_DEFINITIONS.find((d) => d.key === key)!;
    const value = current[key];
    const previous = before[key];
    const change = value === null || previous === null ? null : value > previous ? 'up' : value < previous ? 'down' : 'flat';
    return {
      key, label: def.label, definition: def.definition, value, display: formatValue(def, value), previous, change,
      better: def.better === 'lower' ? 'down' : 'up', missed: meetsTarget(def, value) === false, targetLabel: targetText(def),
    };
  });
  const days = dailyTrend(store, communityId, range);
  return { ok: true, figures: { range, figures, trend: { dates: days.map((d) => d.day), orders: days.map((d) => d.orders), gmvFen: days.map((d) => d.gmvFen) } } };
}

/** The figures the morning digest and the alerts watch (seed 3.2: 次周复购率、客单价波动; 5.1: NPS、沉默占比), over the 30 days ending `day`. */
export function watchedFigures(store: Store, communityId: number, day: string, now: number): FigureView[] {
  const r = dashboardFigures(store, communityId, now, { from: addDays(day, -29), to: day });
  if (!r.ok) throw new Error(r.error);
  const watched = new Set(METRIC_DEFINITIONS.filter((d) => d.watched).map((d) => d.key));
  return r.figures.figures.filter((f) => watched.has(f.key));
}

/** "沉默用户占比 75%（目标 ≤ 8%，未达标）" */
export function figureLine(f: FigureView): string {
  const target = f.targetLabel ? `目标 ${f.targetLabel}${f.missed ? '，未达标' : ''}` : '';
  const arrow = f.change === 'up' ? '↑' : f.change === 'down' ? '↓' : '';
  return `${f.label} ${f.display}${arrow}${target ? `（${target}）` : ''}`;
}
