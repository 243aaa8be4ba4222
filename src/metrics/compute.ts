// The dashboard's figures for one community and date range (definitions in ./definitions.ts): a handful of
// aggregate queries over indexed columns, none per row in JS. `npm run bench:metrics` times them at 1,000,000 orders.
import type { Store } from '../store/db.js';
import { preparedFor } from '../store/prepared.js';
import { DAY_MS, DEFAULT_DAYS, completeWeeks, defaultRange, lastDays, periodOf, type DateRange, type Period } from './period.js';
import type { Order } from '../store/schema.js';
import type { Metrics } from './definitions.js';

// Every status but 'cancelled', as a list: the live orders are index ranges of orders_community_time.
const LIVE_STATUSES = ['placed', 'confirmed', 'delivered', 'picked_up', 'done', 'refunded'] as const satisfies readonly Order['status'][];
const LIVE = `status IN (${LIVE_STATUSES.map((x) => `'${x}'`).join(', ')})`;
/** The id of the range's first (or last) live order by time: one index probe per status. */
const edgeId = (agg: 'min' | 'max') => `(SELECT ${agg}(id) FROM (${LIVE_STATUSES.map((x) => `SELECT * FROM (SELECT id FROM orders
  WHERE community_id = @c AND status = '${x}' AND created_at >= @s AND created_at < @e ORDER BY created_at ${agg === 'min' ? 'ASC' : 'DESC'} LIMIT 1)`).join(' UNION ALL ')}))`;
const ON_SALE = `SELECT DISTINCT sp.product_id AS id FROM session_products sp JOIN sessions se ON se.id = sp.session_id
  WHERE se.community_id = @c AND se.created_at < @e AND min(coalesce(se.closed_at, se.cutoff_at), se.cutoff_at) > @s`;
const RESIDENT = `m.community_id = @c AND m.role = 'resident'`;
/** Whether member m placed a live order in [from, to) (orders_member: one probe per member). */
const orderedIn = (from: string, to: string) =>
  `EXISTS (SELECT 1 FROM orders o WHERE o.member_id = m.id AND o.created_at >= ${from} AND o.created_at < ${to} AND o.${LIVE})`;

const SOLD = `SELECT 1 FROM order_items i JOIN orders o ON o.id = i.order_id WHERE i.product_id = on_sale.id AND i.cancelled_at IS NULL
  AND o.community_id = @c AND o.created_at >= @s AND o.created_at < @e AND o.${LIVE}`;

