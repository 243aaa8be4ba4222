// A whole group-buy, typed into the simulator as a script through the real CLI:
// 上架 → 开团 → residents order → 截单 → 统计 → 导出 → 核销.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import Database from 'better-sqlite3';
import { TEST_CLOCK_ENV } from '../helpers/harness.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('a whole session through the simulator', () => {
  it('runs from listing to pickup, with the export opened again', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lintuan-script-'));
    const db = path.join(dir, 'lintuan.db');
    const script = [
      '团长: /上架 阳光玫瑰 39.9 串 20 爆品 葡萄',
      '团长: /开团 周末葡萄团 明天20:00 阳光玫瑰 牛奶 成团 2人 自提点 3号楼快递柜',
      '张姐: 阳光玫瑰2串',
      '李叔: 葡萄1串，牛奶2瓶',
      '团长: /截单 周末葡萄团',
      '团长: /统计 周末葡萄团',
      '团长: /导出 周末葡萄团',
      '团长: /到货',
      '团长: /核销 @张姐',
      '张姐: 我的订单',
      '张姐: 我的积分',
    ].join('\n') + '\n';
    const res = spawnSync('npm', ['start', '--silent'], {
      cwd: ROOT, input: script, encoding: 'utf8', timeout: 90_000,
      env: { ...process.env, ...TEST_CLOCK_ENV, DATABASE_PATH: db, WECHATY_PUPPET: '', LOG_LEVEL: 'warn' },
    });
    expect(res.status).toBe(0);
    const out = res.stdout;
    const group = (s: string) => out.split('\n').filter((l) => l.startsWith('[阳光小区团购群] 邻团:') && l.includes(s));
    const privately = (s: string) => out.split('\n').filter((l) => l.startsWith('[私聊 团长-小林] 邻团:') && l.includes(s));

    expect(out).toContain('阳光玫瑰');
    expect(group('【开团】周末葡萄团')).toHaveLength(1);
    expect(group('3-501 张姐 下单成功：阳光玫瑰 2串 ¥79.80')).toHaveLength(1);
    expect(group('5栋302 李叔 下单成功：阳光玫瑰 1串 ¥39.90；牛奶 2瓶 ¥13.00')).toHaveLength(1);
    expect(group('【截单】周末葡萄团 已截单：2 人共 2 单，合计 ¥132.70')).toHaveLength(1);
    expect(out).toMatch(/阳光玫瑰 3串/); // purchase list in the cut-off summary and in /统计
    expect(privately('[文件]')).toHaveLength(1);
    const file = privately('[文件]')[0]!.replace(/^.*\[文件\] /, '');
    expect(file).toMatch(/\.xlsx$/);

    // The export on disk, opened again: its totals are the orders'.
    const xlsx = path.join(dir, 'exports', file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['采购汇总', '分拣单(按楼栋)', '订单明细']);
    const conn = new Database(db, { readonly: true });
    const orders = conn.prepare(`SELECT o.status, m.display_name AS who FROM orders o JOIN members m ON m.id = o.member_id
                                 JOIN sessions s ON s.id = o.session_id WHERE s.title = '周末葡萄团' ORDER BY o.id`).all();
    const points = conn.prepare(`SELECT sum(delta) AS p FROM points_ledger`).get() as { p: number };
    conn.close();
    expect(orders).toEqual([{ status: 'picked_up', who: '3-501 张姐' }, { status: 'confirmed', who: '5栋302 李叔' }]);
    expect(points.p).toBe(79);
    const detail = wb.getWorksheet('订单明细')!;
    expect(detail.rowCount - 1).toBe(3); // one row per order line

    expect(out).toMatch(/订单#\d+（已取货）：阳光玫瑰 2串/);
    expect(out).toContain('您当前积分 79 分');
  }, 120_000);
});
