// How an experiment's figures read in chat and in the review file (Chinese).
import { yuan } from '../../money.js';
import { shanghaiDay } from '../../time.js';
import { METRICS } from '../library.js';
import type { Verdict } from '../analysis.js';
import type { ExperimentReport, NextStep } from './review.js';

const isRatio = (metric: string) => /(_rate|conversion|sell_through)$/.test(metric);

/** A metric value as leaders read it: ratios in %, fen in 元, the rest to 2 decimals. */
export function metricText(metric: string, v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  if (isRatio(metric)) return `${Math.round(v * 1000) / 10}%`;
  if (metric.endsWith('_fen')) return yuan(Math.round(v));
  return String(Math.round(v * 100) / 100);
}

/** A difference or interval bound: ratios in percentage points. */
export function diffText(metric: string, v: number): string {
  if (!Number.isFinite(v)) return v > 0 ? '+∞' : '−∞';
  const sign = v > 0 ? '+' : v < 0 ? '−' : '';
  const a = Math.abs(v);
  if (isRatio(metric)) return `${sign}${Math.round(a * 1000) / 10} 个百分点`;
  if (metric.endsWith('_fen')) return `${sign}${yuan(Math.round(a))}`;
  return `${sign}${Math.round(a * 100) / 100}`;
}

export const metricLabel = (m: string) => METRICS[m]?.label ?? m;

export const VERDICT_NAMES: Record<Verdict, string> = {
  too_early: '还太早', insufficient: '样本不足', better: '显著更高', worse: '显著更低', no_difference: '没有差异', inconclusive: '无法判断',
};
export const NEXT_NAMES: Record<NextStep, string> = { adopt: '采纳', drop: '放弃', rerun_larger: '扩大样本重做', continue: '继续运行' };

/** "假设成立 / 不成立 / 还不能判断" with the decisive interval. */
export function hypothesisLine(r: ExperimentReport): string {
  const a = r.analysis;
  if (!a) return '主指标没有按群的数据：无法检验';
  const c = a.comparisons.find((x) => x.arm === a.decisive) ?? a.comparisons[0];
  const interval = c ? `「${c.arm}」−「${a.arms[0]!.arm}」= ${diffText(r.strategy.primaryMetric, c.difference)}，95% 区间 [${diffText(r.strategy.primaryMetric, c.ci[0])}, ${diffText(r.strategy.primaryMetric, c.ci[1])}]，p = ${c.p.toFixed(3)}` : '';
  const head = r.met === true ? '假设成立' : r.met === false ? '假设不成立' : '还不能判断';
  return `${head}（${VERDICT_NAMES[a.verdict]}）${interval ? `：${interval}` : ''}`;
}

export const period = (r: ExperimentReport) => `${shanghaiDay(r.window.start)} 至 ${shanghaiDay(r.window.end)}`;

/** /实验 状态: per arm groups, residents, exposures and the primary metric with its interval; then the warnings. */
export function statusText(r: ExperimentReport, now: number): string {
  const m = r.strategy.primaryMetric;
  const lines = [
    `🧪 实验「${r.strategy.name}」${r.experiment.status === 'running' ? '进行中' : '已结束'}（${period(r)}，计划到 ${shanghaiDay(r.experiment.plannedEndAt)}${now >= r.experiment.plannedEndAt ? '，已到计划结束' : ''}）`,
    `假设：${r.experiment.hypothesis}`,
    `主指标：${metricLabel(m)}（按群计算，每群一个观测）`,
  ];
  r.arms.forEach((arm, i) => {
    const s = r.analysis?.arms[i];
    const ci = s && s.groups >= 2 ? `，95% 区间 [${metricText(m, s.ci[0])}, ${metricText(m, s.ci[1])}]` : '';
    lines.push(`· ${arm.arm.name}${i === 0 ? '（对照）' : ''}：${arm.groups.length} 个群、${arm.members} 人、曝光 ${arm.exposures} 次；${metricLabel(m)} ${metricText(m, s?.mean)}${ci}`);
  });
  if (r.analysis) {
    for (const w of r.analysis.warnings) lines.push(`⚠️ ${w}`);
    lines.push(`结论：${hypothesisLine(r)}`);
  } else {
    lines.push('⚠️ 主指标没有按群的数据，无法分析');
  }
  return lines.join('\n');
}

/** The short chat summary that comes with the review file. */
export function reviewSummary(r: ExperimentReport): string {
  return [
    `📋 实验复盘「${r.strategy.name}」（${period(r)}）`,
    `假设验证：${hypothesisLine(r)}`,
    `策略迭代：${NEXT_NAMES[r.next]}——${r.nextText}`,
  ].join('\n');
}
