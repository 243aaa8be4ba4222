// 动态库存预警 through the mock puppet with an injected clock: levels announced once per crossing (also
// across a restart), suggestions sized from sales and lead time, /补货 确认 restocks and re-arms.
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness, type Sent, TEST_START } from '../helpers/harness.js';
import { checkInventory } from '../../src/catalog/stock-alerts.js';

const DAY = 86_400_000;
let h: Harness;
afterEach(async () => { await h?.stop(); });

// The clock stays in the past: the outbox sends a row once real time reaches its not-before.
const T0 = TEST_START - 20 * DAY;
let clock = T0;
const now = () => clock;

const toLeader = (list: Sent[]) => list.filter((s) => s.conversationId === 'demo-leader');
const alertsIn = (list: Sent[]) => toLeader(list).filter((s) => s.text.includes('库存预警'));
const row = <T>(sql: string, ...args: unknown[]) => h.store.sqlite.prepare(sql).get(...args) as T;
const rows = <T>(sql: string, ...args: unknown[]) => h.store.sqlite.prepare(sql).all(...args) as T[];
let demoId = 0;
const rice = () => row<{ id: number; stock: number }>(`SELECT id, stock_milli / 1000.0 AS stock FROM products WHERE name = '大米' AND community_id = ?`, demoId);

