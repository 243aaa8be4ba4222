// What a leader needs after the cut-off: the purchase list (采购单) and pick lists by building (分拣单).
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Store } from '../store/db.js';
import { members, orderItems, orders, products, type Order } from '../store/schema.js';
import { parseNickname } from '../growth/members.js';

/** Orders that count: not cancelled or refunded. */
export const LIVE_STATUSES = ['placed', 'confirmed', 'delivered', 'picked_up', 'done'] as const satisfies readonly Order['status'][];

export interface SummaryScope { communityId: number; sessionId?: number | null }

export interface LiveLine {
  orderId: number; orderNo: number; pickupCode: string | null; status: Order['status']; memberId: number; memberName: string;
  building: string | null; unit: string | null; address: string | null; recipientName: string | null;
  product: string; productUnit: string; qty: number; unitPriceFen: number; amountFen: number; createdAt: number;
}

/** Every live order line in scope, oldest first (one query; everything below is derived from it). */
export function liveLines(store: Store, scope: SummaryScope): LiveLine[] {
  const where = [eq(orders.communityId, scope.communityId), inArray(orders.status, [...LIVE_STATUSES]), isNull(orderItems.cancelledAt)];
  if (scope.sessionId) where.push(eq(orders.sessionId, scope.sessionId));
  return store.db.select({
    orderId: orders.id, orderNo: orders.orderNo, pickupCode: orders.pickupCode, status: orders.status, memberId: orders.memberId, memberName: members.displayName,
    building: members.building, unit: members.unit, address: orders.address, recipientName: orders.recipientName,
    product: products.name, productUnit: products.unit, qty: orderItems.qty, unitPriceFen: orderItems.unitPriceFen,
    amountFen: orderItems.amountFen, createdAt: orders.createdAt,
  }).from(orderItems)
    .innerJoin(orders, eq(orders.id, orderItems.orderId))
    .innerJoin(members, eq(members.id, orders.memberId))
    .innerJoin(products, eq(products.id, orderItems.productId))
    .where(and(...where)).orderBy(asc(orders.id), asc(orderItems.id)).all();
}

export interface PurchaseRow { product: string; unit: string; qty: number; amountFen: number; orders: number }

/** 采购单: totals per product. */
export function purchaseList(lines: LiveLine[]): PurchaseRow[] {
  const by = new Map<string, PurchaseRow & { orderIds: Set<number> }>();
  for (const l of lines) {
    const row = by.get(l.product) ?? { product: l.product, unit: l.productUnit, qty: 0, amountFen: 0, orders: 0, orderIds: new Set() };
    row.qty += l.qty;
    row.amountFen += l.amountFen;
    row.orderIds.add(l.orderId);
    row.orders = row.orderIds.size;
    by.set(l.product, row);
  }
  return [...by.values()].map(({ orderIds: _, ...r }) => ({ ...r, qty: Math.round(r.qty * 1000) / 1000 }))
    .sort((a, b) => b.amountFen - a.amountFen);
}

export interface PickEntry { building: string; unit: string; who: string; items: { product: string; unit: string; qty: number }[]; amountFen: number; pickupCodes: string[] }

/** Where an order goes: the address written on it, else the member's building/unit from the group nickname. */
function placeOf(l: LiveLine): { building: string; unit: string } {
  if (l.address) {
    const { building, unit } = parseNickname(l.address); // the same forms residents use in nicknames
    return building ? { building, unit: unit ?? '' } : { building: '其他', unit: l.address };
  }
  return { building: l.building ?? '未登记', unit: l.unit ?? '' };
}

/** 分拣单: one entry per recipient, grouped and sorted by building then unit. */
export function pickLists(lines: LiveLine[]): { building: string; entries: PickEntry[] }[] {
  const entries = new Map<string, PickEntry>();
  for (const l of lines) {
    const { building, unit } = placeOf(l);
    const who = l.recipientName ?? l.memberName;
    const key = `${building}|${unit}|${who}`;
    const e = entries.get(key) ?? { building, unit, who, items: [], amountFen: 0, pickupCodes: [] };
    const same = e.items.find((i) => i.product === l.product);
    if (same) same.qty = Math.round((same.qty + l.qty) * 1000) / 1000;
    else e.items.push({ product: l.product, unit: l.productUnit, qty: l.qty });
    e.amountFen += l.amountFen;
    if (l.pickupCode && !e.pickupCodes.includes(l.pickupCode)) e.pickupCodes.push(l.pickupCode);
    entries.set(key, e);
  }
  const natural = (a: string, b: string) => a.localeCompare(b, 'zh-CN', { numeric: true });
  const byBuilding = new Map<string, PickEntry[]>();
  for (const e of [...entries.values()].sort((a, b) => natural(a.building, b.building) || natural(a.unit, b.unit))) {
    byBuilding.set(e.building, [...(byBuilding.get(e.building) ?? []), e]);
  }
  return [...byBuilding.entries()].map(([building, list]) => ({ building, entries: list }));
}
