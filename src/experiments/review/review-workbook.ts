// The review file of /实验 复盘 (实验复盘模板): three sheets 假设验证, 数据解读, 策略迭代.
import ExcelJS from 'exceljs';
import { shanghaiDay } from '../../time.js';
import { SEQUENTIAL_RULE } from '../analysis.js';
import type { ExperimentReport } from './review.js';
import { NEXT_NAMES, VERDICT_NAMES, diffText, hypothesisLine, metricLabel, metricText, period } from './review-text.js';

export const REVIEW_SHEETS = { hypothesis: '假设验证', data: '数据解读', next: '策略迭代' } as const;

function twoColumns(sheet: ExcelJS.Worksheet, rows: [string, string | number][]): void {
  sheet.columns = [{ header: '项目', key: 'k', width: 18 }, { header: '内容', key: 'v', width: 90 }];
  for (const [k, v] of rows) sheet.addRow({ k, v });
  sheet.getRow(1).font = { bold: true };
  sheet.getColumn('v').alignment = { wrapText: true, vertical: 'top' };
}

export function reviewWorkbook(r: ExperimentReport, createdAt: number): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.created = new Date(createdAt);
  const m = r.strategy.primaryMetric;
  const a = r.analysis;

  twoColumns(wb.addWorksheet(REVIEW_SHEETS.hypothesis), [
    ['实验', r.strategy.name],
    ['假设（开始时登记）', r.experiment.hypothesis],
    ['改的设置', r.strategy.setting],
    ['组别', r.arms.map((x, i) => `${x.arm.name}${i === 0 ? '（对照）' : ''}`).join('、')],
    ['主指标', metricLabel(m)],
    ['计划效应', `${r.strategy.plannedEffect > 0 ? '+' : ''}${Math.round(r.strategy.plannedEffect * 100)}%（按对照组基线 ${metricText(m, r.baseline)} 即 ${diffText(m, r.plannedEffect)}）`],
    ['实验期', `${period(r)}（计划 ${r.strategy.durationDays} 天，到 ${shanghaiDay(r.experiment.plannedEndAt)}）`],
    ['随机种子', r.experiment.seed],
    ['检验方法', `按群的 Welch t 检验（每群一个观测），α = ${a?.alpha ?? 0.05}；提前结论规则：${SEQUENTIAL_RULE}`],
    ['结论', a ? VERDICT_NAMES[a.verdict] : '无法检验'],
    ['假设是否成立', hypothesisLine(r)],
    ['警告', a?.warnings.join('\n') || '无'],
  ]);

  const data = wb.addWorksheet(REVIEW_SHEETS.data);
  data.columns = [
    { header: '部分', key: 'part', width: 12 }, { header: '组别', key: 'arm', width: 14 }, { header: '群', key: 'group', width: 22 },
    { header: '人数', key: 'size', width: 8 }, { header: '指标', key: 'metric', width: 22 }, { header: '数值', key: 'value', width: 14 },
    { header: '与对照的差（95% 区间）', key: 'diff', width: 44 }, { header: '曝光次数', key: 'exposures', width: 10 },
  ];
  data.getRow(1).font = { bold: true };
  r.arms.forEach((arm, i) => {
    const s = a?.arms[i];
    const c = i > 0 ? a?.comparisons[i - 1] : undefined;
    data.addRow({
      part: '组别', arm: arm.arm.name, group: `${arm.groups.length} 个群`, size: arm.members, metric: metricLabel(m), value: metricText(m, s?.mean),
      diff: c ? `${diffText(m, c.difference)} [${diffText(m, c.ci[0])}, ${diffText(m, c.ci[1])}]，p = ${c.p.toFixed(3)}` : i === 0 ? '对照' : '—',
      exposures: arm.exposures,
    });
  });
  for (const arm of r.arms) {
    for (const g of arm.groups) data.addRow({ part: '每个群', arm: arm.arm.name, group: g.topic, size: g.size, metric: metricLabel(m), value: metricText(m, g.primary) });
  }
  for (const gr of r.guardrails) {
    r.arms.forEach((arm, i) => {
      const d = i > 0 ? gr.differences[i - 1] : null;
      data.addRow({
        part: '护栏指标', arm: arm.arm.name, metric: gr.label, value: gr.available ? metricText(gr.metric, gr.means[i]) : '没有按群的数据',
        diff: d ? `${diffText(gr.metric, d.difference)} [${diffText(gr.metric, d.ci[0])}, ${diffText(gr.metric, d.ci[1])}]，p = ${d.p.toFixed(3)}` : i === 0 ? '对照' : '—',
      });
    });
  }
  for (const seg of r.segments) {
    r.arms.forEach((arm, i) => data.addRow({ part: '分群', arm: arm.arm.name, group: `${seg.segment}：${seg.groups[i]} 个群`, metric: metricLabel(m), value: metricText(m, seg.means[i]) }));
  }

  twoColumns(wb.addWorksheet(REVIEW_SHEETS.next), [
    ['下一步', NEXT_NAMES[r.next]],
    ['理由', r.nextText],
    ['护栏', r.guardrails.map((g) => `${g.label}：${g.available ? r.arms.map((arm, i) => `${arm.arm.name} ${metricText(g.metric, g.means[i])}`).join('，') : '没有按群的数据'}`).join('\n') || '无'],
  ]);
  return wb;
}
