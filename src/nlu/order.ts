// Turning a normalized text into order lines: products (catalog-match) + quantities (quantity)
// paired by position, plus the address/name in front and the note behind.
import type { CatalogIndex, ProductSpan } from './catalog-match.js';
import { findProducts } from './catalog-match.js';
import { findQuantities, type QtyToken } from './text/quantity.js';
import { baseUnit, convertQty } from './text/units.js';
import { isStorableQty } from '../quantity.js';
import type { ParsedItem, ParseResult } from './types.js';

/** Largest quantity a resident can mean in one line, in the product's own unit. */
export const MAX_QTY = 999;
/**
 * Largest count a resident writes for one line ("豆浆来500袋", "烤鸭要800只" are jokes or typos, "矿泉水10箱" is
 * not): the number as written, before packs are converted; grams and millilitres are exempt (500克 is one 斤).
 */
export const MAX_WRITTEN = 200;
const FINE_UNITS = new Set(['克', 'g', '毫升', 'ml']);

export interface OrderLine {
  span: ProductSpan;
  qty?: QtyToken;
  /** Quantity came from the default (none written). */
  implicit: boolean;
}

export interface Extraction {
  items: ParsedItem[];
  rejected?: ParseResult['rejected'];
  ambiguous?: ParseResult['ambiguous'];
  address?: string;
  name?: string;
  note?: string;
  /** Products found at all. */
  spans: ProductSpan[];
  /** Any quantity attached to a product. */
  explicitQty: boolean;
  /** Quantity tokens not attached to any product (e.g. "来3盒" with an unknown product). */
  orphans: QtyToken[];
  /** Text left after removing address, name, products, quantities and fillers. */
  residue: string;
  /** End of the last product / quantity used. */
  lastEnd: number;
  firstStart: number;
}

