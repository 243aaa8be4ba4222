// Group-level (cluster) analysis of an experiment. The unit of randomisation is the group, so the unit of analysis is
// too: each group contributes one observation (its metric, e.g. orders per group-day or first-order conversion), and
// residents inside a group are never treated as independent. Each treatment arm is compared with the control arm (the
// first) by Welch's t-test on the group values; with several treatment arms the level is split Bonferroni-style.
//
// Sequential rule — Haybittle–Peto: before the planned end a verdict is only given when a comparison already reaches
// p < 0.001 (two-sided, also split over comparisons); otherwise the answer is "too early". At the planned end the
// ordinary level α applies. The interim threshold is so strict that looking early costs essentially no type-I error.
import jStat from 'jstat';
import { mean, sampleStandardDeviation } from 'simple-statistics';

export const HAYBITTLE_PETO_P = 0.001;
export const SEQUENTIAL_RULE = 'Haybittle–Peto（计划结束前只有 p < 0.001 才可提前下结论）';

export interface ExperimentPlan {
  /** Two-sided level at the planned end (default 0.05). */
  alpha?: number;
  /** Target power for the planned effect (default 0.8); below it the result carries a warning. */
  power?: number;
  /** Planned effect as an absolute difference in the metric (treatment − control), > 0. */
  plannedEffect: number;
  /** Below this many groups in an arm there is no verdict at all (default 4). */
  minGroupsPerArm?: number;
  endsAt: number;
}

export interface ArmSummary { arm: string; groups: number; mean: number; sd: number; ci: [number, number] }
export interface Comparison {
  arm: string;
  difference: number;
  ci: [number, number];
  t: number;
  df: number;
  p: number;
  /** Power of this comparison for the planned effect at the observed group-level spread and sizes. */
  power: number;
}
export type Verdict = 'too_early' | 'insufficient' | 'better' | 'worse' | 'no_difference' | 'inconclusive';
export interface Analysis {
  arms: ArmSummary[];
  comparisons: Comparison[];
  /** Chinese warnings, to be shown before the verdict. */
  warnings: string[];
  verdict: Verdict;
  /** The comparison the verdict is about (the arm with the smallest p), when there is one. */
  decisive?: string;
  early: boolean;
  rule: string;
  alpha: number;
}

/** Per-arm group values: each number is one group's metric. The first arm is the control. */
export interface ArmValues { arm: string; values: number[] }

function tCritical(level: number, df: number): number {
  return jStat.studentt.inv(1 - level / 2, df);
}

function summarise(a: ArmValues, level: number): ArmSummary {
  const n = a.values.length;
  const m = n ? mean(a.values) : NaN;
  const sd = n >= 2 ? sampleStandardDeviation(a.values) : NaN;
  const half = n >= 2 ? tCritical(level, n - 1) * sd / Math.sqrt(n) : NaN;
  return { arm: a.arm, groups: n, mean: m, sd, ci: [m - half, m + half] };
}

/** Welch's two-sample t-test of treatment − control (both with ≥ 2 values), with the (1 − level) interval. */
export function welch(control: number[], treatment: number[], level = 0.05): { difference: number; se: number; t: number; df: number; p: number; ci: [number, number] } {
  const [n0, n1] = [control.length, treatment.length];
  if (n0 < 2 || n1 < 2) throw new Error('Welch t 检验每组至少要 2 个观测');
  const v0 = sampleStandardDeviation(control) ** 2 / n0;
  const v1 = sampleStandardDeviation(treatment) ** 2 / n1;
  const difference = mean(treatment) - mean(control);
  const se = Math.sqrt(v0 + v1);
  if (se === 0) {
    // No spread at all: the difference is exact.
    return { difference, se, t: difference === 0 ? 0 : Math.sign(difference) * Infinity, df: n0 + n1 - 2, p: difference === 0 ? 1 : 0, ci: [difference, difference] };
  }
  const df = (v0 + v1) ** 2 / (v0 ** 2 / (n0 - 1) + v1 ** 2 / (n1 - 1));
  const t = difference / se;
  const p = Math.min(1, 2 * (1 - jStat.studentt.cdf(Math.abs(t), df)));
  const half = tCritical(level, df) * se;
  return { difference, se, t, df, p, ci: [difference - half, difference + half] };
}

/**
 * Power of a two-sided two-sample t-test at `level` for a true difference `effect`, with `n0`/`n1` groups per arm and a
 * group-level standard deviation `sd` (noncentral t, df of the pooled test).
 */