describe('inventory alerts', () => {
  it('announce each level once per crossing, also across a restart, and again only after recovery and a new fall', async () => {
    clock = T0;
    h = await startHarness({ now });
    const communityId = (demoId = h.communityId);
    await h.say('团长', '/库存 大米 500');
    await h.say('张姐', '大米70袋'); // a week of history: 10 袋 a day
    clock = T0 + 7 * DAY;
    // A week on the demo session is past its cut-off (orders are locked): the leader opens the next one.
    await h.say('团长', '/开团 大米周团 明天20:00 大米');
    await h.say('团长', '/库存 大米 40');
    expect(checkInventory(h.app).crossings).toBe(0); // 40 ÷ 10 = 4 days of cover
    await h.settle();

    expect(alertsIn(await h.say('李叔', '大米5袋'))).toHaveLength(0); // 3.5 days
    const yellow = alertsIn(await h.say('王妈', '大米6袋')); // 29 ÷ (81 sold in 7 days) → 2.5 days ≤ 3
    expect(yellow).toHaveLength(1);
    expect(yellow[0]!.text).toContain('库存预警【黄】大米');
    expect(yellow[0]!.text).toContain('近期日均卖 11.57袋，约 2.5 天卖完');
    // Sized from sales and lead time: 81/7 a day × (2 days lead + 7 days target) − 29 on hand = 75.1 → 76.
    expect(yellow[0]!.text).toContain('建议补货 76袋');
    expect(row<{ q: number }>(`SELECT suggested_qty_milli / 1000.0 AS q FROM replenishments WHERE product_id = ?`, rice().id).q).toBe(76);

    expect(alertsIn(await h.say('小赵', '大米1袋'))).toHaveLength(0); // still yellow
    // The hourly pass reloads the averages (now 82 袋 over 7 days): still yellow, nothing new.
    // (The clock stays put: an hour later the oldest order would leave the 7-day window.)
    checkInventory(h.app);
    await h.settle();
    expect(alertsIn(h.sent)).toHaveLength(1);

    // Restart on the same database: nothing is announced again.
    const dir = h.dir;
    await h.stop();
    h = await startHarness({ dir, seed: false, now });
    await h.settle();
    expect(alertsIn(await h.say('李叔', '大米1袋'))).toHaveLength(0);
    checkInventory(h.app);
    await h.settle();
    expect(alertsIn(h.sent)).toHaveLength(0);

    // Falling further crosses orange: announced once, the pending suggestion re-sized.
    const orange = alertsIn(await h.say('张姐', '大米5袋'));
    expect(orange).toHaveLength(1);
    expect(orange[0]!.text).toContain('库存预警【橙】大米');
    expect(alertsIn(await h.say('王妈', '大米1袋'))).toHaveLength(0);
    const avg = (70 + 5 + 6 + 1 + 1 + 5) / 7; // the sales when orange was crossed, this order included
    const onHand = 40 - 5 - 6 - 1 - 1 - 5; // when orange was crossed
    const pending = rows<{ q: number; level: number }>(`SELECT suggested_qty_milli / 1000.0 AS q, level FROM replenishments WHERE product_id = ? AND status = 'pending'`, rice().id);
    expect(pending).toEqual([{ q: Math.ceil(avg * 9 - onHand), level: 2 }]);

    // /补货 确认 buys the suggestion: stock recovers above yellow, the product is re-armed.
    const [confirmed] = await h.say('团长', '/补货 确认');
    expect(confirmed!.text).toContain(`大米 采购 ${Math.ceil(avg * 9 - onHand)}袋 已入社区前置仓（第 1 批）`);
    expect(rice().stock).toBe(onHand - 1 + Math.ceil(avg * 9 - onHand));
    expect(row<{ episode: number; level: number }>(`SELECT episode, level FROM stock_alert_states WHERE product_id = ?`, rice().id)).toEqual({ episode: 2, level: 0 });
    expect(rows(`SELECT 1 FROM replenishments WHERE status = 'pending'`)).toHaveLength(0);

    // It falls again: a new episode, announced again (straight to the level reached).
    await h.say('团长', '/库存 大米 20');
    const again = alertsIn(await h.say('李叔', '大米1袋'));
    expect(again).toHaveLength(1);
    expect(again[0]!.text).toContain('库存预警【橙】大米');
    expect(rows<{ level: number; episode: number }>(`SELECT level, episode FROM stock_alerts WHERE community_id = ? ORDER BY id`, communityId))
      .toEqual([{ level: 1, episode: 1 }, { level: 2, episode: 1 }, { level: 2, episode: 2 }]);
  });

  it('a product’s first day of sales alerts after each order with the same 日均 and days of cover as /补货', async () => {
    clock = T0;
    h = await startHarness({ now });
    await h.say('团长', '/库存 草莓 60');
    const strawberry = row<{ id: number }>(`SELECT id FROM products WHERE name = '草莓' AND community_id = ?`, h.communityId).id;
    const levels: string[][] = [];
    for (const who of ['张姐', '李叔', '王妈', '小赵', '张姐', '李叔']) {
      levels.push(alertsIn(await h.say(who, '草莓5盒')).map((a) => /库存预警【(.)】/.exec(a.text)![1]!));
    }
    // 15 sold of 60 in a day: 45 ÷ 15 = 3 days (yellow); 20: 2 days (orange); 30: 1 day (red).
    expect(levels).toEqual([[], [], ['黄'], ['橙'], [], ['红']]);
    const red = alertsIn(h.sent).at(-1)!.text;
    expect(red).toContain('🔴 库存预警【红】草莓：可用 30盒（前置仓 30盒，中心仓 0盒），近期日均卖 30盒，约 1.0 天卖完');
    // 30/day × (2 days lead + 7 days target) − 30 on hand.
    expect(red).toContain('建议补货 240盒');
    expect(rows(`SELECT level, stock_milli / 1000.0 AS stock, avg_daily AS avg FROM stock_alerts WHERE product_id = ? ORDER BY id`, strawberry))
      .toEqual([{ level: 1, stock: 45, avg: 15 }, { level: 2, stock: 40, avg: 20 }, { level: 3, stock: 30, avg: 30 }]);

    const [overview] = await h.say('团长', '/补货');
    expect(overview!.text).toContain('🔴 草莓　前置仓 30盒 · 中心仓 0盒 · 日均 30盒 · 可用 1.0 天');
    // One 日均 per product: the suggestion line does not carry the one from when it was sized.
    expect(overview!.text).toContain('· 草莓 补 240盒（红色预警时的建议，到货 2 天）→ /补货 确认 草莓 240');
    expect(overview!.text.match(/日均/g)).toHaveLength(2); // the header's 近7天日均销量 and 草莓's line
  });

  it('/补货 shows stock per location, suggestions and the stock-out rate; 确认 to the centre and 调拨 move stock', async () => {
    clock = T0;
    h = await startHarness({ now });
    await h.say('团长', '/库存 青团 3');
    await h.say('张姐', '青团3盒');
    const [soldOut] = await h.say('李叔', '青团1盒');
    expect(soldOut!.text).toContain('青团');
    await h.redeliver(h.lastMessageId()); // a re-delivered refusal is not counted twice
    await h.say('王妈', '苹果1斤');
    await h.say('小赵', '牛奶1瓶');

    const [centre] = await h.say('团长', '/补货 确认 青团 30 中心仓');
    expect(centre!.text).toContain('青团 采购 30盒 已入区域中心仓（第 1 批）：前置仓 0盒 · 中心仓 30盒');
    const [moved] = await h.say('团长', '/补货 调拨 青团 12');
    expect(moved!.text).toContain('前置仓 12盒 · 中心仓 18盒');
    const [tooMuch] = await h.say('团长', '/补货 调拨 青团 100');
    expect(tooMuch!.text).toContain('区域中心仓只有 18盒');

    const [overview] = await h.say('团长', '/补货');
    expect(overview!.text).toMatch(/青团　前置仓 12盒 · 中心仓 18盒 · 日均 3盒/);
    // 1 refused of 4 attempts (3 orders placed + 1 refused) = 25 %.
    expect(overview!.text).toContain('近7天 1/4 = 25%');
    expect(overview!.text).toContain('超过目标');

    // Bad input writes nothing.
    const before = rows('SELECT * FROM batches');
    // Each bad input gets its own reason, as the only reply.
    const replies: [string, string[]][] = [];
    for (const bad of ["/补货 确认 青团 -5", "/补货 确认 榴莲 5", "/补货 确认 青团 5 仓库", "/补货 设置 黄 1 橙 2 红 3", "/补货 调拨 青团"]) replies.push([bad, (await h.say('团长', bad)).map((s) => s.text)]);
    expect(replies).toEqual([
      ["/补货 确认 青团 -5", ["数量「-5」不对，请写正数（最多 1000000），例如：/补货 确认 青团 50"]],
      ["/补货 确认 榴莲 5", ["本小区没有「榴莲」这个商品，发送 /补货 查看全部商品"]],
      ["/补货 确认 青团 5 仓库", ["位置请写「中心仓」或「前置仓」（默认前置仓）\n用法：/补货 [确认 [商品] [数量] [中心仓]|调拨 商品 数量|设置 黄 天数 橙 天数 红 天数 周期 天数]"]],
      ["/补货 设置 黄 1 橙 2 红 3", ["预警天数须满足 红 < 橙 < 黄 且都大于 0（现在会是 黄 1 橙 2 红 3），没有修改"]],
      ["/补货 调拨 青团", ["请写商品和数量，例如：/补货 调拨 苹果 20（从区域中心仓调到社区前置仓）\n用法：/补货 [确认 [商品] [数量] [中心仓]|调拨 商品 数量|设置 黄 天数 橙 天数 红 天数 周期 天数]"]],
    ]);
    expect(rows('SELECT * FROM batches')).toEqual(before);
    expect(rows('SELECT * FROM stock_policies')).toHaveLength(0);
    const [set] = await h.say('团长', '/补货 设置 黄 5 橙 3 红 1 周期 4');
    expect(set!.text).toContain('黄 ≤5 天 · 橙 ≤3 天 · 红 ≤1 天；到货周期 4 天');
  });

  it('another community and residents cannot see or act', async () => {
    clock = T0;
    h = await startHarness({ now });
    demoId = h.communityId;
    const other = h.addCommunity('翠苑');
    const [denied] = await h.say('张姐', '/补货 确认 苹果 10');
    expect(denied!.text).toContain('团长');
    const [foreign] = await h.say(other.leaderName, '/补货 确认 苹果 10', other.roomTopic);
    expect(foreign!.text).toContain('没有「苹果」');
    expect(rows('SELECT * FROM batches')).toHaveLength(0);
    expect(rice().stock).toBe(40);
  });
});
