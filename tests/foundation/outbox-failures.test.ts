// Given-up outbox rows reach the leaders (privately, one message per batch) and can be listed and resent with /发送失败.
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';
import { enqueue } from '../../src/messaging/outbox.js';
import { upsertMember } from '../../src/growth/members.js';
import { openStore } from '../../src/store/db.js';
import { shanghaiClock } from '../../src/time.js';

// A clock at a fixed day that runs at real speed: retries and the report delay still come due.
const T0 = Date.UTC(2026, 10, 25, 4, 0, 0); // 11-25 12:00 in Shanghai
const clock = () => { const start = Date.now(); return () => T0 + (Date.now() - start); };
const FAST_FAIL = { OUTBOX_MAX_ATTEMPTS: '2', OUTBOX_RETRY_BASE_MS: '1', OUTBOX_FAILURE_REPORT_MS: '80' };

let h: Harness | undefined;
afterEach(async () => { await h?.stop(); h = undefined; });

interface Row { id: number; conversation_id: string; status: string; reported_at: number | null; body: string }
const rows = (x: Harness) => x.store.sqlite.prepare('SELECT id, conversation_id, status, reported_at, body FROM outbox ORDER BY id').all() as Row[];

/** Queues private messages to contacts the puppet does not know: each delivery fails with "not found". */
function queueUndeliverable(x: Harness, to: { id: string; nickname: string; body: string }[]): number[] {
  const ids: number[] = [];
  for (const t of to) {
    upsertMember(x.store, { communityId: x.communityId, contactId: t.id, nickname: t.nickname }, x.app.now());
    enqueue(x.store, { conversationId: t.id, conversationKind: 'contact', body: t.body }, x.app.now());
    ids.push((x.store.sqlite.prepare('SELECT max(id) AS id FROM outbox').get() as { id: number }).id);
  }
  x.app.notifyOutbox();
  return ids;
}

