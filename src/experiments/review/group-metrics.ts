// The experiment's metrics per group (one observation per group: the unit of randomisation is the unit of analysis).
// Same definitions as the dashboard (src/metrics/definitions.ts) where a figure has a group — an order, a session, a
// ticket, a join or a leave happens in a group — computed by aggregate SQL grouped by group. Figures the store only
// knows per community (stock, write-offs, NPS …) have no per-group value and are reported as such.
import type { Store } from '../../store/db.js';
import { DAY_MS } from '../../metrics/period.js';

export interface GroupWindow { communityId: number; groupIds: readonly number[]; start: number; end: number }
/** Group id → the figure (null: no value for that group in the window, e.g. no order for a 客单价). */
export type GroupValues = Map<number, number | null>;

const LIVE = `status <> 'cancelled'`;


// A session opened privately has no group: its notice went to the main group, so it counts there.
const SESSION_GROUP = `coalesce(se.group_id, @main)`;
/** The counts the metrics are made of: SQL with named params @c, @s, @e, @main giving columns `g` (group) and `v`. */
const DEFS: Record<string, { sql: string }> = {
  orders: { sql: `SELECT group_id AS g, count(*) AS v FROM orders WHERE community_id = @c AND ${LIVE} AND created_at >= @s AND created_at < @e GROUP BY group_id` },
  gmv_fen: { sql: `SELECT group_id AS g, sum(total_fen) AS v FROM orders WHERE community_id = @c AND ${LIVE} AND created_at >= @s AND created_at < @e GROUP BY group_id` },
  all_orders: { sql: `SELECT group_id AS g, count(*) AS v FROM orders WHERE community_id = @c AND created_at >= @s AND created_at < @e GROUP BY group_id` },
  cancelled: { sql: `SELECT group_id AS g, count(*) AS v FROM orders WHERE community_id = @c AND status = 'cancelled' AND created_at >= @s AND created_at < @e GROUP BY group_id` },
  complaints: { sql: `SELECT group_id AS g, count(*) AS v FROM tickets WHERE community_id = @c AND opened_at >= @s AND opened_at < @e GROUP BY group_id` },
  sessions_ended: { sql: `SELECT ${SESSION_GROUP} AS g, count(*) AS v FROM sessions se WHERE se.community_id = @c AND se.status IN ('closed', 'failed') AND coalesce(se.closed_at, se.cutoff_at) >= @s AND coalesce(se.closed_at, se.cutoff_at) < @e GROUP BY 1` },
  sessions_failed: { sql: `SELECT ${SESSION_GROUP} AS g, count(*) AS v FROM sessions se WHERE se.community_id = @c AND se.status = 'failed' AND coalesce(se.closed_at, se.cutoff_at) >= @s AND coalesce(se.closed_at, se.cutoff_at) < @e GROUP BY 1` },
  joins: { sql: `SELECT group_id AS g, count(*) AS v FROM member_events WHERE community_id = @c AND kind = 'join' AND at >= @s AND at < @e GROUP BY group_id` },
  leaves: { sql: `SELECT group_id AS g, count(*) AS v FROM member_events WHERE community_id = @c AND kind = 'leave' AND at >= @s AND at < @e GROUP BY group_id` },
  // A join in the window whose member placed a live order within 7 days of joining.
  joins_converted: { sql: `SELECT e.group_id AS g, count(*) AS v FROM member_events e JOIN members m ON m.community_id = e.community_id AND m.contact_id = e.contact_id
      WHERE e.community_id = @c AND e.kind = 'join' AND e.at >= @s AND e.at < @e
      AND EXISTS (SELECT 1 FROM orders o WHERE o.member_id = m.id AND o.created_at >= e.at AND o.created_at < e.at + ${7 * DAY_MS} AND o.${LIVE}) GROUP BY e.group_id` },
  // On sale in the group's sessions (open during the window) and sold there (a live line of a live order of the group).
  on_sale: { sql: `SELECT g, count(*) AS v FROM (SELECT DISTINCT ${SESSION_GROUP} AS g, sp.product_id AS p FROM session_products sp JOIN sessions se ON se.id = sp.session_id
      WHERE se.community_id = @c AND se.created_at < @e AND min(coalesce(se.closed_at, se.cutoff_at), se.cutoff_at) > @s) GROUP BY g` },
  sold: { sql: `SELECT g, count(*) AS v FROM (SELECT DISTINCT ${SESSION_GROUP} AS g, sp.product_id AS p FROM session_products sp JOIN sessions se ON se.id = sp.session_id
      WHERE se.community_id = @c AND se.created_at < @e AND min(coalesce(se.closed_at, se.cutoff_at), se.cutoff_at) > @s) x
      WHERE EXISTS (SELECT 1 FROM order_items i JOIN orders o ON o.id = i.order_id WHERE i.product_id = x.p AND i.cancelled_at IS NULL
        AND o.group_id = x.g AND o.created_at >= @s AND o.created_at < @e AND o.${LIVE}) GROUP BY g` },
};

