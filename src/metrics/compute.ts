// The dashboard's figures for one community and date range (definitions in ./definitions.ts): a handful of
// aggregate queries over indexed columns, none per row in JS. `npm run bench:metrics` times them at 1,000,000 orders.
import type { Store } from '../store/db.js';
import { preparedFor } from '../store/prepared.js';
import { DAY_MS, DEFAULT_DAYS, completeWeeks, defaultRange, lastDays, periodOf, type DateRange, type Period } from './period.js';
import type { Metrics } from './definitions.js';

const LIVE = `status != 'cancelled'`;
const RESIDENTS = `SELECT id FROM members WHERE community_id = @c AND role = 'resident'`;

// Named parameters: @c community, @s/@e the range [start, end), @from/@to its days, @s30 the start of the last
// 30 days, @w1s/@w1e and @w2s/@w2e the two complete weeks (an empty [0, 0) when the range holds fewer).
const statements = preparedFor((store: Store) => {
  const q = (sql: string) => store.sqlite.prepare(sql);
  return {
    orders: q(`SELECT count(*) AS n, coalesce(sum(total_fen), 0) AS gmv,
        coalesce(sum(created_at >= @w1s AND created_at < @w1e), 0) AS n1, coalesce(sum(CASE WHEN created_at >= @w1s AND created_at < @w1e THEN total_fen END), 0) AS g1,
        coalesce(sum(created_at >= @w2s AND created_at < @w2e), 0) AS n2, coalesce(sum(CASE WHEN created_at >= @w2s AND created_at < @w2e THEN total_fen END), 0) AS g2
      FROM orders WHERE community_id = @c AND created_at >= @s AND created_at < @e AND ${LIVE}`),
    activeResidents: q(`SELECT count(DISTINCT member_id) AS n FROM orders
      WHERE community_id = @c AND created_at >= @s AND created_at < @e AND ${LIVE} AND member_id IN (${RESIDENTS})`),
    people: q(`SELECT
        (SELECT count(*) FROM members WHERE community_id = @c AND role = 'leader' AND (left_at IS NULL OR left_at >= @e)) AS leaders,
        (SELECT count(*) FROM groups WHERE community_id = @c) AS groups`),
    silent: q(`SELECT count(*) AS members,
        coalesce(sum(m.id NOT IN (SELECT ga.member_id FROM group_activity ga WHERE ga.group_id IN (SELECT id FROM groups WHERE community_id = @c)
            AND ga.day >= @from30 AND ga.day <= @to)
          AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.member_id = m.id AND o.created_at >= @s30 AND o.created_at < @e)), 0) AS silent
      FROM members m WHERE m.community_id = @c AND m.role = 'resident' AND m.joined_at < @e AND (m.left_at IS NULL OR m.left_at >= @e)`),
    nps: q(`WITH latest AS (
        SELECT a.score, row_number() OVER (PARTITION BY a.member_id ORDER BY a.at DESC, a.survey_id DESC) AS rn
        FROM survey_answers a JOIN surveys s ON s.id = a.survey_id
        WHERE s.community_id = @c AND s.kind = 'nps' AND a.score IS NOT NULL AND a.at >= @s AND a.at < @e)
      SELECT count(*) AS n, coalesce(sum(score >= 9), 0) AS promoters, coalesce(sum(score <= 6), 0) AS detractors FROM latest WHERE rn = 1`),
    // Every line asked for of the orders placed in the range (cancelled ones too: they were asked for), and the
    // products on sale that sold: one pass over the orders and their lines.
    lines: q(`WITH on_sale AS (
        SELECT DISTINCT sp.product_id FROM session_products sp JOIN sessions se ON se.id = sp.session_id
        WHERE se.community_id = @c AND se.created_at < @e AND coalesce(se.closed_at, se.cutoff_at) > @s)
      SELECT (SELECT count(*) FROM on_sale) AS onSale, count(i.order_id) AS lines,
        count(DISTINCT CASE WHEN o.${LIVE} AND i.cancelled_at IS NULL AND i.product_id IN (SELECT product_id FROM on_sale) THEN i.product_id END) AS sold
      FROM orders o JOIN order_items i ON i.order_id = o.id
      WHERE o.community_id = @c AND o.created_at >= @s AND o.created_at < @e`),
    shortfalls: q(`SELECT count(*) AS n FROM order_shortfalls WHERE community_id = @c AND at >= @s AND at < @e`),
    loss: q(`SELECT coalesce(sum(value_fen), 0) AS fen FROM write_offs WHERE community_id = @c AND at >= @s AND at < @e`),
    stock: q(`SELECT count(DISTINCT day) AS days, coalesce(sum(value_fen), 0) AS fen FROM stock_snapshots WHERE community_id = @c AND day >= @from AND day <= @to`),
    newMembers: q(`SELECT count(*) AS joined, coalesce(sum(EXISTS (SELECT 1 FROM orders o WHERE o.member_id = m.id AND o.created_at >= m.joined_at
          AND o.created_at < m.joined_at + ${7 * DAY_MS} AND o.${LIVE})), 0) AS converted
      FROM members m WHERE m.community_id = @c AND m.role = 'resident' AND m.joined_at >= @s AND m.joined_at < @e`),
    tickets: q(`SELECT count(*) AS n, avg(resolved_at - opened_at) AS ms FROM tickets WHERE community_id = @c AND resolved_at >= @s AND resolved_at < @e`),
    nextWeek: q(`SELECT count(*) AS buyers, coalesce(sum(member_id IN (SELECT member_id FROM orders
          WHERE community_id = @c AND created_at >= @w2s AND created_at < @w2e AND ${LIVE})), 0) AS again
      FROM (SELECT DISTINCT member_id FROM orders WHERE community_id = @c AND created_at >= @w1s AND created_at < @w1e AND ${LIVE}
        AND member_id IN (${RESIDENTS}))`),
    repurchase: q(`SELECT count(*) AS buyers, coalesce(sum(n >= 2), 0) AS repeat FROM (SELECT member_id, count(*) AS n FROM orders
      WHERE community_id = @c AND created_at >= @s30 AND created_at < @e AND ${LIVE} AND member_id IN (${RESIDENTS}) GROUP BY member_id)`),
  };
});

