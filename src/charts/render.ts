// The rendering pipeline shared by every chart: an ECharts option → SVG (server-side, no DOM) → PNG (resvg).
import { createRequire } from 'node:module';
import type { EChartsOption } from 'echarts';
import { FONT_FAMILY, fontOptionsFor } from './fonts.js';
import { COLORS } from './theme.js';

// ECharts and resvg take about a second to load; they are required on the first image, not when the bot starts.
const require = createRequire(import.meta.url);
let echartsLib: typeof import('echarts') | undefined;
let resvgLib: typeof import('@resvg/resvg-js') | undefined;
const echarts = () => (echartsLib ??= require('echarts') as typeof import('echarts'));
const resvg = () => (resvgLib ??= require('@resvg/resvg-js') as typeof import('@resvg/resvg-js'));

export interface Size { width: number; height: number }

/** Renders an ECharts option to an SVG string; animation is off and the chart font is set for every text. */
export function optionToSvg(option: EChartsOption, size: Size): string {
  const chart = echarts().init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption({ animation: false, backgroundColor: COLORS.page, textStyle: { fontFamily: FONT_FAMILY }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** Rasterises on libuv's thread pool (resvg's async entry), so the bot keeps handling messages meanwhile. */
export async function svgToPng(svg: string): Promise<Buffer> {
  const image = await resvg().renderAsync(svg, { font: fontOptionsFor(svg), background: COLORS.page });
  return image.asPng();
}

/**
 * Rough rendered width of a text in px (CJK and full-width characters 1 em, the rest about 0.6 em; bold a little
 * wider), the same kind of estimate ECharts makes without a canvas. Used to shrink a big number until it fits its box.
 */
export function estimateTextWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const ch of text) em += /[\u2e80-\uffff]/.test(ch) ? 1 : 0.6;
  return em * fontSize * (bold ? 1.05 : 1);
}

/** The largest font size ≤ max (and ≥ min) at which `text` fits `width`. */
export function fitFontSize(text: string, width: number, max: number, min: number, bold = false): number {
  const w = estimateTextWidth(text, max, bold);
  return w <= width ? max : Math.max(min, Math.floor((max * width) / w));
}
