// Mean and 95 % interval over seeds (Student t), and the paired difference between two strategies: the same seed
// gives both strategies the same residents, so the per-seed difference removes the community's own noise.
import jStat from 'jstat';

export interface Interval { mean: number; low: number; high: number; n: number }

/** `bounds`: the figure's natural range (a ratio stays in 0…1, a count at 0 or above), the interval is cut to it. */
export function meanInterval(xs: readonly number[], bounds: [number, number] = [-Infinity, Infinity]): Interval | null {
  const n = xs.length;
  if (n === 0) return null;
  const mean = xs.reduce((s, x) => s + x, 0) / n;
  if (n === 1) return { mean, low: mean, high: mean, n };
  const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
  const half = jStat.studentt.inv(0.975, n - 1) * sd / Math.sqrt(n);
  return { mean, low: Math.max(bounds[0], mean - half), high: Math.min(bounds[1], mean + half), n };
}

/** b − a per seed; seeds where either figure is null are left out. */
export function pairedDifference(a: readonly (number | null)[], b: readonly (number | null)[]): Interval | null {
  const d: number[] = [];
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] != null && b[i] != null) d.push(b[i]! - a[i]!);
  return meanInterval(d);
}
