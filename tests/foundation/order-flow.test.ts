// End to end through the mock puppet: a resident's message → order rows in a real SQLite file → reply via the outbox.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeEach(async () => { h = await startHarness(); });
afterEach(async () => { await h.stop(); });

function ordersInFile(dbPath: string) {
  // A separate connection reads the file itself: what is on disk, not what a cache says.
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare(`SELECT o.id, o.total_fen AS total, o.source_msg_id AS src, m.display_name AS who,
                              p.name AS product, i.qty_milli / 1000.0 AS qty, i.amount_fen AS amount
                       FROM orders o JOIN order_items i ON i.order_id = o.id
                       JOIN products p ON p.id = i.product_id JOIN members m ON m.id = o.member_id ORDER BY o.id`).all() as
      { id: number; total: number; src: string; who: string; product: string; qty: number; amount: number }[];
  } finally {
    db.close();
  }
}

describe('ordering by chat', () => {
  it('turns "苹果2斤" into one stored order and confirms it in the same room', async () => {
    const replies = await h.say('张姐', '苹果2斤');
    const rows = ordersInFile(h.dbPath);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ product: '苹果', qty: 2, amount: 1200, total: 1200, who: '3-501 张姐' });
    // The confirmation in the room, the pickup code privately.
    expect(replies.map((r) => r.conversationId)).toEqual([h.world.main.id, 'demo-zhangjie']);
    expect(replies[0]!.text).toContain('苹果 2斤');
    expect(replies[0]!.text).toContain('¥12.00');
    const outbox = h.store.sqlite.prepare(`SELECT status, conversation_id AS c FROM outbox`).all();
    expect(outbox).toEqual([{ status: 'sent', c: h.world.main.id }, { status: 'sent', c: 'demo-zhangjie' }]);
  });

  it('reads full-width digits', async () => {
    const [r] = await h.say('王妈', '苹果２斤');
    expect(r!.text).toContain('苹果 2斤');
  });

  it('takes an order in a function subgroup of the same community', async () => {
    const replies = await h.say('李叔', '草莓 3盒', '阳光小区生鲜群');
    expect(replies[0]!.conversationId).toBe('demo-fresh@chatroom');
    expect(replies[0]!.text).toContain('草莓 3盒');
    expect(replies[0]!.text).toContain('¥75.00');
    expect(ordersInFile(h.dbPath)).toHaveLength(1);
  });

  it('makes one order and one reply when the same message is delivered twice', async () => {
    await h.say('张姐', '苹果2斤');
    const id = h.lastMessageId();
    const again = await h.redeliver(id);
    expect(again).toHaveLength(0);
    expect(ordersInFile(h.dbPath)).toHaveLength(1);
    expect(h.sent).toHaveLength(2); // the confirmation and the private pickup code, once
  });

  it('reserves stock and refuses what is no longer there', async () => {
    h.store.sqlite.prepare(`UPDATE products SET stock_milli = 3000 WHERE name = '苹果'`).run();
    await h.say('张姐', '苹果2斤');
    const refused = await h.say('李叔', '苹果2斤');
    expect(refused[0]!.text).toBe('抱歉，没有下单：苹果 只剩 1斤（您要 2斤），要的话请回复「苹果1斤」');
    expect(ordersInFile(h.dbPath)).toHaveLength(1);
    const stock = h.store.sqlite.prepare(`SELECT stock_milli / 1000.0 AS stock FROM products WHERE name = '苹果'`).get() as { stock: number };
    expect(stock.stock).toBe(1);
  });

  it('names unknown products and lists what is on sale', async () => {
    const [reply] = await h.say('张姐', '榴莲2斤');
    expect(reply!.text).toContain('榴莲');
    expect(reply!.text).toContain('苹果');
  });

  it('stays silent in a group that belongs to no community', async () => {
    const stray = h.world.mocker.createRoom({ id: 'stray@chatroom', topic: '随便聊聊', memberIdList: [h.world.botUser.id, 'demo-zhangjie'] });
    h.world.rooms.push(stray);
    const replies = await h.say('张姐', '苹果2斤', '随便聊聊');
    expect(replies).toHaveLength(0);
    expect(ordersInFile(h.dbPath)).toHaveLength(0);
  });

  it('keeps chatter out of the order book', async () => {
    expect(await h.say('王妈', '大家早上好')).toHaveLength(0);
    expect(ordersInFile(h.dbPath)).toHaveLength(0);
  });
});

describe('prices', () => {
  it('charges the new price after a change the cache has not seen', async () => {
    await h.say('张姐', '苹果1斤'); // warms the catalog cache at ¥6.00
    h.store.sqlite.prepare(`UPDATE products SET price_fen = 700 WHERE name = '苹果'`).run();
    const [r] = await h.say('李叔', '苹果2斤');
    expect(r!.text).toContain('¥14.00');
    const amounts = h.store.sqlite.prepare('SELECT amount_fen AS a FROM order_items ORDER BY id').all();
    expect(amounts).toEqual([{ a: 600 }, { a: 1400 }]);
  });
});
