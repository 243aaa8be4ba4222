// A leader's change to a resident's order (/改单): allowed after the cut-off, and always on the record.
import type { Store } from '../store/db.js';
import { orderAdjustments } from '../store/schema-orders.js';
import { modifyLine, type ModifyResult } from './orders.js';

/** Sets (0 = removes) the member's latest open line of `productName`, and logs who did it. One transaction. */
export function adjustOrder(
  store: Store,
  input: { communityId: number; memberId: number; productName: string; qty: number; byContactId: string },
  now: number,
): ModifyResult {
  return store.db.transaction(() => {
    const r = modifyLine(store, input.memberId, input.productName, input.qty, now, { leader: true });
    if (r.ok) {
      store.db.insert(orderAdjustments).values({
        communityId: input.communityId, orderId: r.line.orderId, itemId: r.line.itemId, memberId: input.memberId,
        productId: r.line.productId, fromQty: r.from, toQty: r.to, byContactId: input.byContactId, at: now,
      }).run();
    }
    return r;
  });
}
