// Leader reports: which sessions a report covers, its totals, and the Excel workbook of /导出.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { and, asc, desc, eq } from 'drizzle-orm';
import type { Store } from '../store/db.js';
import { qtyText } from '../quantity.js';
import { ORDER_STATUS_NAMES } from './orders.js';
import { sessions, type Session } from '../store/schema.js';
import { liveLines, pickLists, purchaseList, type LiveLine } from './summary.js';
import { parseNickname } from '../growth/members.js';

export const SHEET_NAMES = { purchase: '采购汇总', pick: '分拣单(按楼栋)', detail: '订单明细' } as const;


export const SESSION_STATUS_NAMES: Record<Session['status'], string> = {
  open: '在团', closed: '已截单', failed: '未成团', cancelled: '已取消',
};

export type ReportScope =
  | { ok: true; sessions: Session[] }
  | { ok: false; reason: 'not_found'; key: string; recent: Session[] }
  | { ok: false; reason: 'none' };

/**
 * The sessions a report is about: the one named (title or number, "#3" too), else every open one,
 * else the most recently closed one.
 */
export function reportScope(store: Store, communityId: number, rawKey: string): ReportScope {
  const key = rawKey.trim().replace(/^[#＃]/, '').trim();
  const all = store.db.select().from(sessions).where(eq(sessions.communityId, communityId)).orderBy(desc(sessions.id)).all();
  if (key) {
    const byId = all.find((s) => String(s.id) === key);
    const named = byId ?? all.find((s) => s.title === key) ?? all.find((s) => s.title.includes(key));
    return named ? { ok: true, sessions: [named] } : { ok: false, reason: 'not_found', key, recent: all.slice(0, 5) };
  }
  const open = store.db.select().from(sessions)
    .where(and(eq(sessions.communityId, communityId), eq(sessions.status, 'open'))).orderBy(asc(sessions.cutoffAt)).all();
  if (open.length) return { ok: true, sessions: open };
  const closed = all.filter((s) => s.status === 'closed').sort((a, b) => (b.closedAt ?? 0) - (a.closedAt ?? 0) || b.id - a.id);
  return closed.length ? { ok: true, sessions: [closed[0]!] } : { ok: false, reason: 'none' };
}

/** Live order lines of the given sessions of a community, oldest first. */
export function reportLines(store: Store, communityId: number, list: Session[]): LiveLine[] {
  return list.flatMap((s) => liveLines(store, { communityId, sessionId: s.id }))
    .sort((a, b) => a.orderId - b.orderId);
}

export interface ReportTotals { orders: number; buyers: number; totalFen: number }

export function reportTotals(lines: LiveLine[]): ReportTotals {
  return {
    orders: new Set(lines.map((l) => l.orderId)).size,
    buyers: new Set(lines.map((l) => l.memberId)).size,
    totalFen: lines.reduce((s, l) => s + l.amountFen, 0),
  };
}

/** How a pick-list entry names its recipient: the unit and the name without the address ("501 张姐"). */
export function recipientLabel(unit: string, who: string): string {
  return [unit, parseNickname(who).name].filter(Boolean).join(' ');
}

/** "3" → "3栋"; "未登记" / "其他" stay as they are. */
export function buildingLabel(building: string): string {
  return /^\d+$/.test(building) ? `${building}栋` : building;
}

/** 'YYYY-MM-DD HH:mm:ss' in Asia/Shanghai (fixed +08:00, no DST since 1991). */
export function shanghaiDateTime(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

const yuanValue = (fen: number) => Math.round(fen) / 100;
const MONEY = '0.00';
const QTY = '0.##';

function styleHeader(sheet: ExcelJS.Worksheet): void {
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle' };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
}

/** The /导出 workbook: 采购汇总, 分拣单(按楼栋), 订单明细. Money is in yuan with 2 decimals. */
export function buildWorkbook(lines: LiveLine[], meta: { title: string; createdAt: number }): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = '邻团';
  wb.created = new Date(meta.createdAt);
  wb.title = meta.title;

  const purchase = wb.addWorksheet(SHEET_NAMES.purchase);
  purchase.columns = [
    { header: '商品', key: 'product', width: 18 },
    { header: '数量', key: 'qty', width: 10, style: { numFmt: QTY } },
    { header: '单位', key: 'unit', width: 8 },
    { header: '金额(元)', key: 'amount', width: 12, style: { numFmt: MONEY } },
    { header: '订单数', key: 'orders', width: 8 },
  ];
  for (const p of purchaseList(lines)) {
    purchase.addRow({ product: p.product, qty: p.qty, unit: p.unit, amount: yuanValue(p.amountFen), orders: p.orders });
  }
  const totals = reportTotals(lines);
  const sum = purchase.addRow({ product: '合计', amount: yuanValue(totals.totalFen), orders: totals.orders });
  sum.font = { bold: true };
  styleHeader(purchase);

  const pick = wb.addWorksheet(SHEET_NAMES.pick);
  pick.columns = [
    { header: '楼栋', key: 'building', width: 10 },
    { header: '门牌', key: 'unit', width: 12 },
    { header: '收货人', key: 'who', width: 16 },
    { header: '商品', key: 'items', width: 40 },
    { header: '金额(元)', key: 'amount', width: 12, style: { numFmt: MONEY } },
    { header: '取货码', key: 'codes', width: 16 },
  ];
  for (const group of pickLists(lines)) {
    for (const e of group.entries) {
      pick.addRow({
        building: buildingLabel(e.building), unit: e.unit, who: parseNickname(e.who).name,
        items: e.items.map((i) => `${i.product} ${qtyText(i.qty)}${i.unit}`).join('、'),
        amount: yuanValue(e.amountFen), codes: e.pickupCodes.join('、'),
      });
    }
  }
  styleHeader(pick);

  const detail = wb.addWorksheet(SHEET_NAMES.detail);
  detail.columns = [
    { header: '订单号', key: 'orderId', width: 8 },
    { header: '下单时间', key: 'time', width: 20 },
    { header: '成员', key: 'member', width: 16 },
    { header: '楼栋', key: 'building', width: 8 },
    { header: '门牌', key: 'unit', width: 10 },
    { header: '收货地址', key: 'address', width: 18 },
    { header: '商品', key: 'product', width: 14 },
    { header: '数量', key: 'qty', width: 8, style: { numFmt: QTY } },
    { header: '单位', key: 'productUnit', width: 6 },
    { header: '单价(元)', key: 'price', width: 10, style: { numFmt: MONEY } },
    { header: '金额(元)', key: 'amount', width: 10, style: { numFmt: MONEY } },
    { header: '状态', key: 'status', width: 8 },
    { header: '取货码', key: 'code', width: 10 },
  ];
  for (const l of lines) {
    detail.addRow({
      orderId: l.orderNo, time: shanghaiDateTime(l.createdAt), member: l.memberName, building: l.building ?? '', unit: l.unit ?? '',
      address: [l.address, l.recipientName].filter(Boolean).join(' '), product: l.product, qty: l.qty, productUnit: l.productUnit,
      price: yuanValue(l.unitPriceFen), amount: yuanValue(l.amountFen), status: ORDER_STATUS_NAMES[l.status], code: l.pickupCode ?? '',
    });
  }
  styleHeader(detail);
  return wb;
}

/** A file name that is safe on every file system and keeps the Chinese: "阳光小区_日常团购_20250101-203000.xlsx". */
export function exportFileName(parts: string[], createdAt: number, ext = 'xlsx'): string {
  const stamp = shanghaiDateTime(createdAt).replace(/-/g, '').replace(' ', '-').replace(/:/g, '');
  const safe = parts.map((p) => p.normalize('NFKC').replace(/[\\/:*?"<>|\u0000-\u001f\s.]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 40))
    .filter(Boolean);
  return `${[...safe, stamp].join('_')}.${ext}`;
}

/** An absolute path for `fileName` in `dir` (created if missing) that no file has yet: "x.xlsx", else "x-2.xlsx", … */
export function freeExportPath(dir: string, fileName: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const ext = path.extname(fileName);
  const base = fileName.slice(0, fileName.length - ext.length);
  let file = path.resolve(dir, fileName);
  for (let n = 2; fs.existsSync(file); n++) file = path.resolve(dir, `${base}-${n}${ext}`);
  return file;
}

/** Writes the workbook into `dir` (created if missing) without overwriting; returns the absolute path. */
export async function saveWorkbook(wb: ExcelJS.Workbook, dir: string, fileName: string): Promise<string> {
  const file = freeExportPath(dir, fileName);
  await wb.xlsx.writeFile(file);
  return file;
}