// Named parameters: @c community, @s/@e the range [start, end), @from/@to its days, @s30/@from30 the start of the
// last 30 days, @ws/@we a week, @w1s/@w1e and @w2s/@w2e the two complete weeks, @firstId/@lastId the ids of the
// range's first and last live orders. Only the first statement reads every order of the range (covering index orders_community_time);
// the others go by member, product or small tables.
const statements = preparedFor((store: Store) => {
  const q = (sql: string) => store.sqlite.prepare(sql);
  return {
    orders: q(`SELECT count(*) AS n, coalesce(sum(total_fen), 0) AS gmv, coalesce(sum(lines_asked), 0) AS lines
      FROM orders WHERE community_id = @c AND ${LIVE} AND created_at >= @s AND created_at < @e`),
    // Cancelled orders' lines were asked for too; and the ids of the range's first and last live orders by time.
    rest: q(`SELECT (SELECT coalesce(sum(lines_asked), 0) FROM orders WHERE community_id = @c AND status = 'cancelled' AND created_at >= @s AND created_at < @e) AS lines,
        ${edgeId('min')} AS firstId, ${edgeId('max')} AS lastId`),
    week: q(`SELECT count(*) AS n, coalesce(sum(total_fen), 0) AS gmv FROM orders WHERE community_id = @c AND created_at >= @ws AND created_at < @we AND ${LIVE}`),
    people: q(`SELECT
        (SELECT count(*) FROM members WHERE community_id = @c AND role = 'leader' AND (left_at IS NULL OR left_at >= @e)) AS leaders,
        (SELECT count(*) FROM groups WHERE community_id = @c) AS groups`),
    // MATERIALIZED: each member's EXISTS runs once, not once per use of its column.
    buyers: q(`WITH per AS MATERIALIZED (SELECT m.id, ${orderedIn('@s', '@e')} AS active, ${orderedIn('@w1s', '@w1e')} AS week1 FROM members m WHERE ${RESIDENT})
      SELECT coalesce(sum(active), 0) AS active, coalesce(sum(week1), 0) AS week1, coalesce(sum(week1 AND ${orderedIn('@w2s', '@w2e')}), 0) AS again FROM per m`),
    silent: q(`SELECT count(*) AS members,
        coalesce(sum(m.id NOT IN (SELECT ga.member_id FROM group_activity ga WHERE ga.group_id IN (SELECT id FROM groups WHERE community_id = @c)
            AND ga.day >= @from30 AND ga.day <= @to)
          AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.member_id = m.id AND o.created_at >= @s30 AND o.created_at < @e)), 0) AS silent
      FROM members m WHERE ${RESIDENT} AND m.joined_at < @e AND (m.left_at IS NULL OR m.left_at >= @e)`),
    repurchase: q(`WITH per AS MATERIALIZED (SELECT (SELECT count(*) FROM orders o
        WHERE o.member_id = m.id AND o.created_at >= @s30 AND o.created_at < @e AND o.${LIVE}) AS n FROM members m WHERE ${RESIDENT})
      SELECT coalesce(sum(n > 0), 0) AS buyers, coalesce(sum(n >= 2), 0) AS repeat FROM per`),
    nps: q(`WITH latest AS (
        SELECT a.score, row_number() OVER (PARTITION BY a.member_id ORDER BY a.at DESC, a.survey_id DESC) AS rn
        FROM survey_answers a JOIN surveys s ON s.id = a.survey_id
        WHERE s.community_id = @c AND s.kind = 'nps' AND a.score IS NOT NULL AND a.at >= @s AND a.at < @e)
      SELECT count(*) AS n, coalesce(sum(score >= 9), 0) AS promoters, coalesce(sum(score <= 6), 0) AS detractors FROM latest WHERE rn = 1`),
    // On sale: in a session between its opening and its cut-off (or its earlier close) that overlaps the range.
    // (A session closed after its cut-off stopped selling at the cut-off.)
    // Sold: a live line of a live order in the range, looked up by order_items_product. Order ids grow with the
    // clock, so the lines between the range's first and last order ids are tried first; only a product with no
    // sale there is looked up among the rest (the CASE stops at the first that holds).
    sellThrough: q(`WITH on_sale AS (${ON_SALE})
      SELECT count(*) AS onSale, coalesce(sum(CASE
          WHEN EXISTS (${SOLD} AND i.order_id >= @firstId AND i.order_id <= @lastId) THEN 1
          WHEN EXISTS (${SOLD} AND (i.order_id < @firstId OR i.order_id > @lastId)) THEN 1 ELSE 0 END), 0) AS sold
      FROM on_sale`),
    onSale: q(`SELECT count(*) AS n FROM (${ON_SALE})`),
    // Refused lines have no order row (a whole message refused); cut lines are within their order's lines_asked.
    shortfalls: q(`SELECT count(*) AS n, coalesce(sum(NOT placed), 0) AS refused FROM order_shortfalls WHERE community_id = @c AND at >= @s AND at < @e`),
    loss: q(`SELECT coalesce(sum(value_fen), 0) AS fen FROM write_offs WHERE community_id = @c AND at >= @s AND at < @e`),
    stock: q(`SELECT count(DISTINCT day) AS days, coalesce(sum(value_fen), 0) AS fen FROM stock_snapshots WHERE community_id = @c AND day >= @from AND day <= @to`),
    newMembers: q(`SELECT count(*) AS joined, coalesce(sum(${orderedIn('m.joined_at', `m.joined_at + ${7 * DAY_MS}`)}), 0) AS converted
      FROM members m WHERE ${RESIDENT} AND m.joined_at >= @s AND m.joined_at < @e`),
    tickets: q(`SELECT count(*) AS n, avg(resolved_at - opened_at) AS ms FROM tickets WHERE community_id = @c AND resolved_at >= @s AND resolved_at < @e`),
  };
});

const ratio = (num: number, den: number): number | null => (den > 0 ? Math.round((num / den) * 1e4) / 1e4 : null);
const round2 = (x: number) => Math.round(x * 100) / 100;