const ratio = (a: number | null | undefined, b: number | null | undefined, scale = 1): number | null => (b ? Math.round(((a ?? 0) / b) * scale * 1e4) / 1e4 : null);
const n = (x: Record<string, GroupValues>, key: string, g: number) => x[key]!.get(g) ?? 0;

/** The metrics an experiment may use as its primary or guardrail figure, per group. */
const METRIC_DEFS: Record<string, { needs: string[]; value: (x: Record<string, GroupValues>, g: number, days: number, size: number) => number | null }> = {
  orders: { needs: ['orders'], value: (x, g) => n(x, 'orders', g) },
  gmv_fen: { needs: ['gmv_fen'], value: (x, g) => n(x, 'gmv_fen', g) },
  orders_per_group_day: { needs: ['orders'], value: (x, g, days) => Math.round((n(x, 'orders', g) / days) * 100) / 100 },
  avg_order_value_fen: { needs: ['orders', 'gmv_fen'], value: (x, g) => (n(x, 'orders', g) ? Math.round(n(x, 'gmv_fen', g) / n(x, 'orders', g)) : null) },
  cancel_rate: { needs: ['cancelled', 'all_orders'], value: (x, g) => ratio(n(x, 'cancelled', g), n(x, 'all_orders', g)) },
  complaints_per_100_orders: { needs: ['complaints', 'orders'], value: (x, g) => ratio(n(x, 'complaints', g), n(x, 'orders', g), 100) },
  session_fail_rate: { needs: ['sessions_failed', 'sessions_ended'], value: (x, g) => ratio(n(x, 'sessions_failed', g), n(x, 'sessions_ended', g)) },
  new_members: { needs: ['joins'], value: (x, g) => n(x, 'joins', g) },
  first_order_conversion: { needs: ['joins_converted', 'joins'], value: (x, g) => ratio(n(x, 'joins_converted', g), n(x, 'joins', g)) },
  leave_rate: { needs: ['leaves'], value: (x, g, _d, size) => ratio(n(x, 'leaves', g), size) },
  sku_sell_through: { needs: ['sold', 'on_sale'], value: (x, g) => ratio(n(x, 'sold', g), n(x, 'on_sale', g)) },
};

export const hasGroupValues = (metric: string): boolean => metric in METRIC_DEFS;

/**
 * Each metric's value per group over [start, end) (days: the window's length, at least one). `sizes` are the groups'
 * residents at the start (leave_rate's denominator). Metrics without a per-group definition are left out.
 */
export function groupMetrics(store: Store, w: GroupWindow, metrics: readonly string[], sizes: ReadonlyMap<number, number>): Map<string, GroupValues> {
  const days = Math.max(1, (w.end - w.start) / DAY_MS);
  const main = (store.sqlite.prepare(`SELECT id FROM groups WHERE community_id = ? AND kind = 'main' ORDER BY id LIMIT 1`).get(w.communityId) as { id: number } | undefined)?.id ?? null;
  const params = { c: w.communityId, s: w.start, e: w.end, main };
  const raw: Record<string, GroupValues> = {};
  const wanted = metrics.filter(hasGroupValues);
  for (const key of new Set(wanted.flatMap((m) => METRIC_DEFS[m]!.needs))) {
    raw[key] = new Map((store.sqlite.prepare(DEFS[key]!.sql).all(params) as { g: number | null; v: number }[]).filter((r) => r.g !== null).map((r) => [r.g!, r.v]));
  }
  const out = new Map<string, GroupValues>();
  for (const m of wanted) {
    out.set(m, new Map(w.groupIds.map((g) => [g, METRIC_DEFS[m]!.value(raw, g, days, sizes.get(g) ?? 0)])));
  }
  return out;
}
