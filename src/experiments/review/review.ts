// An experiment's state and review: per arm its groups, residents and exposures, the primary metric per group with the
// group-level analysis (analysis.ts: Welch on group values, Haybittle–Peto before the planned end), the guardrails,
// a segment by group size, and the next step (策略迭代) that follows from the verdict.
import type { Store } from '../../store/db.js';
import type { Experiment } from '../../store/schema-experiments.js';
import { METRICS, planFor, type Arm, type Strategy } from '../library.js';
import { analyseExperiment, groupsPerArm, welch, type Analysis } from '../analysis.js';
import { armsOf, experimentGroupsOf, registrationOf } from '../registry.js';
import { groupMetrics, hasGroupValues, type GroupValues } from './group-metrics.js';
import { mean, median, sampleStandardDeviation } from 'simple-statistics';

export interface ArmReport {
  arm: Arm;
  groups: { groupId: number; topic: string; size: number; primary: number | null }[];
  members: number;
  exposures: number;
  exposedMembers: number;
}
export interface GuardrailReport {
  metric: string;
  label: string;
  /** Per arm: the mean over its groups (null without values), in the arms' order. */
  means: (number | null)[];
  /** Each treatment arm − control, with the 95 % Welch interval, when both have ≥ 2 groups with values. */
  differences: ({ difference: number; ci: [number, number]; p: number } | null)[];
  available: boolean;
}
export interface SegmentReport { segment: string; means: (number | null)[]; groups: number[] }
export type NextStep = 'adopt' | 'drop' | 'rerun_larger' | 'continue';
export interface ExperimentReport {
  experiment: Experiment;
  strategy: Strategy;
  window: { start: number; end: number };
  arms: ArmReport[];
  /** Null when the primary metric has no per-group value. */
  analysis: Analysis | null;
  plannedEffect: number;
  baseline: number | null;
  /** Whether the hypothesis (the planned direction) is supported; null before a verdict. */
  met: boolean | null;
  guardrails: GuardrailReport[];
  segments: SegmentReport[];
  next: NextStep;
  nextText: string;
}

const DAY = 86_400_000;
const valuesOf = (vals: GroupValues | undefined, ids: number[]) => ids.map((g) => vals?.get(g) ?? null).filter((v): v is number => v !== null);
const meanOr = (xs: number[]) => (xs.length ? mean(xs) : null);

