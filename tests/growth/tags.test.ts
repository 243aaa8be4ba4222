// 智能分组 and silent members: tags from a 60-day order history, /标签, /人群, /沉默.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness, TEST_START } from '../helpers/harness.js';
import { memberByContact } from '../../src/growth/members.js';
import { rebuildTags, tagsOf } from '../../src/growth/tags.js';

let h: Harness;
const DAY = 86_400_000;
const NOW = TEST_START;
let seq = 0;

const mid = (contactId: string) => memberByContact(h.store, h.communityId, contactId)!.id;
const productId = (name: string) => (h.store.sqlite.prepare('SELECT id FROM products WHERE community_id = ? AND name = ?').get(h.communityId, name) as { id: number }).id;

/** An order placed `daysAgo` days ago, written straight to SQLite. */
function order(contactId: string, daysAgo: number, lines: [string, number][], status = 'done') {
  const at = NOW - daysAgo * DAY;
  const items = lines.map(([name, qty]) => {
    const p = h.store.sqlite.prepare('SELECT id, price_fen AS price FROM products WHERE id = ?').get(productId(name)) as { id: number; price: number };
    return { id: p.id, qty, price: p.price, amount: Math.round(p.price * qty) };
  });
  const total = items.reduce((s, i) => s + i.amount, 0);
  const res = h.store.sqlite.prepare(`INSERT INTO orders (community_id, order_no, member_id, source_msg_id, status, total_fen, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(h.communityId, 1000 + seq, mid(contactId), `seed-${++seq}`, status, total, at, at);
  for (const i of items) {
    h.store.sqlite.prepare('INSERT INTO order_items (order_id, product_id, qty_milli, unit_price_fen, amount_fen) VALUES (?, ?, ?, ?, ?)')
      .run(res.lastInsertRowid, i.id, i.qty * 1000, i.price, i.amount);
  }
}

const seen = (contactId: string, daysAgo: number) =>
  h.store.sqlite.prepare('UPDATE members SET last_seen_at = ? WHERE community_id = ? AND contact_id = ?').run(NOW - daysAgo * DAY, h.communityId, contactId);

beforeEach(async () => {
  h = await startHarness();
  h.store.sqlite.prepare(`UPDATE products SET category = '母婴' WHERE name = '纸尿裤'`).run();
  // 王妈 (7-1102): 13 shopping days in the last 30 (≈ 3 a week), diapers and fruit; more 30–60 days ago.
  for (const d of [1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25]) order('demo-wangma', d, d % 4 === 1 ? [['纸尿裤', 1], ['苹果', 2]] : [['纸尿裤', 1]]);
  for (const d of [35, 45, 55]) order('demo-wangma', d, [['草莓', 1]]);
  // 李叔 (5栋302): rice twice this month, pork five times the month before.
  for (const d of [4, 20]) order('demo-lishu', d, [['大米', 1]]);
  for (const d of [32, 38, 44, 50, 58]) order('demo-lishu', d, [['五花肉', 1]]);
  // Cancelled orders are not buying: neither their days nor their categories count.
  for (const d of [6, 8, 12]) order('demo-lishu', d, [['纸尿裤', 1]], 'cancelled');
  // 张姐 (3-501): one order 10 days ago, silent in chat for 40 days: not silent (she ordered).
  order('demo-zhangjie', 10, [['鸡蛋', 1]]);
  seen('demo-zhangjie', 40);
  // 小赵 (2-203): tomatoes 40–60 days ago, nothing since, no word for 45 days: silent.
  for (const d of [41, 52, 60]) order('demo-xiaozhao', d, [['西红柿', 2]]);
  seen('demo-xiaozhao', 45);
  // A member who joined 40 days ago and never spoke or ordered: silent.
  h.store.sqlite.prepare(`INSERT INTO members (community_id, contact_id, display_name, building, unit, joined_at, last_seen_at) VALUES (?, 'lurker', '9-909 潜水员', '9', '909', ?, NULL)`)
    .run(h.communityId, NOW - 40 * DAY);
  // One who left: never listed.
  h.store.sqlite.prepare(`INSERT INTO members (community_id, contact_id, display_name, joined_at, last_seen_at, left_at) VALUES (?, 'gone', '已退群', ?, ?, ?)`)
    .run(h.communityId, NOW - 90 * DAY, NOW - 80 * DAY, NOW - 70 * DAY);
  // The leader has not spoken for long either, but leaders are never "silent members".
  seen('demo-leader', 50);
});
afterEach(async () => { await h.stop(); });

const privateTo = (sent: { conversationId: string; text: string }[], contactId: string) => sent.filter((s) => s.conversationId === contactId).map((s) => s.text).join('\n');

describe('tags', () => {
  it('derives location, frequency, category preference and the combined label from the order history', () => {
    const profiles = rebuildTags(h.store, h.communityId, NOW);
    const of = (contactId: string) => new Set(profiles.find((p) => p.member.contactId === contactId)!.tags);
    expect(of('demo-wangma')).toEqual(new Set(['7号楼', '每周3次采购', '母婴', '生鲜', '母婴+生鲜', '宝妈群体', '宝妈群体-母婴+生鲜-每周3次采购']));
    expect(of('demo-lishu')).toEqual(new Set(['5号楼', '每月采购', '生鲜', '粮油', '生鲜+粮油', '生鲜+粮油-每月采购']));
    // 40–60 days ago is past the frequency window but inside the preference window.
    expect(of('demo-xiaozhao')).toEqual(new Set(['2号楼', '生鲜', '沉默用户']));
    expect(of('demo-zhangjie')).toEqual(new Set(['3号楼', '每月采购', '生鲜', '生鲜-每月采购']));
    expect(of('lurker')).toEqual(new Set(['9号楼', '沉默用户']));
    // Written to member_tags, and only for current members.
    expect(new Set(tagsOf(h.store, mid('demo-wangma')))).toEqual(of('demo-wangma'));
    expect(h.store.sqlite.prepare(`SELECT COUNT(*) AS n FROM member_tags t JOIN members m ON m.id = t.member_id WHERE m.contact_id = 'gone'`).get()).toEqual({ n: 0 });
    // Rebuilding replaces rather than adds.
    rebuildTags(h.store, h.communityId, NOW);
    expect(tagsOf(h.store, mid('demo-wangma'))).toHaveLength(7);
  });

  it('/标签 @某人 recomputes and shows that member\'s tags, privately', async () => {
    const sent = await h.say('团长', '/标签 @王妈');
    expect(sent.find((s) => s.conversationId === h.world.main.id)?.text).toContain('已私聊发给你');
    const text = privateTo(sent, 'demo-leader');
    expect(text).toContain('7-1102 王妈 的标签');
    expect(text).toContain('宝妈群体-母婴+生鲜-每周3次采购');
    expect(text).toContain('近 30 天有 13 天下单');
    expect(tagsOf(h.store, mid('demo-wangma'))).toContain('宝妈群体-母婴+生鲜-每周3次采购');
    // Only that member was recomputed.
    expect(tagsOf(h.store, mid('demo-lishu'))).toEqual([]);

    expect((await h.say('团长', '/标签'))[0]!.text).toContain('用法：/标签 @某人');
    expect((await h.say('团长', '/标签 不存在的人'))[0]!.text).toContain('没有找到「不存在的人」');
  });

  it('/人群 标签 lists the members having a tag', async () => {
    const mums = privateTo(await h.say('团长', '/人群 宝妈群体'), 'demo-leader');
    expect(mums).toContain('标签「宝妈群体」共 1 人');
    expect(mums).toContain('7-1102 王妈');
    expect(mums).not.toContain('李叔');

    const fresh = privateTo(await h.say('团长', '/人群 生鲜'), 'demo-leader');
    expect(fresh).toContain('共 4 人');
    for (const n of ['王妈', '李叔', '小赵', '张姐']) expect(fresh).toContain(n);

    // No exact tag: tags containing the word.
    const partial = privateTo(await h.say('团长', '/人群 母婴+生鲜'), 'demo-leader');
    expect(partial).toContain('王妈');

    const usage = (await h.say('团长', '/人群'))[0]!.text;
    expect(usage).toContain('用法：/人群 标签');
    expect(usage).toContain('常见标签');
    expect((await h.say('团长', '/人群 外星人'))[0]!.text).toContain('没有带「外星人」标签的成员');
  });

  it('/沉默 lists members with no message and no order in 30 days, with a wake-up message', async () => {
    const sent = await h.say('团长', '/沉默');
    const text = privateTo(sent, 'demo-leader');
    expect(text).toContain('成员 2 人');
    expect(text).toContain('2-203 小赵');
    expect(text).toContain('9-909 潜水员（从未发言，从未下单）');
    for (const n of ['王妈', '李叔', '张姐', '团长', '已退群']) expect(text).not.toContain(n);
    // 2 of 5 residents (the leader and those who left do not count).
    expect(text).toContain('占居民 40.0%');
    expect(text).toContain('建议唤醒话术');
    expect(text).toContain('阳光小区日常团购');
    expect(text).toMatch(/香蕉 ¥9\.00\/把/); // a 引流 product first

    expect((await h.say('团长', '/沉默 abc'))[0]!.text).toContain('7～365');
    expect((await h.say('团长', '/沉默 3'))[0]!.text).toContain('7～365');
    const week = privateTo(await h.say('团长', '/沉默 7'), 'demo-leader');
    expect(week).toContain('近 7 天');
  });

  it('/人群 writes no empty brackets; /沉默 does not call newcomers who never wrote active', async () => {
    h.store.sqlite.prepare(`INSERT INTO members (community_id, contact_id, display_name, building, unit, joined_at, last_seen_at) VALUES (?, 'newbie', '8-808 新邻居', '8', '808', ?, NULL)`)
      .run(h.communityId, NOW - 2 * DAY);
    const eight = privateTo(await h.say('团长', '/人群 8号楼'), 'demo-leader');
    expect(eight).toBe('标签「8号楼」共 1 人：\n8-808 新邻居\n可以在群里 @ 他们发定向推荐');

    // Everyone else spoke today: no silent member, but the newcomer has not written either.
    h.store.sqlite.prepare(`UPDATE members SET last_seen_at = ? WHERE community_id = ? AND contact_id != 'newbie' AND left_at IS NULL`).run(NOW, h.communityId);
    const [none] = await h.say('团长', '/沉默');
    expect(none!.text).toBe('近 30 天没有沉默成员：6 位居民里 5 位有发言或下单；1 位入群不满 30 天、还没发言也没下单（不算沉默）：8-808 新邻居');
  });

  it('refuses the leader commands to residents', async () => {
    for (const cmd of ['/标签 @王妈', '/人群 宝妈群体', '/沉默']) {
      const sent = await h.say('张姐', cmd);
      expect(sent.map((s) => s.text).join('\n')).toContain('只有团长可以使用');
      expect(sent.some((s) => s.conversationId === 'demo-zhangjie')).toBe(false);
    }
  });
});
