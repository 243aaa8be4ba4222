// 品控: when a batch fails a checkpoint, the residents who bought from it are told privately and the
// leaders get the list of affected orders (privately too: names and orders are not for the group).
// "Bought from it" is the rule trace codes use (batchAt): a line whose product's latest batch by the
// order's time, not failed by then, is this one.
import { and, asc, eq, gte, isNull, lte, notInArray } from 'drizzle-orm';
import type { Store } from '../store/db.js';
import { members, orderItems, orders, type Order, type Product } from '../store/schema.js';
import type { Batch } from '../store/schema-stock.js';
import { batchAt } from './warehouse.js';
import { traceCode } from './trace.js';
import { enqueue } from '../messaging/outbox.js';
import { leadersOf } from '../messaging/notify.js';
import { qtyText } from '../quantity.js';

export interface BatchBuyer {
  orderId: number;
  itemId: number;
  memberId: number;
  contactId: string;
  name: string;
  qty: number;
  status: Order['status'];
}

/** Live lines of orders (not cancelled or refunded) that took from `batch`, up to `now`, by order. */
export function batchBuyers(store: Store, communityId: number, batch: Batch, now: number): BatchBuyer[] {
  const rows = store.db.select({
    orderId: orders.id, itemId: orderItems.id, memberId: orders.memberId, contactId: members.contactId, name: members.displayName,
    qty: orderItems.qty, status: orders.status, createdAt: orders.createdAt,
  }).from(orderItems).innerJoin(orders, eq(orders.id, orderItems.orderId)).innerJoin(members, eq(members.id, orders.memberId))
    .where(and(eq(orders.communityId, communityId), eq(orderItems.productId, batch.productId), isNull(orderItems.cancelledAt),
      gte(orders.createdAt, batch.receivedAt), lte(orders.createdAt, now), notInArray(orders.status, ['cancelled', 'refunded'])))
    .orderBy(asc(orders.id), asc(orderItems.id)).all();
  // Orders placed at one moment share a batch: one lookup per distinct time.
  const from = new Map<number, number | undefined>();
  const batchOf = (at: number) => {
    if (!from.has(at)) from.set(at, batchAt(store, communityId, batch.productId, at)?.batch.id);
    return from.get(at);
  };
  return rows.filter((r) => batchOf(r.createdAt) === batch.id).map(({ createdAt: _, ...r }) => r);
}

const STATUS_WORDS: Partial<Record<Order['status'], string>> = {
  placed: '待到货', confirmed: '待到货', delivered: '待取货', picked_up: '已取货', done: '已完成',
};

/**
 * After `batch` of `product` failed `stage`: a private notice to each buyer (once per buyer and batch)
 * and the list of affected orders to every leader. `buyers` when already looked up. Returns the buyers.
 */
export function noticeFailedBatch(
  store: Store,
  input: { communityId: number; product: Product; batch: Batch; stage: string; note: string | null; buyers?: BatchBuyer[] },
  now: number,
): BatchBuyer[] {
  const { communityId, product, batch, stage, note } = input;
  const buyers = input.buyers ?? batchBuyers(store, communityId, batch, now);
  const u = product.unit;
  const why = `${stage}不合格${note ? `（${note}）` : ''}`;
  const byMember = new Map<number, BatchBuyer[]>();
  for (const b of buyers) byMember.set(b.memberId, [...(byMember.get(b.memberId) ?? []), b]);
  for (const lines of byMember.values()) {
    const bought = lines.map((l) => `订单 #${l.orderId} ${product.name} ${qtyText(l.qty)}${u}（溯源码 ${traceCode(l.itemId)}）`).join('、');
    const body = `【品控提醒】您买的${product.name}来自第 ${batch.seq} 批，这一批${why}：${bought}。`
      + '请先不要食用；团长会尽快联系您退款或换货，有疑问直接回复我。给您添麻烦了，非常抱歉';
    enqueue(store, { conversationId: lines[0]!.contactId, conversationKind: 'contact', body, dedupKey: `qc:${batch.id}:buyer>${lines[0]!.memberId}` }, now);
  }
  const list = buyers.length
    ? buyers.map((b) => `· #${b.orderId} ${b.name} ${qtyText(b.qty)}${u}（${STATUS_WORDS[b.status] ?? b.status}）`).join('\n')
    : '· 没有居民买到这一批';
  const summary = `【品控】${product.name} 第 ${batch.seq} 批${why}，受影响订单 ${buyers.length} 单，已私聊通知 ${byMember.size} 位居民：\n${list}`;
  for (const l of leadersOf(store, communityId)) {
    enqueue(store, { conversationId: l.contactId, conversationKind: 'contact', body: summary, dedupKey: `qc:${batch.id}:orders>${l.contactId}` }, now);
  }
  return buyers;
}
