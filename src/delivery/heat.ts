// 需求热力图: a community's orders counted by building × hour of day and by weekday × hour (Asia/Shanghai).
import { and, eq, gte, lt, ne, sql } from 'drizzle-orm';
import type { Store } from '../store/db.js';
import { members, orders } from '../store/schema.js';
import { parseNickname } from '../growth/members.js';
import { buildingLabel } from '../ordering/export.js';

export const HOURS = 24;
export const UNKNOWN_BUILDING = '未知楼栋';
export const WEEKDAY_NAMES = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'] as const;

export interface OrderHeat {
  /** Orders counted (every status but cancelled). */
  total: number;
  /** Orders per hour of day 0–23, all buildings together. */
  byHour: number[];
  /** One row per building ('3栋'), in natural order, 未知楼栋 last; `hours[h]` = orders in hour h. */
  buildings: { label: string; hours: number[] }[];
  /** weekdays[d][h]: d = 0 is Monday. */
  weekdays: number[][];
}

const OFFSET_MS = 8 * 3600_000;
// The hour of the week, 0 = Monday 0时 … 167 = Sunday 23时, by integer arithmetic on the epoch-ms column (no date
// functions, one grouping key for both tables). 1970-01-01 00:00 Shanghai was a Thursday: Monday 0时 + 72 hours.
const hourOfWeek = sql<number>`((${orders.createdAt} + ${OFFSET_MS}) / 3600000 + 72) % 168`;

const zeros = () => new Array<number>(HOURS).fill(0);
const natural = (a: string, b: string) => a.localeCompare(b, 'zh-CN', { numeric: true });

/**
 * Orders of `communityId` created in [from, to), cancelled ones excluded. Where an order goes is the building its
 * address names ("5栋302"), else the member's building from the group nickname, else 未知楼栋. One grouped query;
 * only the distinct addresses are parsed here.
 */
export function orderHeat(store: Store, communityId: number, from: number, to: number): OrderHeat {
  const n = sql<number>`count(*)`;
  const groups = store.db.select({ address: orders.address, building: members.building, hourOfWeek, n })
    .from(orders).innerJoin(members, eq(members.id, orders.memberId))
    .where(and(eq(orders.communityId, communityId), gte(orders.createdAt, from), lt(orders.createdAt, to), ne(orders.status, 'cancelled')))
    .groupBy(orders.address, members.building, hourOfWeek).all();
  const parsed = new Map<string, string | null>();
  const buildingOfAddress = (address: string) => {
    if (!parsed.has(address)) parsed.set(address, parseNickname(address).building);
    return parsed.get(address)!;
  };
  const heat: OrderHeat = { total: 0, byHour: zeros(), buildings: [], weekdays: WEEKDAY_NAMES.map(zeros) };
  const rows = new Map<string, number[]>();
  for (const g of groups) {
    const hour = g.hourOfWeek % HOURS;
    const b = (g.address !== null ? buildingOfAddress(g.address) : null) ?? g.building;
    const label = b ? buildingLabel(b) : UNKNOWN_BUILDING;
    let row = rows.get(label);
    if (!row) rows.set(label, (row = zeros()));
    row[hour] += g.n;
    heat.byHour[hour] += g.n;
    heat.weekdays[Math.floor(g.hourOfWeek / HOURS)]![hour] += g.n;
    heat.total += g.n;
  }
  heat.buildings = [...rows.entries()]
    .sort(([a], [b]) => Number(a === UNKNOWN_BUILDING) - Number(b === UNKNOWN_BUILDING) || natural(a, b))
    .map(([label, hours]) => ({ label, hours }));
  return heat;
}

/** The index of the largest value (the first one on a tie). */
export function argMax(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}

export const sumOf = (values: readonly number[]) => values.reduce((s, v) => s + v, 0);

/** '18–19时' for hour 18; for a longer window '18–20时'. */
export const hourRange = (start: number, hours = 1) => `${start}–${start + hours}时`;