/** The report at `now`: the window runs from the start to the end (or now while it runs). */
export function experimentReport(store: Store, e: Experiment, now: number): ExperimentReport {
  const strategy = registrationOf(e);
  const arms = armsOf(e);
  const groups = experimentGroupsOf(store, e.id);
  const window = { start: e.startsAt, end: Math.max(e.startsAt + 1, Math.min(now, e.endedAt ?? now)) };
  const sizes = new Map(groups.map((g) => [g.groupId, g.size]));
  const ids = groups.map((g) => g.groupId);
  const metrics = [strategy.primaryMetric, ...strategy.guardrails];
  const values = groupMetrics(store, { communityId: e.communityId, groupIds: ids, ...window }, metrics, sizes);
  const primary = values.get(strategy.primaryMetric);
  const exposures = new Map((store.sqlite.prepare(`SELECT arm, count(*) AS n, count(DISTINCT member_id) AS m FROM exposures WHERE experiment_id = ? GROUP BY arm`)
    .all(e.id) as { arm: string; n: number; m: number }[]).map((r) => [r.arm, r]));
  const armIds = arms.map((a) => groups.filter((g) => g.arm === a.name).map((g) => g.groupId));
  const armReports: ArmReport[] = arms.map((arm) => {
    const mine = groups.filter((g) => g.arm === arm.name);
    return {
      arm, members: mine.reduce((s, g) => s + g.size, 0),
      exposures: exposures.get(arm.name)?.n ?? 0, exposedMembers: exposures.get(arm.name)?.m ?? 0,
      groups: mine.map((g) => ({ groupId: g.groupId, topic: g.topic, size: g.size, primary: primary?.get(g.groupId) ?? null })),
    };
  });

  // The planned effect in the metric's units: the library's relative change times the control's level just before the start.
  let baseline: number | null = null;
  let analysis: Analysis | null = null;
  if (primary) {
    const before = groupMetrics(store, { communityId: e.communityId, groupIds: armIds[0]!, start: e.startsAt - strategy.durationDays * DAY, end: e.startsAt }, [strategy.primaryMetric], sizes);
    baseline = meanOr(valuesOf(before.get(strategy.primaryMetric), armIds[0]!)) || meanOr(valuesOf(primary, armIds[0]!));
    const plan = planFor(strategy, { startsAt: e.startsAt, baseline: baseline ?? 0 });
    analysis = analyseExperiment(arms.map((a, i) => ({ arm: a.name, values: valuesOf(primary, armIds[i]!) })), { ...plan, endsAt: e.plannedEndAt }, now);
  }
  const plannedEffect = Math.abs(strategy.plannedEffect * (baseline ?? 0));
  const decisive = analysis?.comparisons.find((c) => c.arm === analysis!.decisive);
  const met = analysis && (analysis.verdict === 'better' || analysis.verdict === 'worse') && decisive
    ? Math.sign(decisive.difference) === Math.sign(strategy.plannedEffect)
    : analysis && (analysis.verdict === 'no_difference') ? false : null;

  const guardrails: GuardrailReport[] = strategy.guardrails.map((metric) => {
    const vals = values.get(metric);
    const per = armIds.map((g) => valuesOf(vals, g));
    return {
      metric, label: METRICS[metric]?.label ?? metric, available: hasGroupValues(metric),
      means: per.map(meanOr),
      differences: per.slice(1).map((t) => (per[0]!.length >= 2 && t.length >= 2 ? welch(per[0]!, t) : null)),
    };
  });

  // Segment: groups at or above the median size at the start (大群) and below it (小群).
  const cut = groups.length ? median(groups.map((g) => g.size)) : 0;
  const segments: SegmentReport[] = [
    { segment: `大群（≥ ${cut} 人）`, pick: (s: number) => s >= cut },
    { segment: `小群（< ${cut} 人）`, pick: (s: number) => s < cut },
  ].map(({ segment, pick }) => {
    const per = armIds.map((g) => g.filter((id) => pick(sizes.get(id)!)));
    return { segment, groups: per.map((g) => g.length), means: per.map((g) => meanOr(valuesOf(primary, g))) };
  });

  const { next, nextText } = nextStep(strategy, analysis, met, primary ? armIds.map((g) => valuesOf(primary, g)) : [], plannedEffect);
  return { experiment: e, strategy, window, arms: armReports, analysis, plannedEffect, baseline, met, guardrails, segments, next, nextText };
}

function nextStep(s: Strategy, a: Analysis | null, met: boolean | null, perArm: number[][], effect: number): { next: NextStep; nextText: string } {
  if (!a) return { next: 'drop', nextText: `主指标「${METRICS[s.primaryMetric]?.label ?? s.primaryMetric}」没有按群的数据，这个实验无法判断，建议放弃或换一个主指标` };
  const larger = () => {
    const all = perArm.flat();
    const sd = all.length >= 2 ? sampleStandardDeviation(all) : 0;
    if (!(effect > 0 && sd > 0)) return '每组更多的群';
    try {
      return `每组至少 ${groupsPerArm({ effect, sd, comparisons: Math.max(1, perArm.length - 1) })} 个群`;
    } catch {
      return '每组更多的群';
    }
  };
  switch (a.verdict) {
    case 'too_early': return { next: 'continue', nextText: '继续运行到计划结束再看，现在不下结论' };
    case 'insufficient': return { next: 'rerun_larger', nextText: `样本不够：扩大到${larger()}后重做` };
    case 'inconclusive': return { next: 'rerun_larger', nextText: `差异不显著，但检验力不足：扩大到${larger()}后重做` };
    case 'no_difference': return { next: 'drop', nextText: '检验力足够，仍没有达到计划效应的差异：放弃这个策略，保持现行做法' };
    default:
      return met
        ? { next: 'adopt', nextText: `采纳「${a.decisive}」：把它作为本小区的新做法（先看护栏指标没有变差）` }
        : { next: 'drop', nextText: `「${a.decisive}」的效果和假设相反：放弃，保持现行做法` };
  }
}