type Row = Record<string, number | null>;

const ratio = (num: number, den: number): number | null => (den > 0 ? Math.round((num / den) * 1e4) / 1e4 : null);
const round2 = (x: number) => Math.round(x * 100) / 100;

/** The range's SQL parameters. */
function paramsOf(communityId: number, p: Period) {
  const last30 = lastDays(p, DEFAULT_DAYS);
  const [w1, w2] = completeWeeks(p).length === 2 ? completeWeeks(p) : [undefined, undefined];
  return {
    c: communityId, s: p.start, e: p.end, from: p.from, to: p.to, s30: last30.start, from30: last30.from,
    w1s: w1?.start ?? 0, w1e: w1?.end ?? 0, w2s: w2?.start ?? 0, w2e: w2?.end ?? 0, weeks: w1 !== undefined,
  };
}

/**
 * All figures of METRIC_DEFINITIONS for the community over the inclusive Shanghai dates (default: the 30 days
 * ending today by `now`). Ratios are 0–1 to 4 decimals, NPS −100…100 to 1 decimal, hours and days to 2 decimals.
 */
export function computeMetrics(store: Store, opts: { communityId: number; from?: string; to?: string }, now: number): Metrics {
  const range: DateRange = opts.from && opts.to ? { from: opts.from, to: opts.to } : defaultRange(now);
  const p = periodOf(range);
  const { weeks, ...params } = paramsOf(opts.communityId, p);
  const st = statements(store);
  const get = (s: { get(p: object): unknown }) => s.get(params) as Row;
  const o = get(st.orders) as { n: number; gmv: number; n1: number; g1: number; n2: number; g2: number };
  const active = get(st.activeResidents).n!;
  const { leaders, groups } = get(st.people) as { leaders: number; groups: number };
  const silent = get(st.silent) as { members: number; silent: number };
  const nps = get(st.nps) as { n: number; promoters: number; detractors: number };
  const lines = get(st.lines) as { onSale: number; lines: number; sold: number };
  const short = get(st.shortfalls).n!;
  const loss = get(st.loss).fen!;
  const stock = get(st.stock) as { days: number; fen: number };
  const joined = get(st.newMembers) as { joined: number; converted: number };
  const tickets = get(st.tickets) as { n: number; ms: number | null };
  const nextWeek = weeks ? get(st.nextWeek) as { buyers: number; again: number } : { buyers: 0, again: 0 };
  const repurchase = get(st.repurchase) as { buyers: number; repeat: number };
  const aov1 = o.n1 > 0 ? o.g1 / o.n1 : null;
  const aov2 = o.n2 > 0 ? o.g2 / o.n2 : null;
  return {
    nps: nps.n > 0 ? Math.round(((nps.promoters - nps.detractors) * 1000) / nps.n) / 10 : null,
    silent_share: ratio(silent.silent, silent.members),
    orders_per_group_day: groups > 0 ? round2(o.n / (groups * p.days)) : null,
    leader_capacity: leaders > 0 ? round2(active / leaders) : null,
    sku_sell_through: ratio(lines.sold, lines.onSale),
    // Average stock value ÷ average sales per day (both at selling prices).
    stock_turnover_days: stock.days > 0 && o.gmv > 0 ? round2((stock.fen / stock.days) / (o.gmv / p.days)) : null,
    next_week_repurchase: ratio(nextWeek.again, nextWeek.buyers),
    avg_order_value_fen: o.n > 0 ? Math.round(o.gmv / o.n) : null,
    aov_change: aov1 !== null && aov2 !== null ? Math.round(((aov2 - aov1) / aov1) * 1e4) / 1e4 : null,
    stockout_rate: ratio(short, lines.lines + short),
    loss_rate: ratio(loss, o.gmv),
    first_order_conversion: ratio(joined.converted, joined.joined),
    complaint_handling_hours: tickets.n > 0 ? round2(tickets.ms! / 3_600_000) : null,
    orders: o.n,
    gmv_fen: o.gmv,
    new_members: joined.joined,
    repurchase_30d: ratio(repurchase.repeat, repurchase.buyers),
  };
}
