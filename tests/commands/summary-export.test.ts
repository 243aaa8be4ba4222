// /统计 and /导出 through the mock puppet: what the leader sees, what the workbook holds, who gets it.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeEach(async () => { h = await startHarness(); });
afterEach(async () => { await h.stop(); });

const LEADER = 'demo-leader';
const rows = <T>(sql: string, ...args: unknown[]) => h.store.sqlite.prepare(sql).all(...args) as T[];
const codeOf = (who: string) => rows<{ code: string }>(
  `SELECT o.pickup_code AS code FROM orders o JOIN members m ON m.id = o.member_id WHERE m.display_name LIKE ? ORDER BY o.id`, `%${who}`,
).map((r) => r.code);

/** Totals per product straight from SQLite (live lines of live orders). */
const dbTotals = () => rows<{ product: string; qty: number; amount: number; unit: string }>(
  `SELECT p.name AS product, p.unit AS unit, sum(i.qty_milli) / 1000.0 AS qty, sum(i.amount_fen) AS amount FROM order_items i
   JOIN orders o ON o.id = i.order_id JOIN products p ON p.id = i.product_id
   WHERE i.cancelled_at IS NULL AND o.status NOT IN ('cancelled', 'refunded') GROUP BY p.name ORDER BY p.name`);

async function placeOrders() {
  await h.say('张姐', '苹果2斤');
  await h.say('李叔', '苹果3斤，牛奶2瓶');
  await h.say('张姐', '牛奶1瓶');
  await h.say('王妈', '草莓2盒');
  await h.say('王妈', '草莓不要了'); // a cancelled line never counts
  await h.say('小赵', '5栋302 王姐 鸡蛋1盒');
}

describe('/统计', () => {
  it('shows purchase totals per product equal to the orders, and pick lists by building', async () => {
    await placeOrders();
    // Pick lists carry everyone's pickup codes: they go to the leader privately, the group gets a pointer.
    const [pointer, r, ...more] = await h.say('团长', '/统计');
    expect(more).toHaveLength(0);
    expect(pointer).toEqual({ conversationId: h.world.main.id, text: '已私聊发给你 📩' });
    const text = r!.text;
    expect(r!.conversationId).toBe(LEADER);
    // Purchase list: 苹果 5斤 ¥30.00, 牛奶 3瓶 ¥19.50, 鸡蛋 1盒 ¥18.00; no 草莓 (cancelled).
    const totals = dbTotals();
    expect(totals.map((t) => [t.product, t.qty, t.amount])).toEqual([['牛奶', 3, 1950], ['苹果', 5, 3000], ['鸡蛋', 1, 1800]]);
    expect(text).toContain('苹果 5斤　¥30.00（2单）');
    expect(text).toContain('牛奶 3瓶　¥19.50（2单）');
    expect(text).toContain('鸡蛋 1盒　¥18.00（1单）');
    expect(text).not.toContain('草莓');
    expect(text).toContain('订单 4 笔 · 下单 3 人 · 合计 ¥67.50');
    expect(text).toContain('阳光小区日常团购');
    // Pick lists: by building, buildings in natural order, one entry per recipient with their codes.
    const pick = text.slice(text.indexOf('【分拣单】'));
    expect(pick.indexOf('▍3栋')).toBeGreaterThan(0);
    expect(pick.indexOf('▍3栋')).toBeLessThan(pick.indexOf('▍5栋'));
    const [a, b] = codeOf('张姐');
    expect(pick).toContain(`501 张姐：苹果 2斤、牛奶 1瓶　¥18.50　取货码 ${a}、${b}`);
    expect(pick).toContain(`302 李叔：苹果 3斤、牛奶 2瓶　¥31.00　取货码 ${codeOf('李叔')[0]}`);
    // The order written with an address goes to 5栋302 王姐, not to 小赵's own place.
    expect(pick).toContain(`302 王姐：鸡蛋 1盒　¥18.00　取货码 ${codeOf('小赵')[0]}`);
    expect(pick).toContain('▍5栋（2户）');
    expect(pick).not.toContain('王妈');
  });

  it('reports the most recent closed session when none is open, and names one on request', async () => {
    await h.say('张姐', '苹果2斤');
    await h.say('团长', '/截单');
    const [, closed] = await h.say('团长', '/统计');
    expect(closed!.text).toContain('已截单');
    expect(closed!.text).toContain('苹果 2斤　¥12.00（1单）');
    const [, byId] = await h.say('团长', '/统计 #1');
    expect(byId!.text).toContain('苹果 2斤');
    const [missing] = await h.say('团长', '/统计 不存在的团');
    expect(missing!.text).toContain('没有找到团购「不存在的团」');
    expect(missing!.text).toContain('阳光小区日常团购');
  });

  it('says so when the session has no orders yet', async () => {
    const [r] = await h.say('团长', '/stats');
    expect(r!.text).toContain('还没有订单');
  });
});

