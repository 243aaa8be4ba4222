// Group-level analysis: Welch against a published example, the power calculation, and simulated experiments (at the
// group level, seeded) for the false-positive rate, the power, and the Haybittle–Peto early-stopping rule.
import { describe, expect, it } from 'vitest';
import jStat from 'jstat';
import { analyseExperiment, groupsPerArm, HAYBITTLE_PETO_P, tTestPower, welch, type ArmValues } from '../../src/experiments/analysis.js';
import { seededRandom } from '../../src/experiments/random.js';

const DAY = 86_400_000;
const START = Date.parse('2027-03-01T00:00:00+08:00');
const END = START + 28 * DAY;

// A community's groups: 40–300 members, a group-level base rate that varies between groups (τ), members converting
// independently inside a group. The group's metric is its conversion rate.
const P0 = 0.3;
const TAU = 0.05;
const EFFECT = 0.05; // planned: 30 % → 35 %
const SIZE_MIN = 40;
const SIZE_MAX = 300;
// Var of one group's rate = τ² + p(1−p)·E[1/size] (size uniform on [40, 300]).
const GROUP_SD = Math.sqrt(TAU ** 2 + P0 * (1 - P0) * Math.log(SIZE_MAX / SIZE_MIN) / (SIZE_MAX - SIZE_MIN));

function simulator(seed: number) {
  const random = seededRandom(seed);
  const binomial = (n: number, p: number) => { let c = 0; for (let i = 0; i < n; i++) if (random() < p) c++; return c; };
  /** One group: its rate at half time (half its members exposed so far) and at the end. */
  const group = (lift: number) => {
    const size = SIZE_MIN + Math.floor(random() * (SIZE_MAX - SIZE_MIN + 1));
    const p = Math.min(1, Math.max(0, P0 + lift + jStat.normal.inv(random(), 0, TAU)));
    const half = Math.floor(size / 2);
    const c1 = binomial(half, p);
    const c2 = binomial(size - half, p);
    return { interim: c1 / half, final: (c1 + c2) / size };
  };
  return (n: number, lift: number) => {
    const control = Array.from({ length: n }, () => group(0));
    const treatment = Array.from({ length: n }, () => group(lift));
    const at = (k: 'interim' | 'final'): ArmValues[] => [
      { arm: '对照', values: control.map((g) => g[k]) }, { arm: '新方案', values: treatment.map((g) => g[k]) },
    ];
    return { interim: at('interim'), final: at('final') };
  };
}

const plan = { plannedEffect: EFFECT, endsAt: END };
const flagged = (v: string) => v === 'better' || v === 'worse';

describe('Welch t-test and power', () => {
  it('matches the published Welch example (t = 2.46, df ≈ 25.0, p = 0.021)', () => {
    const a1 = [27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4];
    const a2 = [27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4];
    const w = welch(a1, a2);
    expect(w.t).toBeCloseTo(2.4554, 4);
    expect(w.df).toBeCloseTo(24.9885, 3);
    expect(w.p).toBeCloseTo(0.021378, 5);
    expect(w.ci[0]).toBeCloseTo(0.34924, 4);
    expect(w.ci[1]).toBeCloseTo(3.98410, 4);
  });

  it('plans the textbook sample sizes (d = 1 → 17, d = 0.5 → 64 per arm at 80 %)', () => {
    expect(groupsPerArm({ effect: 1, sd: 1 })).toBe(17);
    expect(groupsPerArm({ effect: 0.5, sd: 1 })).toBe(64);
    expect(tTestPower({ effect: 1, sd: 1, n0: 16, n1: 16, level: 0.05 })).toBeLessThan(0.8);
    expect(tTestPower({ effect: 1, sd: 1, n0: 17, n1: 17, level: 0.05 })).toBeGreaterThanOrEqual(0.8);
  });
});

describe('simulated experiments (200 each, group level)', () => {
  // Planned at 90 % so that "≥ 80 % of 200 runs" holds with room for the binomial spread of 200 runs (sd ≈ 2 %).
  const n = groupsPerArm({ effect: EFFECT, sd: GROUP_SD, power: 0.9 });

  it('plans a realistic number of groups', () => {
    expect(n).toBeGreaterThanOrEqual(20);
    expect(n).toBeLessThanOrEqual(60);
  });

  it('flags between 2 % and 9 % of null experiments at the planned end', () => {
    const sim = simulator(1);
    let hits = 0;
    for (let i = 0; i < 200; i++) if (flagged(analyseExperiment(sim(n, 0).final, plan, END).verdict)) hits++;
    expect(hits / 200).toBeGreaterThanOrEqual(0.02);
    expect(hits / 200).toBeLessThanOrEqual(0.09);
  });

  it('flags at least 80 % of experiments with the planned effect, in the right direction', () => {
    const sim = simulator(2);
    let better = 0;
    for (let i = 0; i < 200; i++) if (analyseExperiment(sim(n, EFFECT).final, plan, END).verdict === 'better') better++;
    expect(better / 200).toBeGreaterThanOrEqual(0.8);
  });

  it('with a look at half time under Haybittle–Peto: few early stops, the error rate and the power still hold', () => {
    const runs = (lift: number, seed: number) => {
      const sim = simulator(seed);
      let early = 0;
      let total = 0;
      for (let i = 0; i < 200; i++) {
        const e = sim(n, lift);
        const look = analyseExperiment(e.interim, plan, START + 14 * DAY);
        expect(look.early).toBe(true);
        if (flagged(look.verdict)) { early++; total++; continue; }
        expect(look.verdict).toBe('too_early');
        if (flagged(analyseExperiment(e.final, plan, END).verdict)) total++;
      }
      return { early: early / 200, total: total / 200 };
    };
    const nul = runs(0, 3);
    expect(nul.early).toBeLessThanOrEqual(0.02);
    expect(nul.total).toBeGreaterThanOrEqual(0.02);
    expect(nul.total).toBeLessThanOrEqual(0.09);
    const real = runs(EFFECT, 4);
    expect(real.total).toBeGreaterThanOrEqual(0.8);
  });
});

