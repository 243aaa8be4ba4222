// The hot-path lookups use an index on the real SQLite file: EXPLAIN QUERY PLAN of the SQL the code actually runs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_START } from '../helpers/harness.js';
import { openStore, type Store } from '../../src/store/db.js';
import { membershipsOf } from '../../src/growth/members.js';
import { claimNext, enqueue, markSent } from '../../src/messaging/outbox.js';
import { loadDemo, seedDemo } from '../../src/community/demo.js';

let store: Store;
let dbPath: string;
beforeEach(() => {
  dbPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lintuan-idx-')), 'lintuan.db');
  store = openStore(dbPath);
});
afterEach(() => store.close());

/** The SQL texts `fn` prepares on the connection, with the query plan SQLite chooses for each. */
function plansOf(fn: () => void): { sql: string; plan: string }[] {
  const seen: string[] = [];
  const original = store.sqlite.prepare.bind(store.sqlite);
  store.sqlite.prepare = ((source: string) => { seen.push(source); return original(source); }) as typeof store.sqlite.prepare;
  try { fn(); } finally { store.sqlite.prepare = original as typeof store.sqlite.prepare; }
  return seen.map((sql) => {
    const params = (sql.match(/\?/g) ?? []).map(() => 0);
    const rows = original(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
    return { sql, plan: rows.map((r) => r.detail).join(' | ') };
  });
}

describe('indexes on the hot paths', () => {
  it('membershipsOf finds a contact by the members_contact index, not a scan', () => {
    seedDemo(store, loadDemo(), TEST_START);
    const plans = plansOf(() => membershipsOf(store, 'contact-zhang'));
    const lookup = plans.find((p) => /from "members"/i.test(p.sql));
    expect(lookup?.plan).toMatch(/SEARCH members USING INDEX members_contact \(contact_id=\?\)/);
  });

  it("claimNext counts a conversation's sends of the last minute by the outbox_conversation_sent index", () => {
    const T0 = Date.UTC(2026, 10, 25, 4, 0, 0);
    const limits = { minIntervalMs: 0, jitterMs: 0, perGroupPerMinute: 100, dailyCap: 100, maxAttempts: 3, retryBaseMs: 1000, failureReportDelayMs: 0 };
    enqueue(store, { conversationId: 'r@chatroom', conversationKind: 'room', body: 'a' }, T0);
    markSent(store, claimNext(store, limits, T0).row!.id, T0);
    enqueue(store, { conversationId: 'r@chatroom', conversationKind: 'room', body: 'b' }, T0);
    const plans = plansOf(() => claimNext(store, limits, T0 + 1));
    const perConversation = plans.filter((p) => /"conversation_id" = \?/.test(p.sql) && /"sent_at" >= \?/.test(p.sql));
    expect(perConversation).toHaveLength(1);
    expect(perConversation[0]!.plan).toMatch(/USING (COVERING )?INDEX outbox_conversation_sent \(conversation_id=\? AND sent_at>\?\)/);
  });
});
