// Exact Shapley attribution of conversions to touchpoints.
//
// A journey is the set of touchpoints one resident met before converting (or not). The characteristic function is
// v(S) = conversion rate of the journeys whose touchpoint set is a subset of S; v(∅) is the rate of the journeys with
// no touchpoint. A coalition that no journey fits (no journey's set ⊆ S) has v(S) = 0 — the issue leaves it open and
// 0 is the convention the brief names. The Shapley credits then add up to v(all) − v(∅) (efficiency).
//
// Journeys are aggregated by bitmask, a zeta transform (subset sums) gives every coalition's journey and conversion
// counts in O(2^n·n), and the Shapley sum runs over all 2^n coalitions: exact, no sampling.

/** 2^16 coalitions × 16 touchpoints is still instant; above that the exact sum is refused. */
export const MAX_TOUCHPOINTS = 16;

export class TooManyTouchpointsError extends Error {
  constructor(readonly count: number) {
    super(`触点有 ${count} 个，精确 Shapley 归因最多支持 ${MAX_TOUCHPOINTS} 个触点`);
  }
}

/** Journeys already aggregated: `journeys[mask]` and `conversions[mask]` for each touchpoint bitmask over `names`. */
export interface JourneyCounts {
  names: string[];
  journeys: Float64Array;
  conversions: Float64Array;
}

/** Collects journeys given as touchpoint lists; duplicates inside one journey count once. */
export class JourneyAggregator {
  private readonly index = new Map<string, number>();
  private readonly byMask = new Map<number, { n: number; c: number }>();

  /** Adds one journey; throws TooManyTouchpointsError once a 17th distinct touchpoint appears. */
  add(touchpoints: readonly string[], converted: boolean): void {
    let mask = 0;
    for (const t of touchpoints) {
      let i = this.index.get(t);
      if (i === undefined) {
        i = this.index.size;
        if (i >= MAX_TOUCHPOINTS) throw new TooManyTouchpointsError(i + 1);
        this.index.set(t, i);
      }
      mask |= 1 << i;
    }
    const cell = this.byMask.get(mask);
    if (cell) { cell.n++; if (converted) cell.c++; } else this.byMask.set(mask, { n: 1, c: converted ? 1 : 0 });
  }

  get size(): number {
    let n = 0;
    for (const cell of this.byMask.values()) n += cell.n;
    return n;
  }

  /** Counts with touchpoints renumbered in the default (UTF-16 code unit) order of their names, so the result never depends on line order. */
  counts(): JourneyCounts {
    const names = [...this.index.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const newBit = new Map(names.map((name, i) => [this.index.get(name)!, i]));
    const size = 1 << names.length;
    const journeys = new Float64Array(size);
    const conversions = new Float64Array(size);
    for (const [mask, cell] of this.byMask) {
      let m = 0;
      for (let b = 0; b < names.length; b++) if (mask & (1 << b)) m |= 1 << newBit.get(b)!;
      journeys[m] += cell.n;
      conversions[m] += cell.c;
    }
    return { names, journeys, conversions };
  }
}

/** v(S) for every coalition S (bitmask), by subset sums over the aggregated counts. */
export function coalitionValues(counts: JourneyCounts): Float64Array {
  const n = counts.names.length;
  const size = 1 << n;
  const total = Float64Array.from(counts.journeys);
  const conv = Float64Array.from(counts.conversions);
  for (let b = 0; b < n; b++) {
    const bit = 1 << b;
    for (let s = 0; s < size; s++) {
      if (s & bit) { total[s] += total[s ^ bit]; conv[s] += conv[s ^ bit]; }
    }
  }
  const v = new Float64Array(size);
  for (let s = 0; s < size; s++) v[s] = total[s] > 0 ? conv[s] / total[s] : 0;
  return v;
}

/** Shapley weight |S|!(n−|S|−1)!/n! for every coalition size |S| = 0 … n−1. */
function weights(n: number): Float64Array {
  const w = new Float64Array(Math.max(n, 1));
  // w(k) = 1 / (n · C(n−1, k)), built from C(n−1, k) incrementally to stay exact for n ≤ 16.
  let binom = 1;
  for (let k = 0; k < n; k++) {
    w[k] = 1 / (n * binom);
    binom = (binom * (n - 1 - k)) / (k + 1);
  }
  return w;
}

function popcount(x: number): number {
  let c = 0;
  while (x) { x &= x - 1; c++; }
  return c;
}

export interface Attribution {
  /** Touchpoint names in UTF-16 code-unit order (JavaScript string order), with their Shapley credit. */
  credits: { touchpoint: string; credit: number }[];
  vAll: number;
  vEmpty: number;
  journeys: number;
}

/** The exact Shapley value of each touchpoint. */
export function shapley(counts: JourneyCounts): Attribution {
  const n = counts.names.length;
  if (n > MAX_TOUCHPOINTS) throw new TooManyTouchpointsError(n);
  const v = coalitionValues(counts);
  const size = 1 << n;
  const w = weights(n);
  const phi = new Float64Array(n);
  for (let s = 0; s < size; s++) {
    const ws = w[popcount(s)];
    for (let i = 0; i < n; i++) {
      const bit = 1 << i;
      if (!(s & bit)) phi[i] += ws * (v[s | bit] - v[s]);
    }
  }
  let journeys = 0;
  for (const x of counts.journeys) journeys += x;
  return {
    credits: counts.names.map((touchpoint, i) => ({ touchpoint, credit: phi[i] })),
    vAll: v[size - 1], vEmpty: v[0], journeys,
  };
}
