// Small formatting helpers for user-facing text.

/** 2 → "2", 1.5 → "1.5", 0.3333 → "0.33". */
export function qtyText(qty: number): string {
  return String(Math.round(qty * 100) / 100);
}