describe('/导出', () => {
  it('builds the workbook and sends it privately to the leader only', async () => {
    await placeOrders();
    const mainBefore = h.sent.filter((s) => s.conversationId === h.world.main.id).length;
    const replies = await h.say('团长', '/导出');
    // The group sees nothing; the leader gets a short text and the file.
    expect(h.sent.filter((s) => s.conversationId === h.world.main.id).length).toBe(mainBefore);
    expect(replies.every((r) => r.conversationId === LEADER)).toBe(true);
    expect(replies[0]!.text).toContain('订单 4 笔');
    expect(replies[0]!.text).toContain('¥67.50');

    const files = rows<{ conversation_id: string; conversation_kind: string; body: string; status: string }>(
      `SELECT conversation_id, conversation_kind, body, status FROM outbox WHERE kind = 'file'`);
    expect(files).toHaveLength(1);
    // Sent privately to the leader, through the outbox, as a file message the puppet accepted.
    expect(files[0]).toMatchObject({ conversation_id: LEADER, conversation_kind: 'contact', status: 'sent' });
    expect(replies.find((r) => r.file)).toMatchObject({ conversationId: LEADER, file: path.basename(files[0]!.body) });
    const file = files[0]!.body;
    expect(path.isAbsolute(file)).toBe(true);
    expect(path.dirname(file)).toBe(path.join(h.dir, 'exports'));
    expect(path.basename(file)).toMatch(/^阳光小区_阳光小区日常团购_\d{8}-\d{6}\.xlsx$/);
    expect(fs.existsSync(file)).toBe(true);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['采购汇总', '分拣单(按楼栋)', '订单明细']);

    // 采购汇总 equals the totals in SQLite, money in yuan with 2 decimals.
    const purchase = wb.getWorksheet('采购汇总')!;
    expect(purchase.getRow(1).values).toEqual([undefined, '商品', '数量', '单位', '金额(元)', '订单数']);
    const prow = (n: number) => (purchase.getRow(n).values as unknown[]).slice(1);
    const byProduct = new Map<string, unknown[]>();
    for (let n = 2; n <= purchase.rowCount; n++) byProduct.set(String(prow(n)[0]), prow(n));
    for (const t of dbTotals()) expect(byProduct.get(t.product)).toEqual([t.product, t.qty, t.unit, t.amount / 100, expect.any(Number)]);
    expect(byProduct.get('合计')?.[3]).toBe(67.5);
    expect(purchase.getRow(2).getCell(4).numFmt).toBe('0.00');

    // 分拣单 grouped by building.
    const pick = wb.getWorksheet('分拣单(按楼栋)')!;
    const pickRows = [];
    for (let n = 2; n <= pick.rowCount; n++) pickRows.push((pick.getRow(n).values as unknown[]).slice(1));
    expect(pickRows.map((r) => [r[0], r[1], r[2], r[4], r[5]])).toEqual([
      ['3栋', '501', '张姐', 18.5, codeOf('张姐').join('、')],
      ['5栋', '302', '李叔', 31, codeOf('李叔')[0]],
      ['5栋', '302', '王姐', 18, codeOf('小赵')[0]],
    ]);
    expect(pickRows[0]![3]).toBe('苹果 2斤、牛奶 1瓶');

    // 订单明细: one row per live line, matching SQLite.
    const detail = wb.getWorksheet('订单明细')!;
    expect((detail.getRow(1).values as unknown[]).slice(1)).toEqual(
      ['订单号', '下单时间', '成员', '楼栋', '门牌', '收货地址', '商品', '数量', '单位', '单价(元)', '金额(元)', '状态', '取货码']);
    const dbLines = rows<{ id: number; created_at: number; member: string; product: string; qty: number; price: number; amount: number; code: string }>(
      `SELECT o.id, o.created_at, m.display_name AS member, p.name AS product, i.qty_milli / 1000.0 AS qty, i.unit_price_fen AS price, i.amount_fen AS amount,
              o.pickup_code AS code FROM order_items i JOIN orders o ON o.id = i.order_id JOIN products p ON p.id = i.product_id
       JOIN members m ON m.id = o.member_id WHERE i.cancelled_at IS NULL AND o.status != 'cancelled' ORDER BY o.id, i.id`);
    expect(detail.rowCount - 1).toBe(dbLines.length);
    dbLines.forEach((l, k) => {
      const v = (detail.getRow(k + 2).values as unknown[]).slice(1);
      const shanghai = new Date(l.created_at + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
      expect(v[0]).toBe(l.id);
      expect(v[1]).toBe(shanghai);
      expect(v[2]).toBe(l.member);
      expect(v[6]).toBe(l.product);
      expect(v[7]).toBe(l.qty);
      expect(v[9]).toBe(l.price / 100);
      expect(v[10]).toBe(l.amount / 100);
      expect(v[11]).toBe('已下单');
      expect(v[12]).toBe(l.code);
    });
    const eggs = (detail.getRow(dbLines.findIndex((l) => l.product === '鸡蛋') + 2).values as unknown[]).slice(1);
    expect(eggs.slice(2, 6)).toEqual(['2-203 小赵', '2', '203', '5栋302 王姐']);
    expect(detail.getRow(2).getCell(11).numFmt).toBe('0.00');
  });

  it('answers privately even when nothing can be exported', async () => {
    const replies = await h.say('团长', '/export');
    expect(replies).toHaveLength(1);
    expect(replies[0]!.conversationId).toBe(LEADER);
    expect(replies[0]!.text).toContain('还没有订单');
    expect(rows(`SELECT id FROM outbox WHERE kind = 'file'`)).toHaveLength(0);
  });
});

