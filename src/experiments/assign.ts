// Randomisation by group: neighbours in one group talk to each other, so a whole group gets one arm and residents are
// never split inside a group. Stratified by size: groups sorted by member count (largest first, then by id) are cut into
// blocks of k = number of arms, and within each block the arms are dealt in a random order from a seeded PRNG. Each arm
// then gets one group of every size stratum, which keeps the arms' member totals close. The seed is recorded with the
// assignment, so the same seed and groups give the same assignment again.
import { seededRandom, shuffled } from './random.js';

export interface GroupSize { groupId: number; size: number }
export interface Assignment {
  seed: number;
  arms: string[];
  /** In the order of the size strata (largest groups first). */
  groups: { groupId: number; size: number; arm: string; block: number }[];
}

/** A fresh 32-bit seed derived from a time (the caller's `now`) and a salt such as the experiment's name. */
export function seedFor(now: number, salt: string): number {
  let h = 2166136261 ^ (now >>> 0) ^ Math.floor(now / 4294967296);
  for (const ch of salt) h = Math.imul(h ^ ch.codePointAt(0)!, 16777619);
  return h >>> 0;
}

export function assignArms(input: { groups: readonly GroupSize[]; arms: readonly string[]; seed: number }): Assignment {
  const { arms, seed } = input;
  if (arms.length < 2) throw new Error('实验至少要有两个组别');
  if (new Set(arms).size !== arms.length) throw new Error('实验组别的名字不能重复');
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new Error('随机种子必须是 0–4294967295 的整数');
  const ids = new Set(input.groups.map((g) => g.groupId));
  if (ids.size !== input.groups.length) throw new Error('同一个群不能出现两次');
  if (input.groups.length < arms.length) throw new Error(`参加实验的群（${input.groups.length} 个）少于组别数（${arms.length} 个）`);
  const sorted = [...input.groups].sort((a, b) => b.size - a.size || a.groupId - b.groupId);
  const random = seededRandom(seed);
  // Restricted randomisation: with very uneven group sizes one draw of the blocks can leave an arm's member total
  // more than 10 % off the mean, so further draws from the same seeded stream are made (at most MAX_DRAWS) until one
  // is within 10 %; when none is (two groups of different sizes never are), the first draw stands. A pure function
  // of the seed either way.
  let first: Assignment['groups'] | null = null;
  for (let draw = 0; draw < MAX_DRAWS; draw++) {
    const groups: Assignment['groups'] = [];
    for (let start = 0, block = 0; start < sorted.length; start += arms.length, block++) {
      // The last block may be short: its groups get a random subset of the arms.
      const order = shuffled(arms, random);
      sorted.slice(start, start + arms.length).forEach((g, i) => groups.push({ groupId: g.groupId, size: g.size, arm: order[i]!, block }));
    }
    if (memberSpread(arms, groups) <= BALANCE) return { seed, arms: [...arms], groups };
    first ??= groups;
  }
  return { seed, arms: [...arms], groups: first! };
}

const MAX_DRAWS = 200;
const BALANCE = 0.1;

/** The largest relative distance of an arm's member total from the mean. */
function memberSpread(arms: readonly string[], groups: Assignment['groups']): number {
  const totals = new Map(arms.map((a) => [a, 0]));
  for (const g of groups) totals.set(g.arm, totals.get(g.arm)! + g.size);
  const values = [...totals.values()];
  const mean = values.reduce((s, x) => s + x, 0) / values.length;
  return Math.max(...values.map((x) => Math.abs(x - mean) / mean));
}

/** Members per arm (the balance the stratification aims at). */
export function armTotals(a: Assignment): Map<string, { groups: number; members: number }> {
  const totals = new Map(a.arms.map((arm) => [arm, { groups: 0, members: 0 }]));
  for (const g of a.groups) {
    const t = totals.get(g.arm)!;
    t.groups++;
    t.members += g.size;
  }
  return totals;
}
