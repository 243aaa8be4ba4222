// The /看板 image: a header, a grid of headline figure tiles and a trend chart of orders and GMV, one ECharts
// SSR render (the tiles are graphic elements, the trend is an ordinary grid) → PNG. Input is plain data the metrics
// module fills; nothing here reads the store.
import type { EChartsOption } from 'echarts';
import { FONT_FAMILY } from './fonts.js';
import { fitFontSize, optionToSvg, svgToPng } from './render.js';
import { COLORS } from './theme.js';

export interface DashboardFigure {
  key: string;
  label: string;
  /** The value as it should read, already formatted ('42', '7.5%', '¥38.20'). */
  display: string;
  /** Direction against the previous period; null when there is nothing to compare with. */
  change: 'up' | 'down' | 'flat' | null;
  /** Which direction is good for this figure (NPS up, 断货率 down): colours the arrow. */
  better: 'up' | 'down';
  /** The seed target is missed: the value is drawn red. */
  missed: boolean;
  /** The target in words ('目标 > 40'); '' for a figure without one. */
  targetLabel: string;
}

export interface DashboardInput {
  communityName: string;
  /** e.g. '近7天 12月1日–12月7日' */
  periodLabel: string;
  figures: DashboardFigure[];
  /** One entry per day; dates 'YYYY-MM-DD' are shown as 'M/D', anything else as given. */
  trend: { dates: string[]; orders: number[]; gmvFen: number[] };
}

const W = 1080;
const PAD = 40;
const HEADER_H = 168;
const COLS = 3;
const GAP = 20;
const TILE_W = (W - 2 * PAD - (COLS - 1) * GAP) / COLS;
const TILE_H = 176;
const TILE_PAD = 26;
const LEGEND_H = 64;
const TREND_H = 600;
/** Without trend data the card only holds 暂无数据. */
const EMPTY_TREND_H = 300;
const FOOTER_H = 64;
/** The bars carry their numbers when there are few enough days to read them. */
const MAX_LABELLED_DAYS = 10;

// ECharts types graphic elements per kind (rect, text…); these plain objects are passed through as `never` below.
type Graphic = Record<string, unknown>;

const text = (x: number, y: number, style: Record<string, unknown>): Graphic => ({
  type: 'text', x, y, silent: true, style: { fontFamily: FONT_FAMILY, verticalAlign: 'top', ...style },
});

function arrowOf(f: DashboardFigure): { glyph: string; color: string } | null {
  if (f.change === null) return null;
  if (f.change === 'flat') return { glyph: '→', color: COLORS.flat };
  return { glyph: f.change === 'up' ? '↑' : '↓', color: f.change === f.better ? COLORS.good : COLORS.bad };
}

function tile(f: DashboardFigure, x: number, y: number): Graphic[] {
  const arrow = arrowOf(f);
  const inner = TILE_W - 2 * TILE_PAD;
  const valueWidth = inner - (arrow ? 48 : 0);
  const out: Graphic[] = [
    {
      type: 'rect', silent: true, shape: { x, y, width: TILE_W, height: TILE_H, r: 16 },
      style: { fill: f.missed ? COLORS.missedCard : COLORS.card, stroke: f.missed ? COLORS.missedBorder : COLORS.cardBorder, lineWidth: 2 },
    },
    text(x + TILE_PAD, y + 22, { text: f.label, fontSize: 26, fill: COLORS.muted, width: inner, overflow: 'truncate' }),
    text(x + TILE_PAD, y + 62, {
      text: f.display, fontSize: fitFontSize(f.display, valueWidth, 56, 28, true), fontWeight: 'bold',
      fill: f.missed ? COLORS.bad : COLORS.text,
    }),
  ];
  if (arrow) out.push(text(x + TILE_W - TILE_PAD, y + 64, { text: arrow.glyph, fontSize: 46, fontWeight: 'bold', fill: arrow.color, align: 'right' }));
  if (f.targetLabel) {
    out.push(text(x + TILE_PAD, y + TILE_H - 44, {
      text: f.missed ? `${f.targetLabel} · 未达标` : f.targetLabel, fontSize: 22,
      fill: f.missed ? COLORS.bad : COLORS.faint, width: inner, overflow: 'truncate',
    }));
  }
  return out;
}

