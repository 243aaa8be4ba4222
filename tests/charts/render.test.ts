// The chart images are real PNGs with Chinese drawn in the packaged font: decoded with pngjs and read pixel by pixel.
import { beforeAll, describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import {
  renderDashboardPng, renderDashboardSvg, renderHeatmapPng, renderHeatmapSvg,
  type DashboardFigure, type DashboardInput,
} from '../../src/charts/index.js';

type Image = ReturnType<typeof PNG.sync.read>;
type Rgba = [number, number, number, number];

const px = (img: Image, x: number, y: number): Rgba => {
  const i = (y * img.width + x) * 4;
  return [img.data[i], img.data[i + 1], img.data[i + 2], img.data[i + 3]];
};

/** Pixels (x, y) of `img` in the box [x0, x1) × [y0, y1) that satisfy `pred`. */
function pixels(img: Image, pred: (p: Rgba, x: number, y: number) => boolean, box = { x0: 0, y0: 0, x1: img.width, y1: img.height }) {
  const hits: { x: number; y: number }[] = [];
  for (let y = box.y0; y < box.y1; y++) for (let x = box.x0; x < box.x1; x++) if (pred(px(img, x, y), x, y)) hits.push({ x, y });
  return hits;
}

const differs = (a: Image, b: Image) => (p: Rgba, x: number, y: number) => px(b, x, y).some((v, i) => Math.abs(v - p[i]) > 40);
const strongRed = ([r, g, b]: Rgba) => r > 180 && g < 90 && b < 90;

const figure = (key: string, label: string, display: string, extra: Partial<DashboardFigure> = {}): DashboardFigure => ({
  key, label, display, change: 'up', better: 'up', missed: false, targetLabel: '', ...extra,
});

function dashboardInput(over: Partial<DashboardInput> = {}): DashboardInput {
  const dates = ['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06', '2026-12-07'];
  return {
    communityName: '幸福里小区',
    periodLabel: '近7天 12月1日–12月7日',
    figures: [
      figure('silent_share', '沉默成员占比', '11.2%', { better: 'down', change: 'down', targetLabel: '目标 < 8%' }),
      figure('nps', '推荐度 NPS', '46', { targetLabel: '目标 > 40' }),
      figure('orders_per_group_day', '每群每日订单', '17.4', { change: 'flat', targetLabel: '目标 > 15' }),
      figure('sku_sell_through', '动销率', '88.0%', { change: null, targetLabel: '目标 > 85%' }),
      figure('avg_order_value_fen', '客单价', '¥38.20', { change: 'down' }),
      figure('complaint_handling_hours', '投诉处理时长', '5.5小时', { better: 'down', change: 'down', targetLabel: '目标 < 48小时' }),
    ],
    trend: { dates, orders: [40, 54, 45, 59, 50, 41, 55], gmvFen: [140_000, 210_000, 190_000, 225_000, 205_000, 150_000, 226_000] },
    ...over,
  };
}

describe('dashboard image', () => {
  const ok = dashboardInput();
  let okPng: Image;
  beforeAll(async () => { okPng = PNG.sync.read(await renderDashboardPng(ok)); });

  it('is a phone-width PNG tall enough for the tiles and the trend chart', () => {
    expect(okPng.width).toBe(1080);
    expect(okPng.height).toBeGreaterThan(1080);
    expect(okPng.height).toBeLessThan(2400);
  });

  it('draws a missed target red in its own tile, and only there', async () => {
    const missed = dashboardInput({ figures: ok.figures.map((f, i) => (i === 0 ? { ...f, missed: true } : f)) });
    const img = PNG.sync.read(await renderDashboardPng(missed));
    const newlyRed = pixels(img, (p, x, y) => strongRed(p) && !strongRed(px(okPng, x, y)));
    // '11.2%' in bold 56 px is several thousand pixels; a red outline or a stray pixel would be far fewer.
    expect(newlyRed.length).toBeGreaterThan(1500);
    // Figure 0 is the first tile: left column, first row (below the 168 px header).
    expect(Math.max(...newlyRed.map((p) => p.x))).toBeLessThan(1080 / 3);
    expect(Math.min(...newlyRed.map((p) => p.y))).toBeGreaterThan(168);
    expect(Math.max(...newlyRed.map((p) => p.y))).toBeLessThan(168 + 32 + 176);
  });

  it('draws the Chinese name with real glyphs: another name of the same length changes the header and nothing else', async () => {
    // Missing glyphs would draw nothing or identical boxes for both names; distinct glyphs differ in many pixels.
    const other = PNG.sync.read(await renderDashboardPng(dashboardInput({ communityName: '阳光花园区' })));
    const header = { x0: 0, y0: 0, x1: 1080, y1: 100 };
    expect(pixels(other, differs(other, okPng), header).length).toBeGreaterThan(3000);
    expect(pixels(other, differs(other, okPng), { x0: 0, y0: 100, x1: 1080, y1: other.height })).toEqual([]);
  });

  it('renders an empty trend as 暂无数据, in a shorter image', async () => {
    const empty = dashboardInput({ trend: { dates: [], orders: [], gmvFen: [] } });
    const svg = renderDashboardSvg(empty);
    expect(svg).toContain('暂无数据');
    expect(renderDashboardSvg(ok)).not.toContain('暂无数据');
    const img = PNG.sync.read(await renderDashboardPng(empty));
    expect(img.width).toBe(1080);
    expect(img.height).toBeLessThan(okPng.height);
  });

  it('refuses a trend whose series are not one value per date', () => {
    expect(() => renderDashboardSvg(dashboardInput({ trend: { dates: ['2026-12-01'], orders: [1, 2], gmvFen: [100] } })))
      .toThrow(/1 dates but 2 order counts/);
  });
});

describe('heat map image', () => {
  const hours = Array.from({ length: 16 }, (_, i) => `${i + 7}时`);
  // One cell holds the maximum (darkest colour #990000), every other cell is lower.
  const grid = (rows: number, peak: [number, number]) =>
    Array.from({ length: rows }, (_, r) => hours.map((_, c) => (r === peak[0] && c === peak[1] ? 30 : (r + c) % 5)));
  const darkest = ([r, g, b]: Rgba) => r === 0x99 && g === 0 && b === 0;

  it('draws buildings × hours with the busiest cell in the darkest colour, and the weekday variant taller', async () => {
    const buildings = PNG.sync.read(await renderHeatmapPng({
      title: '近30天订单热力图（楼栋×时段）', rows: ['1号楼', '2号楼', '3号楼', '5号楼', '海棠苑6栋'], cols: hours, values: grid(5, [2, 11]),
    }));
    const weekdays = PNG.sync.read(await renderHeatmapPng({
      title: '近30天订单热力图（星期×时段）', rows: ['周一', '周二', '周三', '周四', '周五', '周六', '周日'], cols: hours, values: grid(7, [5, 4]),
    }));
    expect(buildings.width).toBe(1080);
    expect(weekdays.width).toBe(1080);
    expect(weekdays.height).toBeGreaterThan(buildings.height);
    for (const img of [buildings, weekdays]) {
      const dark = pixels(img, darkest);
      // One cell of about 50 × 46 px, minus its number: more than a legend sliver, less than two cells.
      expect(dark.length).toBeGreaterThan(1000);
      expect(Math.max(...dark.map((p) => p.x)) - Math.min(...dark.map((p) => p.x))).toBeLessThan(70);
    }
    // The weekday peak is further down (row 5 of 7) and further left (column 4 of 16) than the building peak.
    const firstDark = (img: Image) => pixels(img, darkest)[0];
    expect(firstDark(weekdays).y).toBeGreaterThan(firstDark(buildings).y);
    expect(firstDark(weekdays).x).toBeLessThan(firstDark(buildings).x);
  });

  it('says 暂无数据 when there are no orders, and refuses ragged input', () => {
    expect(renderHeatmapSvg({ title: '热力图', rows: ['1号楼'], cols: hours, values: [hours.map(() => 0)] })).toContain('暂无数据');
    expect(() => renderHeatmapSvg({ title: '热力图', rows: ['1号楼', '2号楼'], cols: hours, values: [hours.map(() => 1)] }))
      .toThrow(/2 rows but 1 value rows/);
  });
});
