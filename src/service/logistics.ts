// 应急物流: up to 3 delivery providers by priority, delivery slots (time windows) holding home-delivery
// orders, and the check that alerts the leaders once when a slot is not all delivered 30 minutes after it ends.
import { and, asc, eq, gt, inArray, isNull, lte, min, notInArray, or } from 'drizzle-orm';
import type { App } from '../core/types.js';
import type { Store } from '../store/db.js';
import { orders, type Order } from '../store/schema.js';
import { deliveryProviders, deliverySlots, slotOrders, type DeliveryProvider, type DeliverySlot } from '../store/schema-stock.js';
import { HOME_DELIVERY_RE } from '../growth/rewards.js';
import { notifyLeaders } from '../messaging/notify.js';
import { shanghaiClock } from '../time.js';

export const MAX_PROVIDERS = 3;
/** 30分钟响应机制: how long after a slot's end undelivered orders raise the alert. */
export const LATE_AFTER_MS = 30 * 60_000;

export function providersOf(store: Store, communityId: number): DeliveryProvider[] {
  return store.db.select().from(deliveryProviders).where(eq(deliveryProviders.communityId, communityId)).orderBy(asc(deliveryProviders.priority)).all();
}

export function setProvider(store: Store, communityId: number, priority: number, name: string, phone: string | null, now: number): DeliveryProvider {
  const values = { communityId, priority, name, phone, updatedAt: now };
  return store.db.insert(deliveryProviders).values(values)
    .onConflictDoUpdate({ target: [deliveryProviders.communityId, deliveryProviders.priority], set: values }).returning().get();
}

export function removeProvider(store: Store, communityId: number, priority: number): boolean {
  return store.db.delete(deliveryProviders).where(and(eq(deliveryProviders.communityId, communityId), eq(deliveryProviders.priority, priority))).run().changes > 0;
}

/** The provider to call when `current` fails: the next priority, else (wrapping) the first other one. */
export function nextProvider(list: readonly DeliveryProvider[], current: number): DeliveryProvider | undefined {
  return list.find((p) => p.priority > current) ?? list.find((p) => p.priority !== current);
}

const WAITING: Order['status'][] = ['placed', 'confirmed'];

/** Waiting orders that go to a home (an address, or a note asking for delivery) and are in no slot yet. */
export function unslottedDeliveryOrders(store: Store, communityId: number): Order[] {
  const taken = store.db.select({ id: slotOrders.orderId }).from(slotOrders);
  return store.db.select().from(orders)
    .where(and(eq(orders.communityId, communityId), inArray(orders.status, WAITING), notInArray(orders.id, taken)))
    .orderBy(orders.id).all()
    .filter((o) => o.address !== null || (o.note !== null && HOME_DELIVERY_RE.test(o.note)));
}

export type SlotResult =
  | { ok: true; slot: DeliverySlot; orderIds: number[] }
  | { ok: false; reason: 'unknown_orders'; ids: number[] }
  | { ok: false; reason: 'no_orders' };

/**
 * A delivery slot for the given orders (of this community, still waiting, in no other slot), or — when
 * none are named — for every waiting home-delivery order not in a slot yet.
 */
export function createSlot(store: Store, input: { communityId: number; provider: DeliveryProvider; startsAt: number; endsAt: number; orderIds?: number[]; by: string }, now: number): SlotResult {
  const { communityId, provider } = input;
  return store.db.transaction(() => {
    let ids: number[];
    if (input.orderIds?.length) {
      const wanted = [...new Set(input.orderIds)];
      const taken = new Set(store.db.select({ id: slotOrders.orderId }).from(slotOrders).where(inArray(slotOrders.orderId, wanted)).all().map((r) => r.id));
      const found = new Set(store.db.select({ id: orders.id }).from(orders)
        .where(and(eq(orders.communityId, communityId), inArray(orders.id, wanted), inArray(orders.status, WAITING))).all().map((r) => r.id));
      const bad = wanted.filter((id) => !found.has(id) || taken.has(id));
      if (bad.length) return { ok: false as const, reason: 'unknown_orders' as const, ids: bad };
      ids = wanted;
    } else {
      ids = unslottedDeliveryOrders(store, communityId).map((o) => o.id);
      if (ids.length === 0) return { ok: false as const, reason: 'no_orders' as const };
    }
    const slot = store.db.insert(deliverySlots).values({
      communityId, providerPriority: provider.priority, providerName: provider.name, startsAt: input.startsAt, endsAt: input.endsAt,
      createdBy: input.by, createdAt: now,
    }).returning().get();
    for (const orderId of ids) store.db.insert(slotOrders).values({ slotId: slot.id, orderId }).run();
    return { ok: true as const, slot, orderIds: ids };
  });
}

