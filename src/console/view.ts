// What the web console shows for one community: the 12 figures with their definitions, the trend, open tickets and
// today's orders. Plain data from the store; web/ renders it.
import { and, asc, eq, gte } from 'drizzle-orm';
import type { Store } from '../store/db.js';
import { communities, members, orders } from '../store/schema.js';
import { tickets } from '../store/schema-service.js';
import { startOfShanghaiDay, shanghaiClock } from '../time.js';
import { yuan } from '../money.js';
import { dashboardFigures, type DashboardFigures } from '../metrics/dashboard.js';

export interface ConsoleView extends DashboardFigures {
  community: { id: number; name: string };
  openTickets: { id: number; type: string; who: string; openedAt: string; text: string }[];
  todayOrders: { orderNo: number; who: string; building: string | null; total: string; status: string; at: string }[];
}

export function visibleCommunities(store: Store): { id: number; name: string }[] {
  return store.db.select({ id: communities.id, name: communities.name }).from(communities).orderBy(asc(communities.id)).all();
}

export type ViewResult = { ok: true; view: ConsoleView } | { ok: false; status: number; error: string };

export function communityView(store: Store, communityId: number, now: number, range: { from?: string; to?: string }): ViewResult {
  const community = store.db.select({ id: communities.id, name: communities.name }).from(communities).where(eq(communities.id, communityId)).get();
  if (!community) return { ok: false, status: 404, error: '没有这个小区。' };
  const figures = dashboardFigures(store, communityId, now, range);
  if (!figures.ok) return { ok: false, status: 400, error: figures.error };
  const openTickets = store.db.select({ id: tickets.id, type: tickets.type, who: members.displayName, openedAt: tickets.openedAt, text: tickets.text })
    .from(tickets).innerJoin(members, eq(members.id, tickets.memberId))
    .where(and(eq(tickets.communityId, communityId), eq(tickets.status, 'open'))).orderBy(asc(tickets.openedAt)).all()
    .map((t) => ({ ...t, openedAt: shanghaiClock(t.openedAt) }));
  const todayOrders = store.db.select({ orderNo: orders.orderNo, who: members.displayName, building: members.building, totalFen: orders.totalFen, status: orders.status, createdAt: orders.createdAt })
    .from(orders).innerJoin(members, eq(members.id, orders.memberId))
    .where(and(eq(orders.communityId, communityId), gte(orders.createdAt, startOfShanghaiDay(now)))).orderBy(asc(orders.orderNo)).all()
    .map((o) => ({ orderNo: o.orderNo, who: o.who, building: o.building, total: yuan(o.totalFen), status: ORDER_STATUS[o.status] ?? o.status, at: shanghaiClock(o.createdAt) }));
  return { ok: true, view: { community, ...figures.figures, openTickets, todayOrders } };
}

const ORDER_STATUS: Record<string, string> = {
  placed: '已下单', confirmed: '已确认', delivered: '已到货', picked_up: '已取货', done: '已完成', cancelled: '已取消', refunded: '已退款',
};
