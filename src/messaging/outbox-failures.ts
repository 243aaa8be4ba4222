// Outbox rows that were given up: which community they belong to, telling its leaders once, retrying on request.
import type { Store } from '../store/db.js';
import type { OutboxRow } from '../store/schema.js';
import { leadersOf } from './notify.js';
import { enqueue } from './outbox.js';
import { shanghaiClock } from '../time.js';

/** Reports carry this dedup-key prefix: a report that fails is logged, never reported (that would loop). */
export const FAILURE_REPORT_KEY = 'outbox-failed:';
const LISTED = 10;

export interface FailedRow extends OutboxRow {
  /** Group topic or member name the message was for. */
  recipient: string;
}

interface RawFailed {
  id: number; conversation_id: string; conversation_kind: OutboxRow['conversationKind']; kind: OutboxRow['kind'];
  body: string; dedup_key: string | null; status: OutboxRow['status']; attempts: number; not_before: number;
  created_at: number; sent_at: number | null; last_error: string | null; reported_at: number | null;
  community_id: number; recipient: string;
}

// A row belongs to a community through the group it was posted in, or the member it was sent to
// (a contact in two communities shows in both). `groupWhere`/`memberWhere` narrow each branch.
function failedSql(groupWhere: string, memberWhere: string): string {
  return `
  SELECT o.*, g.community_id AS community_id, g.topic AS recipient FROM outbox o
    JOIN groups g ON o.conversation_kind = 'room' AND g.room_id = o.conversation_id
   WHERE o.status = 'failed' AND ${groupWhere}
  UNION ALL
  SELECT o.*, m.community_id AS community_id, m.display_name AS recipient FROM outbox o
    JOIN members m ON o.conversation_kind = 'contact' AND m.contact_id = o.conversation_id
   WHERE o.status = 'failed' AND ${memberWhere}
  ORDER BY id`;
}

function toRow(r: RawFailed): FailedRow & { communityId: number } {
  return {
    id: r.id, conversationId: r.conversation_id, conversationKind: r.conversation_kind, kind: r.kind, body: r.body,
    dedupKey: r.dedup_key, status: r.status, attempts: r.attempts, notBefore: r.not_before, createdAt: r.created_at,
    sentAt: r.sent_at, lastError: r.last_error, reportedAt: r.reported_at, communityId: r.community_id, recipient: r.recipient,
  };
}

/** Failed rows of one community, oldest first. */
export function failedRowsOf(store: Store, communityId: number): FailedRow[] {
  const text = failedSql('g.community_id = @c', 'm.community_id = @c');
  return (store.sqlite.prepare(text).all({ c: communityId }) as RawFailed[]).map(toRow);
}

/** One line of a failure list: number, when, to whom, the start of the text, why. */
export function describeFailed(row: FailedRow): string {
  const what = row.kind === 'file' ? `文件 ${row.body.split(/[\\/]/).pop()}` : `「${row.body.replace(/\s+/g, ' ').slice(0, 24)}${row.body.length > 24 ? '…' : ''}」`;
  return `#${row.id} ${shanghaiClock(row.createdAt)} 发给 ${row.recipient}：${what}（${row.lastError ?? '未知原因'}）`;
}

/**
 * Tells each community's leaders, in one private message, about failed rows not reported yet, then marks them
 * reported. A leader is not told about a message to himself (it would likely fail the same way); the other leaders
 * are. Failed reports are only marked. Returns the number of reports queued.
 */
export function reportFailures(store: Store, now: number): number {
  const unreported = (store.sqlite.prepare(failedSql('o.reported_at IS NULL', 'o.reported_at IS NULL')).all() as RawFailed[]).map(toRow);
  const byCommunity = new Map<number, (FailedRow & { communityId: number })[]>();
  for (const row of unreported) {
    if (row.dedupKey?.startsWith(FAILURE_REPORT_KEY)) continue;
    const list = byCommunity.get(row.communityId) ?? [];
    list.push(row);
    byCommunity.set(row.communityId, list);
  }
  let queued = 0;
  store.sqlite.transaction(() => {
    for (const [communityId, rows] of byCommunity) {
      for (const leader of leadersOf(store, communityId)) {
        const mine = rows.filter((r) => !(r.conversationKind === 'contact' && r.conversationId === leader.contactId));
        if (mine.length === 0) continue;
        const lines = mine.slice(0, LISTED).map(describeFailed);
        if (mine.length > LISTED) lines.push(`…另有 ${mine.length - LISTED} 条`);
        const body = `⚠️ 有 ${mine.length} 条消息多次发送失败，已停止重试：\n${lines.join('\n')}\n`
          + '发送 /发送失败 查看全部，/发送失败 重发 编号（或 全部）重新发送。';
        const key = `${FAILURE_REPORT_KEY}${communityId}:${mine[0]!.id}-${mine.at(-1)!.id}:${mine.length}:${now}>${leader.contactId}`;
        if (enqueue(store, { conversationId: leader.contactId, conversationKind: 'contact', body, dedupKey: key }, now)) queued++;
      }
    }
    // Every unreported failed row is settled here, including those of no community and failed reports.
    store.sqlite.prepare("UPDATE outbox SET reported_at = ? WHERE status = 'failed' AND reported_at IS NULL").run(now);
  })();
  return queued;
}

/** A report that could not be sent is settled without a report of its own. */
export function settleFailedReport(store: Store, id: number, now: number): void {
  store.sqlite.prepare('UPDATE outbox SET reported_at = ? WHERE id = ?').run(now, id);
}

/** Puts failed rows of the community back in the queue (all of them, or the given numbers). Returns the ids retried. */
export function retryFailed(store: Store, communityId: number, ids: number[] | 'all', now: number): number[] {
  const wanted = failedRowsOf(store, communityId).filter((r) => ids === 'all' || ids.includes(r.id)).map((r) => r.id);
  const reset = store.sqlite.prepare(
    "UPDATE outbox SET status = 'pending', attempts = 0, not_before = ?, reported_at = NULL WHERE id = ? AND status = 'failed'");
  store.sqlite.transaction(() => { for (const id of wanted) reset.run(now, id); })();
  return wanted;
}
