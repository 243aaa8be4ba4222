// The /热力图 image: orders by building × hour of day, or by weekday × hour (the same function, other row labels).
import type { EChartsOption } from 'echarts';
import { FONT_FAMILY } from './fonts.js';
import { fitFontSize, optionToSvg, svgToPng } from './render.js';
import { COLORS } from './theme.js';

export interface HeatmapInput {
  title: string;
  /** Row labels, top to bottom: buildings ('3号楼') or weekdays ('周一'). */
  rows: string[];
  /** Column labels, left to right: hours ('7时' … '22时'). */
  cols: string[];
  /** values[row][col], counts ≥ 0. */
  values: number[][];
}

const W = 1080;
const PAD = 40;
const HEADER_H = 112;
const ROW_H = 52;
const X_LABELS_H = 56;
const SCALE_H = 96;
const FOOTER_H = 24;
const EMPTY_H = 360;
/** Narrower cells than this drop their numbers (the colour still reads). */
const MIN_LABELLED_CELL = 34;
/** Rough width ECharts leaves for the row labels, to estimate the cell width. */
const ROW_LABEL_W = 110;

function check(input: HeatmapInput): void {
  if (input.values.length !== input.rows.length) throw new Error(`heatmap: ${input.rows.length} rows but ${input.values.length} value rows`);
  input.values.forEach((row, r) => {
    if (row.length !== input.cols.length) throw new Error(`heatmap: row ${r} has ${row.length} values for ${input.cols.length} columns`);
    for (const v of row) if (!Number.isFinite(v) || v < 0) throw new Error(`heatmap: row ${r} has a value that is not a count ≥ 0: ${v}`);
  });
}

export function renderHeatmapSvg(input: HeatmapInput): string {
  check(input);
  const max = Math.max(0, ...input.values.flat());
  const empty = max === 0;
  const gridTop = HEADER_H + 36;
  // containLabel: the grid box holds the hour labels below the cells too.
  const gridH = input.rows.length * ROW_H + X_LABELS_H;
  const height = empty ? HEADER_H + EMPTY_H : gridTop + gridH + SCALE_H + FOOTER_H;
  const header = [
    { type: 'rect', silent: true, shape: { x: 0, y: 0, width: W, height: HEADER_H }, style: { fill: COLORS.header } },
    {
      type: 'text', x: PAD, y: HEADER_H / 2, silent: true,
      style: {
        text: input.title, fontFamily: FONT_FAMILY, fontSize: fitFontSize(input.title, W - 2 * PAD, 44, 26, true),
        fontWeight: 'bold', fill: COLORS.headerText, verticalAlign: 'middle',
      },
    },
  ];
  if (empty) {
    const note = {
      type: 'text', x: W / 2, y: HEADER_H + EMPTY_H / 2, silent: true,
      style: { text: '暂无数据', fontFamily: FONT_FAMILY, fontSize: 36, fill: COLORS.faint, align: 'center', verticalAlign: 'middle' },
    };
    return optionToSvg({ graphic: { elements: [...header, note] as never } }, { width: W, height });
  }
  const cellW = (W - 2 * PAD - ROW_LABEL_W) / input.cols.length;
  const axisText = { fontSize: 22, color: COLORS.muted };
  const option: EChartsOption = {
    graphic: { elements: header as never },
    grid: { left: PAD, right: PAD, top: gridTop, height: gridH, containLabel: true },
    xAxis: { type: 'category', data: input.cols, position: 'bottom', axisLabel: { ...axisText, fontSize: 20, hideOverlap: true }, axisTick: { show: false }, axisLine: { show: false }, splitArea: { show: false } },
    yAxis: { type: 'category', data: input.rows, inverse: true, axisLabel: axisText, axisTick: { show: false }, axisLine: { show: false } },
    visualMap: {
      type: 'continuous', min: 0, max, orient: 'horizontal', left: 'center', top: gridTop + gridH + 28,
      itemWidth: 22, itemHeight: 420, text: [`多 (${max})`, '少 (0)'], textGap: 16, textStyle: { fontSize: 22, color: COLORS.muted },
      inRange: { color: [...COLORS.heat] }, calculable: false,
    },
    series: [{
      type: 'heatmap',
      // Numbers in white on the dark end of the scale, dark on the light end.
      data: input.values.flatMap((row, r) => row.map((v, c) => ({ value: [c, r, v], label: { color: v > max * 0.55 ? '#ffffff' : COLORS.text } }))),
      itemStyle: { borderColor: COLORS.page, borderWidth: 3, borderRadius: 4 },
      label: {
        show: cellW >= MIN_LABELLED_CELL, fontSize: cellW >= 50 ? 20 : 16,
        formatter: (p: { value?: unknown }) => { const v = (p.value as number[])[2]; return v ? String(v) : ''; },
      },
    }],
  };
  return optionToSvg(option, { width: W, height });
}

/** The heat map as a PNG, 1080 px wide, one row per building (or weekday). */
export function renderHeatmapPng(input: HeatmapInput): Promise<Buffer> {
  return svgToPng(renderHeatmapSvg(input));
}
