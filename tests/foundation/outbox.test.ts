// The outbox on a real SQLite file: limits, retries, dedup and recovery.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_START } from '../helpers/harness.js';
import { openStore, type Store } from '../../src/store/db.js';
import { claimNext, enqueue, markFailed, markSent, pruneSent, recoverInterrupted } from '../../src/messaging/outbox.js';
import type { OutboxLimits } from '../../src/config.js';
import { OutboxSender } from '../../bot/outbox-sender.js';
import { createLogger } from '../../src/log.js';
import { waitUntil } from '../helpers/wait.js';

const limits: OutboxLimits = { minIntervalMs: 0, jitterMs: 0, perGroupPerMinute: 2, dailyCap: 5, maxAttempts: 3, retryBaseMs: 1000, failureReportDelayMs: 0 };
let store: Store;
beforeEach(() => {
  store = openStore(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lintuan-outbox-')), 'o.db'));
});
afterEach(() => store.close());

const T0 = Date.UTC(2026, 10, 25, 4, 0, 0); // 12:00 in Shanghai

describe('outbox rows', () => {
  it('queues a dedup key once', () => {
    expect(enqueue(store, { conversationId: 'r@chatroom', conversationKind: 'room', body: 'a', dedupKey: 'm1#0' }, T0)).toBe(true);
    expect(enqueue(store, { conversationId: 'r@chatroom', conversationKind: 'room', body: 'a', dedupKey: 'm1#0' }, T0)).toBe(false);
  });

  it('holds a group at its per-minute limit while other groups go on', () => {
    for (let i = 0; i < 3; i++) enqueue(store, { conversationId: 'a@chatroom', conversationKind: 'room', body: `a${i}` }, T0);
    enqueue(store, { conversationId: 'b@chatroom', conversationKind: 'room', body: 'b0' }, T0);
    const order: string[] = [];
    for (let i = 0; i < 4; i++) {
      const next = claimNext(store, limits, T0 + i);
      if (!next.row) break;
      order.push(next.row.body);
      markSent(store, next.row.id, T0 + i);
    }
    expect(order).toEqual(['a0', 'a1', 'b0']);
    const held = claimNext(store, limits, T0 + 10);
    expect(held.row).toBeNull();
    expect(held.row === null && held.reason).toBe('per_group');
    expect(held.row === null && held.wakeAt).toBe(T0 + 60_000);
    expect(claimNext(store, limits, T0 + 60_001).row?.body).toBe('a2');
  });

  it('stops at the daily cap until the next Shanghai day', () => {
    for (let i = 0; i < 7; i++) enqueue(store, { conversationId: `c${i}`, conversationKind: 'contact', body: `x${i}` }, T0);
    let sent = 0;
    for (let i = 0; i < 7; i++) {
      const next = claimNext(store, limits, T0);
      if (!next.row) {
        expect(next.reason).toBe('daily_cap');
        expect(next.wakeAt).toBe(Date.UTC(2026, 10, 25, 16, 0, 0)); // midnight in Shanghai
        break;
      }
      markSent(store, next.row.id, T0);
      sent++;
    }
    expect(sent).toBe(5);
    expect(claimNext(store, limits, Date.UTC(2026, 10, 25, 16, 0, 1)).row).not.toBeNull();
  });

  it('retries with backoff and gives up after maxAttempts', () => {
    enqueue(store, { conversationId: 'r@chatroom', conversationKind: 'room', body: 'flaky' }, T0);
    let now = T0;
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      const next = claimNext(store, limits, now);
      expect(next.row?.attempts).toBe(attempt);
      markFailed(store, next.row!, 'network', limits, now);
      const row = store.sqlite.prepare('SELECT status, not_before AS nb FROM outbox').get() as { status: string; nb: number };
      if (attempt < 3) {
        expect(row.status).toBe('pending');
        delays.push(row.nb - now);
        expect(claimNext(store, limits, row.nb - 1).row).toBeNull();
        now = row.nb;
      } else {
        expect(row.status).toBe('failed');
      }
    }
    expect(delays).toEqual([1000, 2000]);
  });

  it('does not resend a row that was in flight when the process died', () => {
    enqueue(store, { conversationId: 'r@chatroom', conversationKind: 'room', body: 'maybe sent' }, T0);
    expect(claimNext(store, limits, T0).row).not.toBeNull();
    expect(recoverInterrupted(store)).toBe(1);
    expect(claimNext(store, limits, T0).row).toBeNull();
  });
});

describe('the sender loop', () => {
  it('keeps the global minimum interval between two sends', async () => {
    const times: number[] = [];
    const sender = new OutboxSender(store, { ...limits, minIntervalMs: 40, perGroupPerMinute: 100, dailyCap: 100 },
      async () => { times.push(Date.now()); }, createLogger('silent'));
    for (let i = 0; i < 4; i++) enqueue(store, { conversationId: 'r@chatroom', conversationKind: 'room', body: `m${i}` }, TEST_START);
    sender.start();
    await sender.whenEmpty();
    await sender.stop();
    expect(times).toHaveLength(4);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(38);
  });

  it('retries a failed delivery and sends it once it works', async () => {
    let calls = 0;
    const delivered: string[] = [];
    const sender = new OutboxSender(store, { ...limits, retryBaseMs: 10, perGroupPerMinute: 100, dailyCap: 100 }, async (row) => {
      if (++calls === 1) throw new Error('puppet busy');
      delivered.push(row.body);
    }, createLogger('silent'));
    enqueue(store, { conversationId: 'r@chatroom', conversationKind: 'room', body: 'hello' }, TEST_START);
    sender.start();
    // The retry is scheduled for later, so "nothing due now" comes before it: wait for the delivery itself.
    await waitUntil(() => delivered.length === 1, 'the retried delivery');
    await sender.whenEmpty();
    await sender.stop();
    expect(delivered).toEqual(['hello']);
    expect(calls).toBe(2);
  });
});

describe('housekeeping', () => {
  it('drops sent rows older than the retention, keeps recent and unsent ones', () => {
    const day = 86_400_000;
    for (const [body, sentAgo] of [['old', 40 * day], ['recent', 2 * day]] as const) {
      enqueue(store, { conversationId: 'r@chatroom', conversationKind: 'room', body }, T0 - sentAgo);
      const next = claimNext(store, { ...limits, dailyCap: 100 }, T0 - sentAgo);
      markSent(store, next.row!.id, T0 - sentAgo);
    }
    enqueue(store, { conversationId: 'r@chatroom', conversationKind: 'room', body: 'waiting' }, T0 - 50 * day);
    expect(pruneSent(store, 30 * day, T0)).toBe(1);
    const left = store.sqlite.prepare('SELECT body FROM outbox ORDER BY id').all();
    expect(left).toEqual([{ body: 'recent' }, { body: 'waiting' }]);
  });
});
