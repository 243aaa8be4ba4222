// `npm run bench:charts`: time per chart image (ECharts SSR → SVG, then resvg → PNG), beside a floor measured in the
// same run: resvg turning a blank SVG of the same size into a PNG with the same fonts (loading the two Noto Sans SC
// files and encoding the PNG, the cost every image pays whatever it draws).
// `--out DIR` also writes the sample images there, to look at.
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { renderDashboardSvg, renderHeatmapSvg, type DashboardFigure, type DashboardInput, type HeatmapInput } from '../src/charts/index.js';
import { svgToPng } from '../src/charts/render.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const outIdx = process.argv.indexOf('--out');
const outDir = outIdx > 0 ? process.argv[outIdx + 1] : null;

const fig = (key: string, label: string, display: string, change: DashboardFigure['change'], better: 'up' | 'down', missed: boolean, targetLabel: string): DashboardFigure =>
  ({ key, label, display, change, better, missed, targetLabel });
const figures: DashboardFigure[] = [
  fig('nps', '推荐度 NPS', '46', 'up', 'up', false, '目标 > 40'),
  fig('silent_share', '沉默成员占比', '11.2%', 'up', 'down', true, '目标 < 8%'),
  fig('orders_per_group_day', '每群每日订单', '17.4', 'down', 'up', false, '目标 > 15'),
  fig('leader_capacity', '每位团长服务人数', '9.3', 'flat', 'down', false, '最佳 8'),
  fig('sku_sell_through', '动销率', '88.0%', 'up', 'up', false, '目标 > 85%'),
  fig('stock_turnover_days', '库存周转天数', '8.6天', 'down', 'down', true, '目标 < 7天'),
  fig('next_week_repurchase', '次周复购率', '52.3%', 'down', 'up', false, ''),
  fig('avg_order_value_fen', '客单价', '¥38.20', 'up', 'up', false, ''),
  fig('stockout_rate', '断货率', '3.1%', 'down', 'down', false, '目标 < 5%'),
  fig('loss_rate', '损耗率', '1.6%', 'up', 'down', true, '目标 ≤ 1.2%'),
  fig('first_order_conversion', '首单转化率', '34.0%', null, 'up', false, '参考 31%'),
  fig('complaint_handling_hours', '投诉处理时长', '5.5小时', 'down', 'down', false, '目标 < 48小时'),
];
function dashboard(days: number): DashboardInput {
  const dates = Array.from({ length: days }, (_, i) => `2026-11-${String(i + 1).padStart(2, '0')}`);
  const orders = dates.map((_, i) => 40 + ((i * 37) % 23));
  return {
    communityName: '幸福里小区', periodLabel: days === 7 ? '近7天 11月1日–11月7日' : `近${days}天 11月1日–11月${days}日`, figures,
    trend: { dates, orders, gmvFen: orders.map((o, i) => o * (3500 + ((i * 13) % 9) * 100)) },
  };
}
const hours = Array.from({ length: 16 }, (_, i) => `${i + 7}时`);
const peak = (r: number, c: number) => Math.max(0, Math.round(12 * Math.exp(-((c - 4) ** 2) / 6) + 9 * Math.exp(-((c - 12) ** 2) / 5) - r / 2 + ((r * 7 + c * 3) % 4)));
const buildings = Array.from({ length: 10 }, (_, i) => `${i + 1}号楼`);
const weekdays = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];
const heat = (title: string, rows: string[]): HeatmapInput => ({ title, rows, cols: hours, values: rows.map((_, r) => hours.map((_, c) => peak(r, c))) });

const cases: { name: string; svg: () => string }[] = [
  { name: 'dashboard-7d', svg: () => renderDashboardSvg(dashboard(7)) },
  { name: 'dashboard-30d', svg: () => renderDashboardSvg(dashboard(30)) },
  { name: 'heatmap-buildings', svg: () => renderHeatmapSvg(heat('幸福里小区 · 近30天订单（楼栋×时段）', buildings)) },
  { name: 'heatmap-weekdays', svg: () => renderHeatmapSvg(heat('幸福里小区 · 近30天订单（星期×时段）', weekdays)) },
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const sizeOf = (svg: string) => /width="(\d+)" height="(\d+)"/.exec(svg)!.slice(1).map(Number);

if (outDir) fs.mkdirSync(outDir, { recursive: true });
for (const c of cases) {
  // The first render of an image pays for its new character set's font subset (and, for the first image, for
  // reading the font files and warming ECharts up); later renders of the same text reuse the subset.
  const t0 = performance.now();
  const first = c.svg();
  const png = await svgToPng(first);
  const firstMs = performance.now() - t0;
  if (outDir) fs.writeFileSync(path.join(outDir, `${c.name}.png`), png);
  const [w, h] = sizeOf(first);
  const blank = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><text x="10" y="30">邻团</text></svg>`;
  await svgToPng(blank);
  const svgMs: number[] = [];
  const pngMs: number[] = [];
  const floorMs: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    let t = performance.now();
    const svg = c.svg();
    svgMs.push(performance.now() - t);
    t = performance.now();
    await svgToPng(svg);
    pngMs.push(performance.now() - t);
    t = performance.now();
    await svgToPng(blank);
    floorMs.push(performance.now() - t);
  }
  const total = median(svgMs.map((s, i) => s + pngMs[i]));
  console.log(`${c.name.padEnd(18)} ${w}x${h} png=${(png.length / 1024).toFixed(0)} KB  total=${total.toFixed(0)} ms (svg ${median(svgMs).toFixed(0)} + png ${median(pngMs).toFixed(0)})  floor=${median(floorMs).toFixed(0)} ms  first=${firstMs.toFixed(0)} ms  (median of ${ROUNDS})`);
}
