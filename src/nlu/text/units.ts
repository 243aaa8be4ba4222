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
  // Flowers and plants: sold by the bunch or the pot, counted by the stem.
  '束', '盆', '枝', '朵', '株',
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

/** Weight units a product can be sold by: only these take fractions (1.5斤, 半斤). */
export function isWeightUnit(unit: string): boolean {
  return baseUnit(unit) in WEIGHT_G;
}

/** Counters that mean "one of whatever the product is sold by" (草莓2份 = 2盒). */
const GENERIC = new Set(['份']);

export type Conversion =
  | { ok: true; qty: number; /** The pack written, when one was converted ("1箱"). */ pack?: string }
  | { ok: false; reason: 'unit_mismatch' | 'not_whole' };

/**
 * Convert `qty` given in `stated` ('' = no unit) into the product's unit. Only units that really convert:
 * weight↔weight (斤, 公斤, 克, 两 …) and volume↔volume exactly, a dozen (打) of count-like goods, and the pack
 * sizes the product declares (`packs: {"箱": 12}`: 1箱 = 12 of the product's unit). Any other unit is never
 * guessed (鸡蛋30个 is no 30盒). Fractions only for products sold by weight or volume.
 */
export function convertQty(qty: number, stated: string, productUnit: string, packs?: Record<string, number>): Conversion {
  const target = baseUnit(productUnit);
  const measured = target in WEIGHT_G || target in VOLUME_ML;
  const whole = (n: number, pack?: string): Conversion => (measured || Number.isInteger(n)
    ? { ok: true, qty: n, ...(pack ? { pack } : {}) } : { ok: false, reason: 'not_whole' });
  if (!stated || stated === target || GENERIC.has(stated)) return whole(qty);
  if (stated in WEIGHT_G && target in WEIGHT_G) return { ok: true, qty: round(qty * WEIGHT_G[stated] / WEIGHT_G[target]) };
  if (stated in VOLUME_ML && target in VOLUME_ML) return { ok: true, qty: round(qty * VOLUME_ML[stated] / VOLUME_ML[target]) };
  const pack = packs?.[stated];
  if (pack && Number.isFinite(pack) && pack > 0) {
    // "半箱", "一箱半": a part of a pack is fine when it is a whole number of the product's unit.
    return whole(round(qty * pack), `${qty}${stated}`);
  }
  if (stated === '打' && COUNT_LIKE.has(target)) return whole(qty * 12);
  return { ok: false, reason: 'unit_mismatch' };
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