describe('who may see the numbers', () => {
  it('refuses residents', async () => {
    await h.say('张姐', '苹果2斤');
    for (const cmd of ['/统计', '/导出', '/订单 @张姐']) {
      const [r] = await h.say('李叔', cmd);
      expect(r!.text).toContain('只有团长可以使用');
      expect(r!.text).not.toContain('苹果');
    }
    const [priv] = await h.sayPrivately('张姐', '/导出');
    expect(priv!.text).toContain('只有团长可以使用');
    expect(rows(`SELECT id FROM outbox WHERE kind = 'file'`)).toHaveLength(0);
  });

  it('gives the leader of another community nothing of this one', async () => {
    await placeOrders();
    const green = h.addCommunity('绿城');

    const [s] = await h.say('绿城团长', '/统计', '绿城团购群');
    expect(s!.text).toContain('还没有开过团购');
    expect(s!.text).not.toContain('苹果');
    const [byId] = await h.say('绿城团长', '/统计 #1', '绿城团购群');
    expect(byId!.text).toContain('没有找到团购');
    const exported = await h.say('绿城团长', '/导出 阳光小区日常团购', '绿城团购群');
    expect(exported.every((r) => r.conversationId === green.leaderId)).toBe(true);
    expect(exported[0]!.text).toContain('没有找到团购');
    expect(rows(`SELECT id FROM outbox WHERE kind = 'file'`)).toHaveLength(0);
    const [o] = await h.say('绿城团长', '/订单 @张姐', '绿城团购群');
    expect(o!.text).toContain('没有找到「张姐」');
    expect(o!.text).not.toMatch(/#\d+【/);
  });
});
