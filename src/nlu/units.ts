// Units and conversion into the product's own selling unit.

/** Weight units in grams. "两" is only a unit after a numeral (二两), never alone. */
const WEIGHT_G: Record<string, number> = {
  斤: 500, 市斤: 500, 公斤: 1000, 千克: 1000, kg: 1000, 克: 1, g: 1, 两: 50,
};
/** Volume units in millilitres. */
const VOLUME_ML: Record<string, number> = { 升: 1000, l: 1000, 毫升: 1, ml: 1 };

/** Counters that all just mean "one of the product's own unit". */
const COUNTERS = [
  '个', '盒', '瓶', '袋', '箱', '把', '份', '只', '条', '包', '提', '桶', '罐', '板', '串', '根', '颗',
  '件', '听', '支', '块', '张', '卷', '片', '枚', '打', '头', '棵', '扎', '捆', '排', '兜', '筐', '篮',
  '套', '双', '对', '粒', '碗', '杯', '盘', '斗', '组', '本', '管', '贴', '抽', '罐', '单', '尾',
];

/** All unit spellings, longest first, for regex alternation. */
export const UNIT_WORDS = [...new Set([...Object.keys(WEIGHT_G), ...Object.keys(VOLUME_ML), ...COUNTERS])]
  .sort((a, b) => b.length - a.length);

const COUNT_LIKE = new Set(['个', '枚', '只', '颗']);

/** The leading unit word of a catalog unit string like "斤", "盒(6个)", "500g/袋" → "斤", "盒", "袋". */
export function baseUnit(productUnit: string): string {
  const u = productUnit.trim().toLowerCase();
  const slash = u.split('/');
  const last = slash[slash.length - 1].replace(/[(（].*$/, '').replace(/^[\d.]+\s*/, '').trim();
  return last || u;
}

/**
 * Convert `qty` given in `stated` (may be '' = no unit) into the product's unit.
 * Weight↔weight and volume↔volume convert exactly; a dozen (打) of count-like goods is 12;
 * any other counter is taken as the product's own unit (residents say 份/个 for a 盒 product).
 */
export function convertQty(qty: number, stated: string, productUnit: string): number {
  const target = baseUnit(productUnit);
  if (!stated || stated === target) return qty;
  if (stated in WEIGHT_G && target in WEIGHT_G) return round(qty * WEIGHT_G[stated] / WEIGHT_G[target]);
  if (stated in VOLUME_ML && target in VOLUME_ML) return round(qty * VOLUME_ML[stated] / VOLUME_ML[target]);
  if (stated === '打' && COUNT_LIKE.has(target)) return qty * 12;
  return qty;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