/**
 * Slots still to finish: not checked yet (upcoming, running, or ended less than 30 minutes ago), and
 * late ones — checked, with orders still not delivered — until the last of them is delivered.
 */
export function openSlots(store: Store, communityId: number): DeliverySlot[] {
  const waiting = store.db.select({ id: slotOrders.slotId }).from(slotOrders).innerJoin(orders, eq(orders.id, slotOrders.orderId))
    .where(inArray(orders.status, WAITING));
  return store.db.select().from(deliverySlots)
    .where(and(eq(deliverySlots.communityId, communityId), or(isNull(deliverySlots.checkedAt), inArray(deliverySlots.id, waiting))))
    .orderBy(deliverySlots.startsAt).all();
}

/** Whether an order of a slot still waits to be delivered. */
export const isWaiting = (o: Pick<Order, 'status'>) => WAITING.includes(o.status);

export function slotOrdersOf(store: Store, slotId: number): Order[] {
  return store.db.select({ order: orders }).from(slotOrders).innerJoin(orders, eq(orders.id, slotOrders.orderId))
    .where(eq(slotOrders.slotId, slotId)).orderBy(orders.id).all().map((r) => r.order);
}

export const slotWindow = (s: Pick<DeliverySlot, 'startsAt' | 'endsAt'>) => `${shanghaiClock(s.startsAt)}-${shanghaiClock(s.endsAt).slice(6)}`;

/** The first moment after `after` when checkLogistics has a slot to check; null when none waits. */
export function nextLateCheck(store: Store, after: number): number | null {
  const end = store.db.select({ at: min(deliverySlots.endsAt) }).from(deliverySlots)
    .where(and(isNull(deliverySlots.checkedAt), gt(deliverySlots.endsAt, after - LATE_AFTER_MS))).get()?.at;
  return end === null || end === undefined ? null : end + LATE_AFTER_MS;
}

/**
 * Every slot whose end was 30 minutes ago or more and that was not checked yet: checked exactly once
 * (a conditional update), and when some of its orders are still not delivered the leaders are told,
 * with the next provider by priority. Returns the slots that were late.
 */
export function checkLogistics(app: App, now = app.now()): { checked: number; late: DeliverySlot[] } {
  const { store } = app;
  const due = store.db.select().from(deliverySlots)
    .where(and(isNull(deliverySlots.checkedAt), lte(deliverySlots.endsAt, now - LATE_AFTER_MS))).orderBy(deliverySlots.id).all();
  const late: DeliverySlot[] = [];
  for (const slot of due) {
    store.db.transaction(() => {
      const list = slotOrdersOf(store, slot.id);
      const pending = list.filter((o) => WAITING.includes(o.status));
      const claimed = store.db.update(deliverySlots).set({ checkedAt: now, lateOrders: pending.length })
        .where(and(eq(deliverySlots.id, slot.id), isNull(deliverySlots.checkedAt))).run();
      if (claimed.changes === 0 || pending.length === 0) return;
      late.push(slot);
      const next = nextProvider(providersOf(store, slot.communityId), slot.providerPriority);
      const text = [
        `🚨 配送超时：${slotWindow(slot)} 这一趟（${slot.providerName}）结束已超过 30 分钟，还有 ${pending.length} 单没有标记送达：`
          + pending.map((o) => `#${o.orderNo}`).join('、'),
        next
          ? `请立即联系备用配送：${next.name}（优先级 ${next.priority}${next.phone ? `，电话 ${next.phone}` : ''}）`
          : '没有登记备用配送公司，请用 /配送 公司 2 名称 电话 添加',
        '送到后用 /送达 取货码 标记',
      ].join('\n');
      notifyLeaders(store, slot.communityId, text, `logistics:slot:${slot.id}`, now);
    });
  }
  if (late.length) app.notifyOutbox();
  return { checked: due.length, late };
}
