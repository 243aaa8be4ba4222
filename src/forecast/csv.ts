// Reading and checking the forecast CSV files (history H and plan F). Every problem is an InputError whose
// Chinese message names the file and the line; nothing is forecast from a file with a bad line.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { calendarSupports } from './calendar.js';
import { dayNumber } from './days.js';
import type { HistoryDay, PlannedDay } from './forecaster.js';

export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

export const HISTORY_COLUMNS = ['date', 'product', 'units', 'price_fen', 'promo', 'temp_max_c', 'rain_mm', 'stockout'] as const;
export const FUTURE_COLUMNS = ['date', 'product', 'price_fen', 'promo', 'temp_max_c', 'rain_mm'] as const;

export interface HistoryRow extends HistoryDay { product: string; line: number }
export interface FutureRow extends PlannedDay { product: string; line: number; date: string }

interface Table { label: string; rows: Array<{ line: number; get: (col: string) => string }> }

/** Splits one CSV line; double-quoted fields may hold commas and "" for a quote. */
function splitLine(text: string): string[] | null {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) return null;
        if (text[i] === '"') { if (text[i + 1] === '"') { field += '"'; i += 2; continue; } i++; break; }
        field += text[i++];
      }
      if (i < text.length && text[i] !== ',') return null;
    } else {
      const j = text.indexOf(',', i);
      field = text.slice(i, j < 0 ? text.length : j);
      i = j < 0 ? text.length : j;
    }
    out.push(field.trim());
    if (i >= text.length) return out;
    i++; // the comma
  }
}

/** Reads a CSV with the given columns (any order, extra columns ignored); `allowEmpty`: a header-only file is fine. */
export function readTable(file: string, columns: readonly string[], opts: { allowEmpty?: boolean } = {}): Table {
  const label = path.basename(file);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new InputError(`读不到文件 ${file}`);
  }
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const headerAt = lines.findIndex((l) => l.trim() !== '');
  if (headerAt < 0) throw new InputError(`${label} 是空文件（第 1 行应为表头：${columns.join(',')}）`);
  const header = splitLine(lines[headerAt]!);
  const where = (n: number) => `${label} 第 ${n} 行`;
  if (!header) throw new InputError(`${where(headerAt + 1)}：表头的引号没有闭合`);
  const missing = columns.filter((c) => !header.includes(c));
  if (missing.length) throw new InputError(`${where(headerAt + 1)}：表头缺少列 ${missing.join('、')}（应有：${columns.join(',')}）`);
  const index = new Map(columns.map((c) => [c, header.indexOf(c)]));
  const rows: Table['rows'] = [];
  for (let n = headerAt + 1; n < lines.length; n++) {
    if (lines[n]!.trim() === '') continue;
    const cells = splitLine(lines[n]!);
    if (!cells) throw new InputError(`${where(n + 1)}：引号没有闭合`);
    if (cells.length !== header.length) throw new InputError(`${where(n + 1)}：有 ${cells.length} 列，表头有 ${header.length} 列`);
    rows.push({ line: n + 1, get: (c) => cells[index.get(c)!]! });
  }
  if (rows.length === 0 && !opts.allowEmpty) throw new InputError(`${label} 只有表头，没有数据行`);
  return { label, rows };
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

export function fieldReader(label: string, line: number, get: (c: string) => string) {
  const fail = (msg: string): never => { throw new InputError(`${label} 第 ${line} 行：${msg}`); };
  const number = (c: string, min?: number) => {
    const v = get(c);
    if (!DECIMAL.test(v)) fail(`${c} 不是数字（“${v}”）`);
    const x = Number(v);
    if (min !== undefined && x < min) fail(`${c} 不能是负数（“${v}”）`);
    return x;
  };
  return {
    fail,
    day: () => {
      const v = get('date');
      const d = dayNumber(v);
      if (d === null) return fail(`date 不是有效日期 YYYY-MM-DD（“${v}”）`);
      if (!calendarSupports(d)) fail(`date 超出节假日日历支持的年份（“${v}”）`);
      return d;
    },
    product: () => get('product') || fail('product 是空的'),
    number,
    price: () => {
      const v = get('price_fen');
      if (!/^\d+$/.test(v) || Number(v) === 0) fail(`price_fen 应为正整数（分），而不是“${v}”`);
      return Number(v);
    },
    flag: (c: string) => {
      const v = get(c);
      if (v !== '0' && v !== '1') fail(`${c} 只能是 0 或 1（“${v}”）`);
      return v === '1';
    },
  };
}

/** The history file, one row per product and day (a product may miss days). */
export function readHistory(file: string): HistoryRow[] {
  const t = readTable(file, HISTORY_COLUMNS);
  const seen = new Map<string, number>();
  return t.rows.map(({ line, get }) => {
    const f = fieldReader(t.label, line, get);
    const day = f.day(), product = f.product();
    const key = `${day}\u0000${product}`;
    if (seen.has(key)) f.fail(`${get('date')} 的「${product}」与第 ${seen.get(key)} 行重复`);
    seen.set(key, line);
    return {
      line, day, product, units: f.number('units', 0), priceFen: f.price(), promo: f.flag('promo'),
      tempMaxC: f.number('temp_max_c'), rainMm: f.number('rain_mm', 0), stockout: f.flag('stockout'),
    };
  });
}

/** The plan file: every product must be in the history and every date after that product's last history day. */
export function readFuture(file: string, history: HistoryRow[]): FutureRow[] {
  const t = readTable(file, FUTURE_COLUMNS);
  const lastDay = new Map<string, number>();
  for (const h of history) lastDay.set(h.product, Math.max(lastDay.get(h.product) ?? -Infinity, h.day));
  const seen = new Map<string, number>();
  return t.rows.map(({ line, get }) => {
    const f = fieldReader(t.label, line, get);
    const day = f.day(), product = f.product();
    const last = lastDay.get(product);
    if (last === undefined) f.fail(`商品「${product}」不在历史文件里`);
    if (day <= last!) f.fail(`${get('date')} 不晚于「${product}」历史的最后一天，预测只看以后的日子`);
    const key = `${day}\u0000${product}`;
    if (seen.has(key)) f.fail(`${get('date')} 的「${product}」与第 ${seen.get(key)} 行重复`);
    seen.set(key, line);
    return { line, day, date: get('date'), product, priceFen: f.price(), promo: f.flag('promo'), tempMaxC: f.number('temp_max_c'), rainMm: f.number('rain_mm', 0) };
  });
}