function dayLabel(date: string): string {
  const m = /^\d{4}-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${Number(m[1])}/${Number(m[2])}` : date;
}

const yuanAxis = (v: number) => (v >= 10_000 ? `${+(v / 10_000).toFixed(1)}万` : String(v));

function trendOption(trend: DashboardInput['trend'], top: number): Pick<EChartsOption, 'grid' | 'legend' | 'xAxis' | 'yAxis' | 'series'> {
  const labelled = trend.dates.length <= MAX_LABELLED_DAYS;
  const axisText = { fontSize: 20, color: COLORS.muted };
  return {
    legend: {
      top: top + 30, right: PAD + 28, itemWidth: 28, itemHeight: 16, itemGap: 28,
      textStyle: { fontSize: 22, color: COLORS.muted }, data: ['订单数', '成交额（元）'],
    },
    grid: { left: PAD + 28, right: PAD + 28, top: top + 120, height: TREND_H - 190, containLabel: true },
    xAxis: {
      type: 'category', data: trend.dates.map(dayLabel),
      axisLabel: { ...axisText, hideOverlap: true }, axisTick: { show: false }, axisLine: { lineStyle: { color: COLORS.cardBorder } },
    },
    yAxis: [
      { type: 'value', name: '订单', nameTextStyle: axisText, axisLabel: axisText, minInterval: 1, splitLine: { lineStyle: { color: '#eef1f4' } } },
      { type: 'value', name: '元', nameTextStyle: axisText, axisLabel: { ...axisText, formatter: yuanAxis }, splitLine: { show: false } },
    ],
    series: [
      {
        name: '订单数', type: 'bar', data: trend.orders, barMaxWidth: 44, itemStyle: { color: COLORS.orders, borderRadius: [6, 6, 0, 0] },
        label: { show: labelled, position: 'top', fontSize: 20, color: COLORS.orders },
      },
      {
        name: '成交额（元）', type: 'line', yAxisIndex: 1, data: trend.gmvFen.map((f) => f / 100),
        lineStyle: { width: 4, color: COLORS.gmv }, itemStyle: { color: COLORS.gmv }, symbol: 'circle', symbolSize: 10,
      },
    ],
  };
}

/** The dashboard as an SVG string (what the PNG is made from). */
export function renderDashboardSvg(input: DashboardInput): string {
  const { dates, orders, gmvFen } = input.trend;
  if (orders.length !== dates.length || gmvFen.length !== dates.length) {
    throw new Error(`dashboard trend: ${dates.length} dates but ${orders.length} order counts and ${gmvFen.length} GMV values`);
  }
  const rows = Math.ceil(input.figures.length / COLS);
  const tilesTop = HEADER_H + 32;
  const legendTop = tilesTop + rows * (TILE_H + GAP);
  const trendTop = legendTop + (rows ? LEGEND_H : 0);
  const trendH = dates.length ? TREND_H : EMPTY_TREND_H;
  const height = trendTop + trendH + FOOTER_H;

  const title = input.communityName ? `${input.communityName} · 运营看板` : '运营看板';
  const graphics: Graphic[] = [
    { type: 'rect', silent: true, shape: { x: 0, y: 0, width: W, height: HEADER_H }, style: { fill: COLORS.header } },
    text(PAD, 36, { text: title, fontSize: fitFontSize(title, W - 2 * PAD, 48, 30, true), fontWeight: 'bold', fill: COLORS.headerText }),
    text(PAD, 106, { text: input.periodLabel, fontSize: 28, fill: COLORS.headerSub }),
  ];
  input.figures.forEach((f, i) => {
    graphics.push(...tile(f, PAD + (i % COLS) * (TILE_W + GAP), tilesTop + Math.floor(i / COLS) * (TILE_H + GAP)));
  });
  if (rows) {
    // Every segment is tagged: untagged rich-text runs fall back to ECharts' 12 px default.
    const run = (fill: string) => ({ fontSize: 22, fill, fontFamily: FONT_FAMILY });
    graphics.push(text(PAD + 4, legendTop + 4, {
      text: '{t|箭头对比上一周期：}{good|绿色}{t|向好，}{bad|红色}{t|变差；}{bad|红色数值}{t|为未达目标}',
      rich: { t: run(COLORS.faint), good: run(COLORS.good), bad: run(COLORS.bad) },
    }));
  }
  graphics.push(
    { type: 'rect', silent: true, shape: { x: PAD, y: trendTop, width: W - 2 * PAD, height: trendH, r: 16 }, style: { fill: COLORS.card, stroke: COLORS.cardBorder, lineWidth: 2 } },
    text(PAD + 28, trendTop + 26, { text: '每日订单与成交额', fontSize: 30, fontWeight: 'bold', fill: COLORS.text }),
    text(W / 2, height - FOOTER_H / 2, { text: '邻团 · 数据看板', fontSize: 20, fill: COLORS.faint, align: 'center', verticalAlign: 'middle' }),
  );
  if (dates.length === 0) {
    graphics.push(text(W / 2, trendTop + 40 + trendH / 2, { text: '暂无数据', fontSize: 36, fill: COLORS.faint, align: 'center', verticalAlign: 'middle' }));
  }
  const option: EChartsOption = { graphic: { elements: graphics as never }, ...(dates.length ? trendOption(input.trend, trendTop) : {}) };
  return optionToSvg(option, { width: W, height });
}

/** The dashboard as a PNG, about 1080 px wide, for posting in the group. */
export function renderDashboardPng(input: DashboardInput): Promise<Buffer> {
  return svgToPng(renderDashboardSvg(input));
}
