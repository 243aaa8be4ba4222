// Quantities: stored as integers in thousandths of the product's selling unit (qty_milli), so stock
// arithmetic in SQL is exact (0.3斤 − 1两 − 1两 − 1两 = 0, never −0.0000001). Code outside the store
// reads and writes selling units (1.5 = 1.5斤); this module is the one place that converts and formats.
import { customType } from 'drizzle-orm/sqlite-core';

/** Base units per selling unit. */
export const MILLI = 1000;

/** Selling units → integer thousandths (rounded to the nearest thousandth). */
export function toMilli(qty: number): number {
  return Math.round(qty * MILLI);
}

/** Integer thousandths → selling units. */
export function fromMilli(milli: number): number {
  return milli / MILLI;
}

/** Rounds a quantity to what the store can hold (a whole thousandth). */
export function roundQty(qty: number): number {
  return fromMilli(toMilli(qty));
}

/** True when the quantity is a whole number of thousandths (more precision than that is no real order). */
export function isStorableQty(qty: number): boolean {
  return Number.isFinite(qty) && Math.abs(qty * MILLI - toMilli(qty)) < 1e-6;
}

/**
 * An INTEGER column of thousandths that reads and writes selling units. Raw SQL that combines it with a
 * value must pass thousandths (toMilli), and aggregates read back through `.mapWith(column)`.
 */
export const qtyMilli = customType<{ data: number; driverData: number }>({
  dataType: () => 'integer',
  toDriver: (qty) => toMilli(qty),
  fromDriver: (milli) => fromMilli(Number(milli)),
});

/** 2 → "2", 1.5 → "1.5", 0.3333 → "0.33". */
export function qtyText(qty: number): string {
  return String(Math.round(qty * 100) / 100);
}

/** Amount of a line in fen: quantity may be fractional (1.5 斤); rounding is to the nearest fen. */
export function lineAmountFen(qty: number, unitPriceFen: number): number {
  return Math.round(toMilli(qty) * unitPriceFen / MILLI);
}