export function tTestPower(input: { effect: number; sd: number; n0: number; n1: number; level: number }): number {
  const { effect, sd, n0, n1, level } = input;
  if (n0 < 2 || n1 < 2) return 0;
  if (sd === 0) return effect === 0 ? level : 1;
  const df = n0 + n1 - 2;
  const ncp = Math.abs(effect) / (sd * Math.sqrt(1 / n0 + 1 / n1));
  const crit = tCritical(level, df);
  return 1 - jStat.noncentralt.cdf(crit, df, ncp) + jStat.noncentralt.cdf(-crit, df, ncp);
}

/** The fewest groups per arm (equal arms) whose power for `effect` reaches `power` at `level`. */
export function groupsPerArm(input: { effect: number; sd: number; level?: number; power?: number; comparisons?: number }): number {
  const level = (input.level ?? 0.05) / (input.comparisons ?? 1);
  const power = input.power ?? 0.8;
  if (!(input.effect !== 0 && input.sd > 0)) throw new Error('计划效应必须不为 0，组间标准差必须大于 0');
  // Start from the normal approximation and walk to the exact answer.
  const z = jStat.normal.inv(1 - level / 2, 0, 1) + jStat.normal.inv(power, 0, 1);
  let n = Math.max(2, Math.ceil(2 * (z * input.sd / input.effect) ** 2));
  const at = (k: number) => tTestPower({ effect: input.effect, sd: input.sd, n0: k, n1: k, level });
  while (n > 2 && at(n - 1) >= power) n--;
  while (at(n) < power) n++;
  return n;
}

/** Analyses the experiment at `now` (before `plan.endsAt` only the Haybittle–Peto rule may give a verdict). */
export function analyseExperiment(arms: ArmValues[], plan: ExperimentPlan, now: number): Analysis {
  if (arms.length < 2) throw new Error('实验至少要有两个组别');
  for (const a of arms) if (!a.values.every(Number.isFinite)) throw new Error(`组别「${a.arm}」的指标里有不是数字的值`);
  const alpha = plan.alpha ?? 0.05;
  const targetPower = plan.power ?? 0.8;
  const minGroups = Math.max(2, plan.minGroupsPerArm ?? 4);
  const comparisonsCount = arms.length - 1;
  const level = alpha / comparisonsCount;
  const early = now < plan.endsAt;
  const summaries = arms.map((a) => summarise(a, alpha));
  const warnings: string[] = [];
  const base = { arms: summaries, early, rule: SEQUENTIAL_RULE, alpha };

  const small = summaries.filter((s) => s.groups < minGroups);
  if (small.length) {
    warnings.push(`样本不足：${small.map((s) => `「${s.arm}」只有 ${s.groups} 个群`).join('，')}，每组至少要 ${minGroups} 个群才下结论`);
    return { ...base, comparisons: [], warnings, verdict: 'insufficient' };
  }
  const [control, ...treatments] = arms;
  const comparisons: Comparison[] = treatments.map((tr) => {
    const w = welch(control!.values, tr.values, level);
    // Power at the observed spread (pooled over the two arms) for the planned effect.
    const n0 = control!.values.length;
    const n1 = tr.values.length;
    const s0 = sampleStandardDeviation(control!.values);
    const s1 = sampleStandardDeviation(tr.values);
    const pooled = Math.sqrt(((n0 - 1) * s0 ** 2 + (n1 - 1) * s1 ** 2) / (n0 + n1 - 2));
    const power = tTestPower({ effect: plan.plannedEffect, sd: pooled, n0, n1, level });
    return { arm: tr.arm, difference: w.difference, ci: w.ci, t: w.t, df: w.df, p: w.p, power };
  });
  for (const c of comparisons) {
    if (c.power < targetPower) {
      warnings.push(`检验力不足：按计划效应 ${fmt(plan.plannedEffect)}，「${c.arm}」对「${control!.arm}」的检验力只有 ${Math.round(c.power * 100)}%（低于 ${Math.round(targetPower * 100)}%），没有显著差异也不能说明没有效果`);
    }
  }
  const decisive = comparisons.reduce((best, c) => (c.p < best.p ? c : best));
  const threshold = early ? HAYBITTLE_PETO_P / comparisonsCount : level;
  if (decisive.p < threshold) {
    return { ...base, comparisons, warnings, verdict: decisive.difference > 0 ? 'better' : 'worse', decisive: decisive.arm };
  }
  if (early) {
    warnings.push(`实验还没到计划结束时间：按 ${SEQUENTIAL_RULE}，现在的差异（p = ${decisive.p.toFixed(3)}）还不足以提前下结论`);
    return { ...base, comparisons, warnings, verdict: 'too_early' };
  }
  const underpowered = decisive.power < targetPower;
  return { ...base, comparisons, warnings, verdict: underpowered ? 'inconclusive' : 'no_difference', decisive: decisive.arm };
}

function fmt(x: number): string {
  return Number(x.toPrecision(3)).toString();
}
