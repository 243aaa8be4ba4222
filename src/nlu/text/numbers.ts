// Chinese and Arabic numerals → numbers. Kept separate from units so "两" the numeral
// and "两" the weight unit are decided in one place (units.ts), not here.

const DIGIT: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 幺: 1, 壹: 1, 二: 2, 两: 2, 俩: 2, 贰: 2, 三: 3, 仨: 3, 叁: 3, 四: 4, 肆: 4,
  五: 5, 伍: 5, 六: 6, 陆: 6, 七: 7, 柒: 7, 八: 8, 捌: 8, 九: 9, 玖: 9,
};
const SCALE: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000, 万: 10000 };

/** Character class of Chinese numeral characters (for building regexes). */
export const CN_NUM_CHARS = '零〇一幺壹二两俩贰三仨叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万';

/** Parse a Chinese numeral like 十二, 二十, 一百零五, 两, 三千; NaN if not one. */
export function parseChineseInt(s: string): number {
  if (!s) return NaN;
  let total = 0;
  let section = 0;
  let digit = -1;
  for (const ch of s) {
    if (ch === '零' || ch === '〇') continue; // placeholder in 一百零五
    if (ch in DIGIT) {
      // Two digits in a row ("一两个", "三四斤") is a vague range, not a number.
      if (digit >= 0) return NaN;
      digit = DIGIT[ch];
    } else if (ch in SCALE) {
      const scale = SCALE[ch];
      if (scale === 10000) {
        section = (section + (digit < 0 ? 0 : digit)) || 1;
        total += section * 10000;
        section = 0;
      } else {
        section += (digit < 0 ? 1 : digit) * scale; // 十 alone = 10
      }
      digit = -1;
    } else {
      return NaN;
    }
  }
  const n = total + section + (digit < 0 ? 0 : digit);
  return n === 0 && !/[零〇]/.test(s) ? NaN : n;
}

/** Parse one numeral token: "2", "1.5", "十二", "两", "半"; NaN otherwise. */
export function parseNumber(s: string): number {
  if (!s) return NaN;
  if (/^\d+(?:\.\d+)?$/.test(s)) return Number(s);
  if (s === '半') return 0.5;
  return parseChineseInt(s);
}
