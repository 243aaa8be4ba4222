// Open group-buy sessions per community, kept in memory: every order checks them.
import type { Store } from '../store/db.js';
import type { Session } from '../store/schema.js';
import { openSessionsOf } from '../ordering/sessions.js';

export interface OpenSession { session: Session; productIds: Set<number> }

export class SessionCache {
  private open = new Map<number, OpenSession[]>();

  constructor(private readonly store: Store) {}

  /** Open sessions whose cut-off has not passed, earliest cut-off first. */
  get(communityId: number, now: number): OpenSession[] {
    let list = this.open.get(communityId);
    if (!list) {
      list = openSessionsOf(this.store, communityId).map((s) => ({ session: s.session, productIds: new Set(s.productIds) }));
      this.open.set(communityId, list);
    }
    return list.filter((s) => s.session.cutoffAt > now);
  }

  /** The open session offering a product, if any. */
  offering(communityId: number, productId: number, now: number): OpenSession | undefined {
    return this.get(communityId, now).find((s) => s.productIds.has(productId));
  }

  /** Call after a session of that community was opened or closed. */
  invalidate(communityId: number): void { this.open.delete(communityId); }
}