/** The range's SQL parameters; the two complete weeks are empty ([0, 0)) when the range holds fewer. */
function paramsOf(communityId: number, p: Period) {
  const last30 = lastDays(p, DEFAULT_DAYS);
  const weeks = completeWeeks(p);
  const [w1, w2] = weeks.length === 2 ? weeks : [undefined, undefined];
  return {
    c: communityId, s: p.start, e: p.end, from: p.from, to: p.to, s30: last30.start, from30: last30.from,
    w1s: w1?.start ?? 0, w1e: w1?.end ?? 0, w2s: w2?.start ?? 0, w2e: w2?.end ?? 0,
  };
}

/**
 * All figures of METRIC_DEFINITIONS for the community over the inclusive Shanghai dates (default: the 30 days
 * ending today by `now`). Ratios are 0–1 to 4 decimals, NPS −100…100 to 1 decimal, hours and days to 2 decimals.
 */
export function computeMetrics(store: Store, opts: { communityId: number; from?: string; to?: string }, now: number): Metrics {
  const range: DateRange = opts.from && opts.to ? { from: opts.from, to: opts.to } : defaultRange(now);
  const p = periodOf(range);
  const params = paramsOf(opts.communityId, p);
  const st = statements(store);
  const get = <T>(s: { get(p: object): unknown }, extra: object = {}) => s.get({ ...params, ...extra }) as T;
  const o = get<{ n: number; gmv: number; lines: number }>(st.orders);
  const rest = get<{ lines: number; firstId: number | null; lastId: number | null }>(st.rest);
  const week1 = get<{ n: number; gmv: number }>(st.week, { ws: params.w1s, we: params.w1e });
  const week2 = get<{ n: number; gmv: number }>(st.week, { ws: params.w2s, we: params.w2e });
  const { leaders, groups } = get<{ leaders: number; groups: number }>(st.people);
  const buyers = get<{ active: number; week1: number; again: number }>(st.buyers);
  const silent = get<{ members: number; silent: number }>(st.silent);
  const repurchase = get<{ buyers: number; repeat: number }>(st.repurchase);
  const nps = get<{ n: number; promoters: number; detractors: number }>(st.nps);
  // Without a live order in the range nothing sold (and no product's lines need a look).
  const sell = o.n > 0 ? get<{ onSale: number; sold: number }>(st.sellThrough, { firstId: rest.firstId, lastId: rest.lastId })
    : { onSale: get<{ n: number }>(st.onSale).n, sold: 0 };
  const short = get<{ n: number; refused: number }>(st.shortfalls);
  const loss = get<{ fen: number }>(st.loss).fen;
  const stock = get<{ days: number; fen: number }>(st.stock);
  const joined = get<{ joined: number; converted: number }>(st.newMembers);
  const tickets = get<{ n: number; ms: number | null }>(st.tickets);
  const aov1 = week1.n > 0 ? week1.gmv / week1.n : null;
  const aov2 = week2.n > 0 ? week2.gmv / week2.n : null;
  return {
    nps: nps.n > 0 ? Math.round(((nps.promoters - nps.detractors) * 1000) / nps.n) / 10 : null,
    silent_share: ratio(silent.silent, silent.members),
    orders_per_group_day: groups > 0 ? round2(o.n / (groups * p.days)) : null,
    leader_capacity: leaders > 0 ? round2(buyers.active / leaders) : null,
    sku_sell_through: ratio(sell.sold, sell.onSale),
    // Average stock value ÷ average sales per day (both at selling prices).
    stock_turnover_days: stock.days > 0 && o.gmv > 0 ? round2((stock.fen / stock.days) / (o.gmv / p.days)) : null,
    next_week_repurchase: ratio(buyers.again, buyers.week1),
    avg_order_value_fen: o.n > 0 ? Math.round(o.gmv / o.n) : null,
    aov_change: aov1 !== null && aov2 !== null ? Math.round(((aov2 - aov1) / aov1) * 1e4) / 1e4 : null,
    stockout_rate: ratio(short.n, o.lines + rest.lines + short.refused),
    loss_rate: ratio(loss, o.gmv),
    first_order_conversion: ratio(joined.converted, joined.joined),
    complaint_handling_hours: tickets.n > 0 ? round2(tickets.ms! / 3_600_000) : null,
    orders: o.n,
    gmv_fen: o.gmv,
    new_members: joined.joined,
    repurchase_30d: ratio(repurchase.repeat, repurchase.buyers),
  };
}
