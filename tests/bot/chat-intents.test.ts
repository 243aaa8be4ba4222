// Chat understanding wired into the bot: what residents write in a group, and what they get back.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';
import { upsertProducts } from '../../src/catalog/catalog.js';

let h: Harness;
beforeEach(async () => { h = await startHarness(); });
afterEach(async () => { await h.stop(); });

const LEADER = 'demo-leader';
const rows = <T>(sql: string, ...args: unknown[]) => h.store.sqlite.prepare(sql).all(...args) as T[];
const liveLines = (who: string) => rows<{ name: string; qty: number; status: string }>(
  `SELECT p.name, i.qty_milli / 1000.0 AS qty, o.status FROM order_items i JOIN orders o ON o.id = i.order_id JOIN products p ON p.id = i.product_id
   JOIN members m ON m.id = o.member_id WHERE m.display_name LIKE ? AND i.cancelled_at IS NULL ORDER BY i.id`, `%${who}`);
const stockOf = (name: string) => (rows<{ stock: number }>('SELECT stock_milli / 1000.0 AS stock FROM products WHERE name = ?', name)[0]!.stock);

describe('orders in natural Chinese', () => {
  it('takes several items in one message', async () => {
    const [r] = await h.say('张姐', '苹果2斤，香蕉一把+牛奶2瓶');
    expect(liveLines('张姐').map((l) => [l.name, l.qty])).toEqual([['苹果', 2], ['香蕉', 1], ['牛奶', 2]]);
    expect(r!.text).toMatch(/苹果 2斤.*香蕉 1把.*牛奶 2瓶/);
    expect(r!.text).toContain('¥34.00');
  });

  it('keeps an address and name written in front, for the pick list', async () => {
    const [r] = await h.say('李叔', '5栋302 王姐 草莓2盒');
    expect(r!.text).toContain('送到：5栋302 王姐');
    expect(rows('SELECT address, recipient_name AS name FROM orders')).toEqual([{ address: '5栋302', name: '王姐' }]);
  });

  it('reads a homophone typo as the product', async () => {
    const [r] = await h.say('王妈', '平果两斤半');
    expect(r!.text).toContain('苹果 2.5斤');
  });

  it('does not take a story or a question with numbers as an order', async () => {
    expect(await h.say('张姐', '今天买了2斤苹果回家')).toHaveLength(0);
    expect(await h.say('张姐', '我家孩子2岁了')).toHaveLength(0);
    expect(rows('SELECT id FROM orders')).toHaveLength(0);
  });

  it('asks one short question when two products fit equally', async () => {
    upsertProducts(h.store, h.communityId, [
      { name: '红心火龙果', unit: '个', price_fen: 800, stock: 20 },
      { name: '白心火龙果', unit: '个', price_fen: 600, stock: 20 },
    ], h.app.now());
    h.app.catalogs.invalidate(h.communityId);
    const replies = await h.say('张姐', '火龙果2个');
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toContain('红心火龙果');
    expect(replies[0]!.text).toContain('白心火龙果');
    expect(replies[0]!.text).toContain('哪一个');
    expect(rows('SELECT id FROM orders')).toHaveLength(0);
  });
});

describe('"+1" and 接龙', () => {
  it('reads "+1" as the product the leader posted last in that group', async () => {
    expect(await h.say('团长', '今天的丹东草莓到了，很甜，要的扣+1')).toHaveLength(0);
    const [one] = await h.say('张姐', '+1');
    expect(one!.text).toContain('草莓 1盒');
    const [two] = await h.say('李叔', '我+2');
    expect(two!.text).toContain('草莓 2盒');
  });

  it('orders only the lines each resident added to the 接龙', async () => {
    await h.say('团长', '#接龙 周五丹东草莓\n例：3-501 张三 草莓2盒');
    const [a] = await h.say('张姐', '#接龙 周五丹东草莓\n例：3-501 张三 草莓2盒\n1. 3-501 张姐 草莓2盒');
    expect(a!.text).toContain('草莓 2盒');
    const [b] = await h.say('李叔', '#接龙 周五丹东草莓\n例：3-501 张三 草莓2盒\n1. 3-501 张姐 草莓2盒\n2. 5栋302 李叔 草莓1盒');
    expect(b!.text).toContain('草莓 1盒');
    expect(b!.text).not.toContain('草莓 2盒');
    expect(liveLines('李叔').map((l) => l.qty)).toEqual([1]);
  });
});

