// /热力图: the heat map of the last N days as a PNG file next to the database, with one line saying what it shows.
import fs from 'node:fs';
import { renderHeatmapPng, type HeatmapInput } from '../charts/index.js';
import type { Store } from '../store/db.js';
import { exportFileName, freeExportPath } from '../ordering/export.js';
import { argMax, hourRange, orderHeat, sumOf, WEEKDAY_NAMES, type OrderHeat } from './heat.js';

export type HeatKind = 'building' | 'weekday';
const DAY_MS = 86_400_000;
/** The columns always span the usual ordering day; hours outside it appear when they have orders. */
const DAY_FIRST_HOUR = 7;
const DAY_LAST_HOUR = 22;

/** Rows, columns and counts of the chart for `heat`: hours from the first to the last that has orders (at least 7–22时). */
export function heatmapInput(heat: OrderHeat, kind: HeatKind, title: string): HeatmapInput {
  const used = heat.byHour.flatMap((n, h) => (n > 0 ? [h] : []));
  const lo = Math.min(DAY_FIRST_HOUR, ...used);
  const hi = Math.max(DAY_LAST_HOUR, ...used);
  const cols = Array.from({ length: hi - lo + 1 }, (_, i) => `${lo + i}时`);
  const table = kind === 'building'
    ? heat.buildings.map((b) => ({ label: b.label, hours: b.hours }))
    : heat.weekdays.map((hours, d) => ({ label: WEEKDAY_NAMES[d]!, hours }));
  return { title, rows: table.map((r) => r.label), cols, values: table.map((r) => r.hours.slice(lo, hi + 1)) };
}

/** One line for the chat: how many orders, the busiest building (or weekday) and the busiest hour. */
export function heatmapLine(heat: OrderHeat, kind: HeatKind, days: number): string {
  const hour = argMax(heat.byHour);
  const hourText = `最忙的时段 ${hourRange(hour)}（${heat.byHour[hour]} 单）`;
  let top: string;
  if (kind === 'building') {
    const totals = heat.buildings.map((b) => sumOf(b.hours));
    const i = argMax(totals);
    top = `下单最多的楼栋 ${heat.buildings[i]!.label}（${totals[i]} 单）`;
  } else {
    const totals = heat.weekdays.map(sumOf);
    const d = argMax(totals);
    top = `下单最多的是${WEEKDAY_NAMES[d]}（${totals[d]} 单）`;
  }
  return `📊 近${days}天 ${heat.total} 单（不含已取消）：${top}，${hourText}`;
}

export type HeatmapFile = { ok: true; file: string; line: string; heat: OrderHeat } | { ok: false; reason: 'no_orders' };

/** Counts the last `days` days before `now`, renders the chosen heat map and writes it into `dir` (never an empty image). */
export async function writeHeatmap(
  store: Store, community: { id: number; name: string }, opts: { days: number; kind: HeatKind; dir: string; now: number },
): Promise<HeatmapFile> {
  const { days, kind, now } = opts;
  const heat = orderHeat(store, community.id, now - days * DAY_MS, now);
  if (heat.total === 0) return { ok: false, reason: 'no_orders' };
  const what = kind === 'building' ? '楼栋' : '星期';
  const png = await renderHeatmapPng(heatmapInput(heat, kind, `${community.name} 近${days}天订单热力图（${what}×时段）`));
  // Picking the free name and writing it in one synchronous step: two requests at once never take the same file.
  const file = freeExportPath(opts.dir, exportFileName([community.name, '热力图', what, `${days}天`], now, 'png'));
  fs.writeFileSync(file, png);
  return { ok: true, file, line: heatmapLine(heat, kind, days), heat };
}