// Address forms: 3-501, 12-3-402, 5栋302, 7号楼2单元301, a栋1201, 3#501
const ADDRESS_RE = /(?:[a-z]?\d{1,3}\s*(?:栋|幢|号楼|座|#|区)\s*(?:\d{1,2}\s*(?:单元|-)\s*)?\d{2,4}\s*(?:室|号)?|[a-z]?\d{1,3}\s*[-_—]\s*\d{1,2}\s*[-_—]\s*\d{2,4}|[a-z]?\d{1,3}\s*[-_—]\s*\d{2,4}(?:\s*室)?|\d{1,3}\s*(?:栋|幢|号楼)(?:\s*\d{1,2}\s*单元)?)/gi;
// A person in front of an order: 王姐, 李阿姨, 张哥, 小王, 老李, or a 2–3 character name.
const NAME_RE = /^(?:[\u4e00-\u9fff](?:姐|哥|阿姨|叔|叔叔|老师|总|姨|妈|嫂|大爷|奶奶|爷爷|师傅|先生|女士|宝妈|家)|[小老][\u4e00-\u9fff]|[\u4e00-\u9fff]{2,3})$/;
// Between a product and its quantity ("草莓来3盒", "苹果:2斤", "苹果各2斤").
// Who it is for may come first ("酸奶我要12杯", "基围虾给我来2斤", "苏打水给我留一箱").
const GAP_AFTER = /^[\s:=/]*(?:(?:我|给我|帮我|麻烦|就|再|也|也给我)\s*)?(?:再?来|要|买|订|拿|留|带|各|共|一共|给我|再要|需要|改成|改为|改到|改|换成|换为|变成|调成|调整为|调到|加到|减到|减成|只要)?[\s:=/]*$/;
// Between a quantity and its product ("两斤苹果", "2斤的苹果").
const GAP_BEFORE = /^\s*的?\s*$/;
const HARD_SEP = /[,;。!?\n、+]|和|还有|另外|以及|再来/;
const FILLER = /(?:我|要|想要|来|订|预定|预订|买|拿|帮我|给我|留|再|还|需要|麻烦|谢谢|团长|一下|了|的|吧|哈|啊|呀|嗯|好|下单|报名|接龙|各|共|一共|[\s,;。!?、+:=~()\-\[\]"'“”])+/g;

/** `prefer`: catalog name that settles a tie (the product most recently posted). */
export function extractOrder(index: CatalogIndex, text: string, prefer?: string, found?: ProductSpan[]): Extraction {
  const mask = new Uint8Array(text.length);
  let address: string | undefined;
  ADDRESS_RE.lastIndex = 0;
  const addrs: [number, number][] = [];
  for (let m = ADDRESS_RE.exec(text); m; m = ADDRESS_RE.exec(text)) {
    addrs.push([m.index, m.index + m[0].length]);
    mask.fill(1, m.index, m.index + m[0].length);
    address ??= m[0].replace(/\s+/g, '');
  }
  const spans = (found ?? findProducts(index, text)).filter((s) => !mask[s.start]).map((s) => ({ ...s }));
  for (const s of spans) mask.fill(1, s.start, s.end);
  const qtys = findQuantities(text, mask);

  const lines: OrderLine[] = spans.map((span) => ({ span, implicit: true }));
  const claimed = new Set<QtyToken>();
  for (let k = 0; k < lines.length; k++) {
    const { span } = lines[k];
    const nextStart = k + 1 < lines.length ? lines[k + 1].span.start : text.length;
    const prevEnd = k > 0 ? lines[k - 1].span.end : 0;
    // Quantity right before the product ("我要两斤苹果"); checked first so "两斤苹果三斤香蕉" pairs right.
    let before: QtyToken | undefined;
    for (const q of qtys) if (!claimed.has(q) && q.end <= span.start && q.start >= prevEnd) before = q;
    if (before && GAP_BEFORE.test(text.slice(before.end, span.start)) && (before.unit || !before.multiplier)) {
      claimed.add(before);
      lines[k].qty = before;
      lines[k].implicit = false;
      continue;
    }
    // Quantity right after the product ("苹果2斤", "草莓来3盒", "牛奶x4").
    const after = qtys.find((q) => !claimed.has(q) && q.start >= span.end && q.start < nextStart);
    if (after && GAP_AFTER.test(text.slice(span.end, after.start))) {
      claimed.add(after);
      lines[k].qty = withMultiplier(after, qtys, claimed, text);
      lines[k].implicit = false;
      // "苹果、香蕉各2斤": earlier products of the same run without a quantity share it.
      if (text.slice(span.end, after.start).includes('各')) {
        for (let j = k - 1; j >= 0 && lines[j].implicit; j--) { lines[j].qty = lines[k].qty; lines[j].implicit = false; }
      }
    }
  }

  const ex: Extraction = {
    items: [], spans, explicitQty: lines.some((l) => !l.implicit), orphans: qtys.filter((q) => !claimed.has(q)),
    residue: '', lastEnd: 0, firstStart: text.length, address,
  };
  const seenProducts = new Set<string>();
  // A product named without a quantity and again with one ("爱吃鸡蛋羹，给我来两盒鸡蛋") is one order line:
  // the bare mention is part of the story, not one more.
  const counted = new Set(lines.filter((l) => !l.implicit && l.span.products.length === 1).map((l) => l.span.products[0]));
  for (const line of lines) {
    if (line.implicit && line.span.products.length === 1 && counted.has(line.span.products[0])) continue;
    const { span } = line;
    ex.firstStart = Math.min(ex.firstStart, span.start, line.qty?.start ?? Infinity);
    ex.lastEnd = Math.max(ex.lastEnd, span.end, line.qty?.end ?? 0);
    if (span.products.length > 1 && prefer) {
      const k = span.products.findIndex((i) => index.products[i].name === prefer);
      if (k >= 0) span.products = [span.products[k]];
    }
    if (span.products.length > 1) {
      ex.ambiguous ??= { term: span.term, candidates: span.products.map((i) => index.products[i].name) };
      continue;
    }
    const product = index.products[span.products[0]];
    const raw = line.qty ? line.qty.value : 1;
    if (!Number.isFinite(raw) || raw <= 0) { ex.rejected ??= { reason: 'bad_qty', term: span.term, qty: raw }; continue; }
    const conv = line.qty ? convertQty(raw, line.qty.unit, product.unit, product.packs) : { ok: true as const, qty: 1 };
    if (!conv.ok) {
      ex.rejected ??= { reason: conv.reason, term: product.name, qty: raw, unit: baseUnit(product.unit), stated: line.qty!.unit };
      continue;
    }
    const qty = conv.qty;
    // Less than a thousandth of the unit (0.0001斤) rounds to nothing: no real order.
    if (!isStorableQty(qty) || qty <= 0) { ex.rejected ??= { reason: 'bad_qty', term: span.term, qty: raw }; continue; }
    if (qty > MAX_QTY || (line.qty && line.qty.value > MAX_QTY * 1000) || (line.qty && !FINE_UNITS.has(line.qty.unit) && raw > MAX_WRITTEN)) { ex.rejected ??= { reason: 'absurd_qty', term: span.term, qty: raw }; continue; }
    // The same product twice in one message ("苹果2斤 苹果1斤") adds up.
    const prev = ex.items.find((i) => i.product === product.name);
    if (prev) { prev.qty += qty; delete prev.pack; continue; }
    if (seenProducts.has(product.name)) continue;
    seenProducts.add(product.name);
    ex.items.push({ product: product.name, qty, unit: product.unit, ...(conv.pack ? { pack: conv.pack } : {}) });
  }

  // Address / name in front, note behind.
  if (lines.length) {
    let front = text.slice(0, ex.firstStart);
    for (const [a, b] of addrs) if (b <= ex.firstStart) front = front.slice(0, a) + ' '.repeat(b - a) + front.slice(b);
    const who = front.replace(/[\s,;:。、]+/g, ' ').trim().replace(/^(?:我是|我)\s*/, '').replace(/\s*(?:我要|要|来|订|买)$/, '').trim();
    if (who && NAME_RE.test(who)) ex.name = who;
    const tail = text.slice(ex.lastEnd).replace(ADDRESS_RE, '').replace(/^[\s,;。!、+:~\-]+|[\s,;。!、+:~\-]+$/g, '').trim();
    if (tail && !/^(?:谢谢|谢了|辛苦|麻烦)/.test(tail) && !spans.some((s) => s.start >= ex.lastEnd)) ex.note = capNote(tail);
  }
  // Residue: what is left once every order part is taken out; decides "just an order" vs a sentence.
  for (const q of claimed) mask.fill(1, q.start, q.end);
  let rest = '';
  for (let i = 0; i < text.length; i++) if (!mask[i]) rest += text[i];
  ex.residue = rest.replace(FILLER, '');
  if (ex.name) ex.residue = ex.residue.replace(ex.name, '');
  return ex;
}

const CLAUSE_SEP = /[,;。!?\n，；！？]/g;
/**
 * Items of `ex` named in a clause that matches `cue` ("稻花香不要了，东北米就够了" cancels only 稻花香); all of them
 * when no clause or every clause does.
 */
export function itemsInClauses(index: CatalogIndex, text: string, ex: Extraction, cue: RegExp): ParsedItem[] {
  const cuts = [0, ...[...text.matchAll(CLAUSE_SEP)].map((m) => m.index! + 1), text.length + 1];
  const keep = new Set<string>();
  let clauses = 0;
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [a, b] = [cuts[i], cuts[i + 1]];
    if (!cue.test(text.slice(a, b))) continue;
    clauses++;
    for (const sp of ex.spans) if (sp.start >= a && sp.start < b && sp.products.length === 1) keep.add(index.products[sp.products[0]].name);
  }
  if (!clauses || !keep.size) return ex.items;
  return ex.items.filter((it) => keep.has(it.product));
}

/** Longest note kept on an order (a pasted essay is not a delivery note). */
export const MAX_NOTE = 100;
function capNote(note: string): string {
  const chars = [...note];
  return chars.length <= MAX_NOTE ? note : chars.slice(0, MAX_NOTE - 1).join('') + '…';
}

/** "苹果2斤x2" → 4 斤: a multiplier right after a quantity multiplies it. */
function withMultiplier(q: QtyToken, qtys: QtyToken[], claimed: Set<QtyToken>, text: string): QtyToken {
  if (q.multiplier) return q;
  const m = qtys.find((t) => t.multiplier && !claimed.has(t) && t.start >= q.end && /^\s*$/.test(text.slice(q.end, t.start)));
  if (!m) return q;
  claimed.add(m);
  return { ...q, end: m.end, value: q.value * m.value };
}

export { HARD_SEP };