describe('cancel and modify', () => {
  it('cancels one product, then everything, and gives the stock back', async () => {
    const before = stockOf('苹果');
    await h.say('张姐', '苹果2斤');
    await h.say('张姐', '牛奶2瓶');
    const [one] = await h.say('张姐', '苹果不要了');
    expect(one!.text).toContain('已取消：苹果 2斤');
    expect(stockOf('苹果')).toBe(before);
    expect(liveLines('张姐').map((l) => l.name)).toEqual(['牛奶']);
    const [all] = await h.say('张姐', '取消订单');
    expect(all!.text).toContain('牛奶 2瓶');
    expect(rows<{ status: string }>('SELECT status FROM orders').map((o) => o.status)).toEqual(['cancelled', 'cancelled']);
    const [none] = await h.say('张姐', '取消');
    expect(none!.text).toContain('没有可以取消的订单');
  });

  it('changes a quantity and the stock follows', async () => {
    const before = stockOf('苹果');
    await h.say('张姐', '苹果2斤');
    const [r] = await h.say('张姐', '苹果改成3斤');
    expect(r!.text).toContain('从 2斤 改为 3斤');
    expect(r!.text).toContain('¥18.00');
    expect(stockOf('苹果')).toBe(before - 3);
    const [m] = await h.say('张姐', '牛奶换成4瓶');
    expect(m!.text).toContain('您还没有订牛奶');
  });
});

describe('questions and feedback', () => {
  it('answers price and stock from the store', async () => {
    const [r] = await h.say('张姐', '苹果多少钱一斤？');
    expect(r!.text).toContain('苹果 ¥6.00/斤');
    expect(r!.text).toContain('200斤');
  });

  it('forwards what it cannot answer to the leader, and answers once the leader has set it', async () => {
    const replies = await h.say('张姐', '明天几点到货啊？');
    const toLeader = replies.find((r) => r.conversationId === LEADER);
    expect(toLeader?.text).toContain('明天几点到货');
    expect(replies.find((r) => r.conversationId === h.world.main.id)?.text).toContain('转告团长');
    const [set] = await h.say('团长', '/设置 配送时间 每天下午4点后');
    expect(set!.text).toContain('已设置配送时间');
    const [answer] = await h.say('李叔', '今天几点送到？');
    expect(answer!.text).toBe('配送时间：每天下午4点后');
  });

  it('lists my orders and my points', async () => {
    await h.say('张姐', '苹果2斤');
    const [, orders] = await h.say('张姐', '我的订单'); // privately: it carries pickup codes
    expect(orders!.text).toMatch(/订单#\d+（已下单）：苹果 2斤，合计 ¥12.00/);
    const [points] = await h.say('张姐', '我的积分');
    expect(points!.text).toContain('当前积分 0 分');
    expect(points!.text).toContain('待入账 12 分');
  });

  it('apologises for a complaint with the reply of its type and tells the leader', async () => {
    const replies = await h.say('张姐', '上次买的苹果2斤都坏了，好几个烂的');
    expect(replies.find((r) => r.conversationId === h.world.main.id)?.text).toContain('退款或补发');
    expect(replies.find((r) => r.conversationId === LEADER)?.text).toContain('【投诉·变质不新鲜】');
    expect(rows('SELECT id FROM orders')).toHaveLength(0);
  });

  it('thanks a suggestion', async () => {
    const replies = await h.say('王妈', '建议以后多进点榴莲');
    expect(replies.find((r) => r.conversationId === h.world.main.id)?.text).toContain('谢谢您的建议');
  });
});

describe('neighbours talking to each other', () => {
  it('stays out of questions and gripes that are not about the group-buy', async () => {
    for (const text of ['有人拼车去超市吗', '楼下快递柜满了', '有没有人知道物业电话']) {
      expect(await h.say('王妈', text)).toEqual([]);
    }
  });
});
