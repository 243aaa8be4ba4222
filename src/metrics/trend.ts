// Orders and GMV per Shanghai day over a range (the /看板 and console trend charts), every day present.
import type { Store } from '../store/db.js';
import { preparedFor } from '../store/prepared.js';
import { DAY_MS, addDays, periodOf, type DateRange } from './period.js';

export interface TrendDay { day: string; orders: number; gmvFen: number }

const OFFSET_MS = 8 * 3600_000;

const byDay = preparedFor((store: Store) => store.sqlite.prepare(`SELECT (created_at + ${OFFSET_MS}) / ${DAY_MS} AS d, count(*) AS orders,
    sum(total_fen) AS gmvFen FROM orders WHERE community_id = ? AND created_at >= ? AND created_at < ? AND status != 'cancelled' GROUP BY d`));

/** Same counting as computeMetrics' `orders` and `gmv_fen`, one entry per day of the range (0 on a day without orders). */
export function dailyTrend(store: Store, communityId: number, range: DateRange): TrendDay[] {
  const p = periodOf(range);
  const rows = byDay(store).all(communityId, p.start, p.end) as { d: number; orders: number; gmvFen: number }[];
  const firstDay = (p.start + OFFSET_MS) / DAY_MS;
  const days: TrendDay[] = Array.from({ length: p.days }, (_, i) => ({ day: addDays(p.from, i), orders: 0, gmvFen: 0 }));
  for (const r of rows) Object.assign(days[r.d - firstDay]!, { orders: r.orders, gmvFen: r.gmvFen });
  return days;
}