describe('failed outbox rows', () => {
  it('tells the leader once, privately, listing every row given up in the same minute', async () => {
    h = await startHarness({ env: FAST_FAIL, now: clock() });
    const before = h.sent.length;
    const [a, b] = queueUndeliverable(h, [
      { id: 'gone-1', nickname: '9-101 老赵', body: '下单成功：苹果 2斤 ¥12.00' },
      { id: 'gone-2', nickname: '9-102 老钱', body: '您的取货码是 123456' },
    ]);
    await h.settle();
    const created = rows(h).find((r) => r.id === a)!;
    const when = shanghaiClock(T0).slice(0, 5); // the day; the minute depends on how fast the machine is
    const toLeader = h.sent.slice(before).filter((s) => s.conversationId === 'demo-leader');
    expect(toLeader).toHaveLength(1);
    expect(toLeader[0]!.text).toMatch(new RegExp(
      `^⚠️ 有 2 条消息多次发送失败，已停止重试：\\n#${a} ${when} 12:0\\d 发给 9-101 老赵：「下单成功：苹果 2斤 ¥12\\.00」（conversation gone-1 not found）\\n`
      + `#${b} ${when} 12:0\\d 发给 9-102 老钱：「您的取货码是 123456」（conversation gone-2 not found）\\n`
      + '发送 /发送失败 查看全部，/发送失败 重发 编号（或 全部）重新发送。$'));
    expect(created.status).toBe('failed');
    expect(rows(h).filter((r) => r.status === 'failed').map((r) => [r.id, r.reported_at !== null])).toEqual([[a, true], [b, true]]);
    // Nothing sent to the group about it.
    expect(h.sent.slice(before).filter((s) => s.conversationId !== 'demo-leader')).toEqual([]);
  });

  it('does not tell a leader about his own undeliverable messages, and a failed report is not reported again', async () => {
    h = await startHarness({ env: FAST_FAIL, now: clock() });
    // A second leader the puppet cannot reach: messages to him fail, and so does the report sent to him.
    upsertMember(h.store, { communityId: h.communityId, contactId: 'gone-leader', nickname: '副团长-老周', role: 'leader' }, h.app.now());
    const [toHim] = queueUndeliverable(h, [{ id: 'gone-leader', nickname: '副团长-老周', body: '/统计 结果' }]);
    await h.settle();
    const all = rows(h);
    // The one row, one report to the reachable leader, nothing to the unreachable one about himself.
    expect(all.map((r) => [r.conversation_id, r.status])).toEqual([['gone-leader', 'failed'], ['demo-leader', 'sent']]);
    expect(all[1]!.body).toContain(`#${toHim} `);
    expect(all[1]!.body).toContain('发给 副团长-老周：「/统计 结果」');

    // A resident's message fails: both leaders get a report; the one to the unreachable leader fails and stays quiet.
    const [toResident] = queueUndeliverable(h, [{ id: 'gone-1', nickname: '9-101 老赵', body: '到货啦' }]);
    await h.settle();
    const after = rows(h).slice(2);
    expect(after.map((r) => [r.conversation_id, r.status])).toEqual([['gone-1', 'failed'], ['demo-leader', 'sent'], ['gone-leader', 'failed']]);
    expect(after[1]!.body).toContain(`#${toResident} `);
    expect(rows(h).every((r) => r.status !== 'failed' || r.reported_at !== null)).toBe(true);
  });

  it('/发送失败 lists the failed rows privately and 重发 sends them again', async () => {
    h = await startHarness({ env: FAST_FAIL, now: clock() });
    const [id] = queueUndeliverable(h, [{ id: 'gone-1', nickname: '9-101 老赵', body: '下单成功：苹果 2斤' }]);
    await h.settle();

    const [list, ...more] = await h.say('团长', '/发送失败');
    expect(more).toEqual([]);
    expect(list!.conversationId).toBe('demo-leader');
    expect(list!.text).toMatch(new RegExp(`^「阳光小区」有 1 条消息没能发出：\\n#${id} \\d\\d-\\d\\d \\d\\d:\\d\\d 发给 9-101 老赵：「下单成功：苹果 2斤」（conversation gone-1 not found）\\n`
      + '重新发送：/发送失败 重发 编号（可写多个）或 /发送失败 重发 全部$'));

    const [bad] = await h.sayPrivately('团长', '/发送失败 重发 abc');
    expect(bad!.text).toBe('请写要重发的消息编号（/发送失败 列表里 # 后面的数字）或「全部」。\n用法：/发送失败 [重发 编号…|重发 全部]');

    // 老赵 can be reached again (e.g. the bot was re-added as a friend).
    h.world.mocker.createContact({ id: 'gone-1', name: '老赵' });
    const replies = await h.sayPrivately('团长', `/发送失败 重发 ${id} 99999`);
    // The resent row is the older one, so it goes out first.
    expect(replies.map((s) => [s.conversationId, s.text])).toEqual([
      ['gone-1', '下单成功：苹果 2斤'],
      ['demo-leader', `已重新排队发送 1 条：#${id}\n这些编号不在本小区的发送失败列表里：#99999`],
    ]);
    expect(rows(h).find((r) => r.id === id)!.status).toBe('sent');
    const [empty] = await h.sayPrivately('团长', '/发送失败');
    expect(empty!.text).toBe('「阳光小区」没有发送失败的消息。');
  });

  it('a resident cannot run it, and another community does not see these rows', async () => {
    h = await startHarness({ env: FAST_FAIL, now: clock() });
    queueUndeliverable(h, [{ id: 'gone-1', nickname: '9-101 老赵', body: '您的取货码是 123456' }]);
    await h.settle();
    const other = h.addCommunity('甜橙');
    const [theirs] = await h.sayPrivately(other.leaderName, '/发送失败');
    expect(theirs!.text).toBe('「甜橙」没有发送失败的消息。');
    const resident = await h.say('张姐', '/发送失败');
    expect(resident.map((s) => [s.conversationId, s.text])).toEqual([['demo-main@chatroom', '「/发送失败」只有团长可以使用']]);
    expect(rows(h).filter((r) => r.status === 'failed')).toHaveLength(1);
  });

  it('a message in flight when the process died is marked failed and told to the leader at the next start', async () => {
    h = await startHarness({ now: clock() });
    const dir = h.dir;
    await h.stop();
    const store = openStore(`${dir}/lintuan.db`);
    store.sqlite.prepare(`INSERT INTO outbox (conversation_id, conversation_kind, kind, body, status, attempts, not_before, created_at)
      VALUES ('demo-zhangjie', 'contact', 'text', '下单成功：苹果 2斤', 'sending', 1, ?, ?)`).run(T0, T0);
    store.close();
    h = await startHarness({ dir, now: clock() });
    await h.settle();
    const toLeader = h.sent.filter((s) => s.conversationId === 'demo-leader');
    expect(toLeader.map((s) => s.text)).toEqual([
      '⚠️ 有 1 条消息多次发送失败，已停止重试：\n#1 11-25 12:00 发给 3-501 张姐：「下单成功：苹果 2斤」（发送中断（程序退出），可能已发出，未自动重发以免重复）\n'
      + '发送 /发送失败 查看全部，/发送失败 重发 编号（或 全部）重新发送。',
    ]);
    expect(h.sent.filter((s) => s.conversationId === 'demo-zhangjie')).toEqual([]);
  });
});
