// Closing a session (at its cut-off, or early by /截单) and telling the group, and the buyers if it failed.
import type { App } from '../core/types.js';
import { buyersOf, closeSession, type CloseResult } from './sessions.js';
import { liveLines, purchaseList } from './summary.js';
import { groupById, mainGroupOf } from '../community/communities.js';
import { enqueue } from '../messaging/outbox.js';
import { render } from '../messaging/replies.js';
import { yuan } from '../money.js';
import { qtyText } from '../quantity.js';

export function closeAndAnnounce(app: App, sessionId: number): CloseResult | null {
  const now = app.now();
  const result = app.store.db.transaction(() => {
    const r = closeSession(app.store, sessionId, now);
    if (!r) return null;
    const { session } = r;
    const group = (session.groupId ? groupById(app.store, session.groupId) : undefined) ?? mainGroupOf(app.store, session.communityId);
    let text: string;
    if (r.outcome === 'failed') {
      text = render('session_failed', { title: session.title, buyers: r.buyers, n: session.minMembers });
      for (const b of buyersOf(app.store, session.id)) {
        enqueue(app.store, { conversationId: b.contactId, conversationKind: 'contact', body: render('session_failed_private', { title: session.title }), dedupKey: `session:${session.id}:failed>${b.contactId}` }, now);
      }
    } else if (r.orders === 0) {
      text = render('session_closed_empty', { title: session.title });
    } else {
      const purchase = purchaseList(liveLines(app.store, { communityId: session.communityId, sessionId: session.id }))
        .map((p) => `${p.product} ${qtyText(p.qty)}${p.unit}`).join('、');
      text = render('session_closed', { title: session.title, buyers: r.buyers, orders: r.orders, total: yuan(r.totalFen), purchase });
    }
    if (group) enqueue(app.store, { conversationId: group.roomId, conversationKind: 'room', body: text, dedupKey: `session:${session.id}:closed` }, now);
    return r;
  });
  if (result) {
    app.sessions.invalidate(result.session.communityId);
    app.notifyOutbox();
  }
  return result;
}