describe('verdicts', () => {
  const arms = (control: number[], treatment: number[]): ArmValues[] => [{ arm: 'A', values: control }, { arm: 'B', values: treatment }];

  it('gives no verdict with too few groups in an arm, and says so', () => {
    const a = analyseExperiment(arms([0.3, 0.31, 0.29], [0.5, 0.52, 0.49, 0.51]), plan, END);
    expect(a.verdict).toBe('insufficient');
    expect(a.comparisons).toEqual([]);
    expect(a.warnings[0]).toContain('「A」只有 3 个群');
  });

  it('before the planned end: "too early" unless p < 0.001, then an early verdict', () => {
    const sim = simulator(5);
    const data = sim(20, EFFECT).final;
    const moderate = analyseExperiment(data, plan, START + 7 * DAY);
    const m = moderate.comparisons[0]!;
    expect(m.p).toBeGreaterThanOrEqual(HAYBITTLE_PETO_P);
    expect(moderate.verdict).toBe('too_early');
    expect(moderate.warnings.at(-1)).toContain('Haybittle–Peto');
    // The same data at the planned end is judged at the ordinary level.
    const atEnd = analyseExperiment(data, plan, END);
    expect(atEnd.early).toBe(false);
    // This run is one the rule holds back: p is below 0.05 but not below 0.001, so only the planned end gives the verdict.
    expect(m.p).toBeLessThan(0.05);
    expect(atEnd.verdict).toBe('better');
    const huge = analyseExperiment(sim(20, 0.25).final, plan, START + 7 * DAY);
    expect(huge.comparisons[0]!.p).toBeLessThan(HAYBITTLE_PETO_P);
    expect(huge.verdict).toBe('better');
    expect(huge.early).toBe(true);
  });

  it('an underpowered null result is "inconclusive" with a power warning, not "no difference"', () => {
    const a = analyseExperiment(arms([0.30, 0.35, 0.25, 0.32, 0.28], [0.31, 0.27, 0.33, 0.29, 0.30]), plan, END);
    expect(a.comparisons[0]!.p).toBeGreaterThan(0.5);
    expect(a.comparisons[0]!.power).toBeLessThan(0.8);
    expect(a.warnings).toHaveLength(1);
    expect(a.warnings[0]).toMatch(/^检验力不足：按计划效应 0\.05，「B」对「A」的检验力只有 \d+%/);
    expect(a.verdict).toBe('inconclusive');
    // With enough groups the same kind of null result is a real "no difference", without warnings.
    const big = analyseExperiment(simulator(7)(60, 0).final, plan, END);
    expect(big.comparisons[0]!.power).toBeGreaterThanOrEqual(0.8);
    expect(big.warnings).toEqual([]);
    expect(big.verdict).toBe('no_difference');
  });

  it('refuses a metric that is not a number', () => {
    expect(() => analyseExperiment(arms([0.3, Number.NaN, 0.2, 0.1], [0.3, 0.2, 0.1, 0.4]), plan, END)).toThrow('不是数字');
  });

  it('reports each arm with its interval and splits α over several treatment arms', () => {
    const sim = simulator(8);
    const two = sim(30, 0).final;
    const third = sim(30, EFFECT).final[1]!;
    const a = analyseExperiment([...two, { arm: 'C', values: third.values }], plan, END);
    expect(a.arms.map((s) => s.arm)).toEqual(['对照', '新方案', 'C']);
    for (const s of a.arms) {
      expect(s.groups).toBe(30);
      expect(s.ci[0]).toBeLessThan(s.mean);
      expect(s.ci[1]).toBeGreaterThan(s.mean);
    }
    expect(a.comparisons.map((c) => c.arm)).toEqual(['新方案', 'C']);
    // The interval of a comparison is at the split level α/2: wider than a single comparison's at α.
    const single = welch(two[0]!.values, third.values, 0.05);
    const c = a.comparisons[1]!;
    expect(c.ci[1] - c.ci[0]).toBeGreaterThan(single.ci[1] - single.ci[0]);
  });
});
