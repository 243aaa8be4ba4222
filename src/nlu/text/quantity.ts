// Quantity tokens in text: "2斤", "两斤半", "一斤半", "半斤", "1.5kg", "500克", "x4", "×2", "*2", "3".
import { CN_NUM_CHARS, parseNumber } from './numbers.js';
import { UNIT_WORDS } from './units.js';

export interface QtyToken {
  start: number;
  end: number;
  value: number;
  /** Unit as written ('' if none). */
  unit: string;
  /** Written as a multiplier (x4, ×2, *2). */
  multiplier: boolean;
}

const UNIT_ALT = UNIT_WORDS.map((u) => u.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
// After a bare number these mean a date, time, age, price, floor, … never a quantity.
const NOT_QTY_AFTER = '(?![\\d.]|\\s*(?:号|点|岁|天|元|块钱|块一|毛|角|月|年|分|次|楼|栋|幢|层|人|周|小时|位|折|%|室|单元|期|度|米|cm|km|mm|公里|届|级|遍|下|倍|成|w|万|k))';
const QTY_RE = new RegExp(
  // multiplier: x4 ×2 *2
  `(?<![a-z])[x×*]\\s*(\\d{1,6}(?:\\.\\d+)?)(?![\\d.])` +
  // number + unit (+ optional 半), Chinese or Arabic; negative sign kept to reject it
  `|(-?)(\\d{1,12}(?:\\.\\d+)?|[${CN_NUM_CHARS}]+|半)\\s*(${UNIT_ALT})(?!钱|小时|钟头|月|人|星期|礼拜|多小时|多月)(半)?` +
  // bare Arabic number
  `|(?<![\\d.a-z\\-])(-?)(\\d{1,4}(?:\\.\\d+)?)${NOT_QTY_AFTER}` +
  // 俩 / 仨 are numbers that carry their own counter ("来俩法棍"); not "咱俩", "他们俩人"
  `|(?<![咱们])(俩|仨)(?![人个])`,
  'gi',
);

// Numbers no resident means as a quantity ("1e9斤", "NaN斤", "Infinity"): a token of value NaN, so the line is
// refused instead of read as "1" with a note "e9斤".
const BAD_NUM_RE = new RegExp(`(?<![a-z\\d.])(?:\\d+(?:\\.\\d+)?e[+-]?\\d+|nan|infinity|inf)(?![a-z])\\s*(${UNIT_ALT})?`, 'gi');

/** All quantity tokens in `text`, left to right. Positions covered by `mask` are skipped. */
export function findQuantities(text: string, mask?: Uint8Array): QtyToken[] {
  const out: QtyToken[] = [];
  const bad: [number, number][] = [];
  BAD_NUM_RE.lastIndex = 0;
  for (let m = BAD_NUM_RE.exec(text); m; m = BAD_NUM_RE.exec(text)) {
    if (mask && mask[m.index]) continue;
    bad.push([m.index, m.index + m[0].length]);
    out.push({ start: m.index, end: m.index + m[0].length, value: NaN, unit: (m[1] ?? '').toLowerCase(), multiplier: false });
  }
  QTY_RE.lastIndex = 0;
  for (let m = QTY_RE.exec(text); m; m = QTY_RE.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    if (mask && mask[start]) continue;
    if (bad.some(([a, b]) => start < b && end > a)) continue;
    if (m[1] !== undefined) {
      out.push({ start, end, value: Number(m[1]), unit: '', multiplier: true });
      continue;
    }
    if (m[3] !== undefined) {
      // "二两" backtracks to 二 + unit 两 (50 g); "两斤" is numeral 两 + 斤.
      let value = parseNumber(m[3]);
      const unit = m[4];
      if (m[5]) value += 0.5;
      if (Number.isNaN(value)) continue;
      if (m[2] === '-') value = -value;
      out.push({ start, end, value, unit: unit.toLowerCase(), multiplier: false });
      continue;
    }
    if (m[7] !== undefined) {
      let value = Number(m[7]);
      if (m[6] === '-') value = -value;
      out.push({ start, end, value, unit: '', multiplier: false });
      continue;
    }
    if (m[8] !== undefined) out.push({ start, end, value: parseNumber(m[8]), unit: '', multiplier: false });
  }
  // "一斤二两", "1斤2两": one weight (1.2斤), not two quantities.
  for (let i = out.length - 1; i > 0; i--) {
    const a = out[i - 1], b = out[i];
    if (a.unit === '斤' && b.unit === '两' && b.start === a.end && Number.isInteger(a.value) && b.value > 0 && b.value < 10) {
      out.splice(i - 1, 2, { ...a, end: b.end, value: a.value + b.value / 10 });
    }
  }
  return bad.length ? out.sort((a, b) => a.start - b.start) : out;
}

