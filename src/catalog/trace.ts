// 质量追溯: every order line has a unique trace code derived from its order_items.id — no extra write on
// the order path. The id is scrambled by a multiplicative permutation (so codes do not look sequential),
// written in a 31-letter alphabet without look-alikes (no 0/O, 1/I/L), plus a check letter: a typo or a
// swap of two neighbours is rejected as malformed without a lookup. Case-insensitive. 6 letters up to
// 28 million lines, one more letter for each 31× beyond.
import { and, eq } from 'drizzle-orm';
import type { Store } from '../store/db.js';
import { orderItems, orders, products, type Order, type Product } from '../store/schema.js';
import { deliverySlots, slotOrders, type Batch, type DeliverySlot, type QcCheck } from '../store/schema-stock.js';
import { batchAt } from './warehouse.js';

export const TRACE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const BASE = BigInt(TRACE_ALPHABET.length); // 31, a prime: the weighted check letter catches every single-letter error
const MIN_BODY = 5;
const MULTIPLIER = 7_368_787n; // prime, coprime with 31^n

const modPow = (n: number) => BASE ** BigInt(n);

function inverse(a: bigint, m: bigint): bigint {
  let [r0, r1, s0, s1] = [a % m, m, 1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  return ((s0 % m) + m) % m;
}

function checkLetter(values: number[]): string {
  const sum = values.reduce((acc, v, i) => acc + (i + 1) * v, 0);
  return TRACE_ALPHABET[sum % TRACE_ALPHABET.length]!;
}

function bodyLength(id: bigint): number {
  let n = MIN_BODY;
  while (id >= modPow(n)) n++;
  return n;
}

/** order_items.id → its trace code, e.g. "AB3K7Q". */
export function traceCode(itemId: number): string {
  const id = BigInt(itemId);
  if (id < 1n) throw new Error(`bad order item id ${itemId}`);
  const n = bodyLength(id);
  let x = (id * MULTIPLIER) % modPow(n);
  const values: number[] = [];
  for (let i = 0; i < n; i++) {
    values.unshift(Number(x % BASE));
    x /= BASE;
  }
  return values.map((v) => TRACE_ALPHABET[v]).join('') + checkLetter(values);
}

export type TraceParse = { ok: true; itemId: number; code: string } | { ok: false; code: string };

/** A code as typed ("ab3k7q", "AB3-K7Q", full-width) → the order item id, or malformed. */
export function parseTraceCode(raw: string): TraceParse {
  const code = raw.normalize('NFKC').toUpperCase().replace(/[\s\-_]/g, '');
  if (code.length < MIN_BODY + 1 || code.length > 14) return { ok: false, code };
  const values = [...code].map((c) => TRACE_ALPHABET.indexOf(c));
  if (values.some((v) => v < 0)) return { ok: false, code };
  const body = values.slice(0, -1);
  if (checkLetter(body) !== code[code.length - 1]) return { ok: false, code };
  const x = body.reduce((acc, v) => acc * BASE + BigInt(v), 0n);
  const m = modPow(body.length);
  const id = (x * inverse(MULTIPLIER, m)) % m;
  // Each id has exactly one code: a longer body than the id needs is not one of ours.
  if (id < 1n || bodyLength(id) !== body.length || id > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, code };
  return { ok: true, itemId: Number(id), code };
}

export interface TraceView {
  code: string;
  product: Pick<Product, 'name' | 'unit' | 'category'>;
  qty: number;
  cancelled: boolean;
  order: Pick<Order, 'id' | 'orderNo' | 'status' | 'createdAt' | 'updatedAt'>;
  batch?: { batch: Batch; checks: QcCheck[] };
  slot?: DeliverySlot;
}

/** What a trace code tells, within one community only (another community's code is "not found"). */
export function traceItem(store: Store, communityId: number, itemId: number): TraceView | undefined {
  const row = store.db.select({ item: orderItems, order: orders, product: products }).from(orderItems)
    .innerJoin(orders, eq(orders.id, orderItems.orderId)).innerJoin(products, eq(products.id, orderItems.productId))
    .where(and(eq(orderItems.id, itemId), eq(orders.communityId, communityId))).get();
  if (!row) return undefined;
  const slot = store.db.select({ slot: deliverySlots }).from(slotOrders).innerJoin(deliverySlots, eq(deliverySlots.id, slotOrders.slotId))
    .where(eq(slotOrders.orderId, row.order.id)).get()?.slot;
  return {
    code: traceCode(itemId),
    product: row.product,
    qty: row.item.qty,
    cancelled: row.item.cancelledAt !== null,
    order: row.order,
    batch: batchAt(store, communityId, row.product.id, row.order.createdAt),
    slot,
  };
}
