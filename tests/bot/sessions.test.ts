// Group-buy sessions through the mock puppet: opening, ordering within them, closing on time or early.
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';
import { waitUntil } from '../helpers/wait.js';

let h: Harness;
afterEach(async () => { await h?.stop(); });

const rows = <T>(sql: string, ...args: unknown[]) => h.store.sqlite.prepare(sql).all(...args) as T[];
/** No session open: the demo's standing one is closed first. */
async function withoutSessions() {
  h = await startHarness({ env: { SESSION_CHECK_MS: '50' } });
  h.store.sqlite.prepare(`UPDATE sessions SET status = 'closed'`).run();
  h.app.sessions.invalidate(h.communityId);
}

describe('sessions', () => {
  it('refuses orders when nothing is on offer, and takes only the products of the open session', async () => {
    await withoutSessions();
    const [none] = await h.say('张姐', '苹果2斤');
    expect(none!.text).toContain('没有在进行的团购');
    const [notice] = await h.say('团长', '/开团 周五草莓团 明天20:00 草莓 牛奶 自提点 3号楼快递柜');
    expect(notice!.text).toContain('【开团】周五草莓团');
    expect(notice!.text).toContain('草莓 ¥25.00/盒');
    expect(notice!.text).toContain('自提点：3号楼快递柜');
    const [outside] = await h.say('张姐', '苹果2斤');
    expect(outside!.text).toContain('「苹果」不在本期团购里');
    const [ok] = await h.say('张姐', '草莓2盒');
    expect(ok!.text).toMatch(/下单成功.*取货码已私聊发给你/);
    expect(rows('SELECT count(*) AS n FROM orders')).toEqual([{ n: 1 }]);
  });

  it('answers malformed /开团 with its usage and writes nothing', async () => {
    await withoutSessions();
    for (const cmd of ['/开团', '/开团 周五团', '/开团 周五团 后年 草莓', '/开团 周五团 明天20:00', '/开团 周五团 明天20:00 榴莲', '/开团 周五团 明天20:00 草莓 成团 0人']) {
      const [r] = await h.say('团长', cmd);
      expect(r!.text).toMatch(/用法|没看懂|没有这些|成团人数|请写上/);
    }
    const [past] = await h.say('团长', '/开团 周五团 2020-01-01 20:00 草莓');
    expect(past!.text).toContain('已经过了');
    expect(rows(`SELECT count(*) AS n FROM sessions WHERE status = 'open'`)).toEqual([{ n: 0 }]);
    const [resident] = await h.say('张姐', '/开团 周五团 明天20:00 草莓');
    expect(resident!.text).toContain('只有团长可以使用');
  });

  it('closes by itself at the cut-off, confirms the orders and posts the purchase summary', async () => {
    await withoutSessions();
    await h.say('团长', '/开团 快团 明天20:00 草莓 牛奶');
    await h.say('张姐', '草莓2盒');
    await h.say('李叔', '草莓1盒，牛奶2瓶');
    // Bring the cut-off to now; the closer notices within SESSION_CHECK_MS.
    h.store.sqlite.prepare(`UPDATE sessions SET cutoff_at = ? WHERE status = 'open'`).run(h.app.now() - 1);
    h.app.sessions.invalidate(h.communityId);
    await waitUntil(() => h.sent.some((s) => s.text.includes('【截单】快团')), 'the cut-off announcement');
    await h.settle();
    const summary = h.sent.find((s) => s.text.includes('【截单】快团'))!;
    expect(summary.conversationId).toBe(h.world.main.id);
    expect(summary.text).toContain('2 人共 2 单');
    expect(summary.text).toContain('草莓 3盒');
    expect(summary.text).toContain('牛奶 2瓶');
    expect(rows<{ status: string }>('SELECT status FROM orders').map((o) => o.status)).toEqual(['confirmed', 'confirmed']);
    const [late] = await h.say('王妈', '草莓1盒');
    expect(late!.text).toContain('没有在进行的团购');
  });

  it('fails a session short of 成团 N人: orders cancelled, stock back, buyers told privately', async () => {
    await withoutSessions();
    const stock = () => rows<{ stock: number }>(`SELECT stock_milli / 1000.0 AS stock FROM products WHERE name = '草莓'`)[0]!.stock;
    const before = stock();
    await h.say('团长', '/开团 拼团草莓 明天20:00 草莓 成团 3人');
    await h.say('张姐', '草莓2盒');
    await h.say('李叔', '草莓1盒');
    expect(stock()).toBe(before - 3);
    const replies = await h.say('团长', '/截单');
    const group = h.sent.find((s) => s.text.includes('【未成团】拼团草莓'));
    expect(group?.conversationId).toBe(h.world.main.id);
    expect(group!.text).toContain('只有 2 人下单（需满 3 人）');
    expect(h.sent.filter((s) => s.text.includes('因未成团已取消')).map((s) => s.conversationId).sort()).toEqual(['demo-lishu', 'demo-zhangjie']);
    // The /截单 replies are exactly the group notice and the two private notices.
    expect(replies.map((s) => s.conversationId).sort()).toEqual(['demo-lishu', 'demo-main@chatroom', 'demo-zhangjie']);
    expect(stock()).toBe(before);
    expect(rows<{ status: string }>('SELECT status FROM orders').map((o) => o.status)).toEqual(['cancelled', 'cancelled']);
  });
});

describe('stock under a rush', () => {
  it('sells exactly the last 10 units to 50 residents ordering at once', async () => {
    h = await startHarness();
    h.store.sqlite.prepare(`UPDATE products SET stock_milli = 10000 WHERE name = '草莓'`).run();
    const room = h.world.main;
    const buyers = Array.from({ length: 50 }, (_, i) => {
      const c = h.world.mocker.createContact({ id: `rush-${i}`, name: `${1 + (i % 9)}-${101 + i} 邻居${i}` });
      room.add(c).by(h.world.botUser);
      return c;
    });
    await waitUntil(() => (h.store.sqlite.prepare(`SELECT count(*) AS n FROM members WHERE contact_id LIKE 'rush-%'`).get() as { n: number }).n === 50, 'the 50 joins');
    const handledBefore = h.bot.handled();
    for (const c of buyers) c.say('草莓1盒').to(room); // all 50 at once, before any is handled
    await h.bot.whenHandled(handledBefore + 50);
    await h.settle();
    const replies = h.sent.filter((s) => s.conversationId === room.id);
    expect(replies.filter((s) => s.text.includes('下单成功'))).toHaveLength(10);
    expect(replies.filter((s) => s.text.includes('已售罄'))).toHaveLength(40);
    expect(rows(`SELECT count(*) AS n, sum(i.qty_milli) / 1000.0 AS q FROM order_items i`)).toEqual([{ n: 10, q: 10 }]);
    expect(rows(`SELECT stock_milli / 1000.0 AS stock FROM products WHERE name = '草莓'`)).toEqual([{ stock: 0 }]);
  });
});
