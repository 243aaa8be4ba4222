// 需求热力图: the building × hour and weekday × hour counts against a hand count, and /热力图 through the mock puppet:
// who may ask, the PNG it sends (decoded, its darkest cell found by pixel), and the replies to bad input and no orders.
import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness, type Sent } from '../helpers/harness.js';
import { orderHeat, UNKNOWN_BUILDING } from '../../src/delivery/heat.js';
import { at, DAY, fixedClock, history, START, weekdayOf } from './history.js';

let h: Harness;
beforeEach(async () => { h = await startHarness({ now: fixedClock() }); });
afterEach(async () => { await h.stop(); });

const hours = (cells: Record<number, number>) => Array.from({ length: 24 }, (_, i) => cells[i] ?? 0);

/**
 * The orders of the last 30 days, by hand: 5栋 18时 ×10 (李叔), 3栋 12时 ×4 and 18时 ×2 (张姐), 9栋 9时 ×3 (小赵 with
 * the address 9栋101 on the order), 2栋 20时 ×1 (小赵, an address without a building), 未知楼栋 7时 ×2 (a nickname
 * without one). Not counted: 王妈's cancelled 18时 orders, an order 31 days back, an order in another community.
 */
function placeHistory() {
  const o = history(h);
  const li = o.memberId('demo-lishu');
  const zhang = o.memberId('demo-zhangjie');
  const zhao = o.memberId('demo-xiaozhao');
  const wang = o.memberId('demo-wangma');
  const lu = o.stranger('t-lu', '路人甲');
  const days: Record<string, number[]> = {
    li18: [1, 2, 3, 4, 5, 8, 9, 10, 15, 29], zhang12: [1, 6, 7, 20], zhang18: [2, 13], zhao9: [3, 4, 11], zhao20: [5], lu7: [12, 30],
  };
  for (const d of days.li18!) o.order(li, at(d, 18));
  for (const d of days.zhang12!) o.order(zhang, at(d, 12));
  for (const d of days.zhang18!) o.order(zhang, at(d, 18));
  for (const d of days.zhao9!) o.order(zhao, at(d, 9), { address: '9栋101 王姐' });
  for (const d of days.zhao20!) o.order(zhao, at(d, 20), { address: '小区南门保安亭' });
  for (const d of days.lu7!) o.order(lu, at(d, 7));
  for (const d of [1, 2, 3]) o.order(wang, at(d, 18), { product: '草莓' });
  o.cancel(wang, '草莓', at(0, 0));
  o.order(li, at(31, 18)); // 30 days before START is 11-04 00:30: this one is older
  const other = h.addCommunity('绿城');
  o.stockOther(other.communityId);
  o.order(o.memberId(other.leaderId), at(1, 18), { communityId: other.communityId });
  return days;
}

describe('orderHeat', () => {
  it('counts the last 30 days by building × hour and weekday × hour, as counted by hand', () => {
    const days = placeHistory();
    const heat = orderHeat(h.store, h.communityId, START - 30 * DAY, START);
    expect(heat.total).toBe(22);
    expect(heat.byHour).toEqual(hours({ 7: 2, 9: 3, 12: 4, 18: 12, 20: 1 }));
    expect(heat.buildings).toEqual([
      { label: '2栋', hours: hours({ 20: 1 }) },
      { label: '3栋', hours: hours({ 12: 4, 18: 2 }) },
      { label: '5栋', hours: hours({ 18: 10 }) },
      { label: '9栋', hours: hours({ 9: 3 }) },
      { label: UNKNOWN_BUILDING, hours: hours({ 7: 2 }) },
    ]);
    const weekdays = Array.from({ length: 7 }, () => hours({}));
    const add = (list: number[], hour: number) => { for (const d of list) weekdays[weekdayOf(d)]![hour]++; };
    add(days.li18!, 18); add(days.zhang12!, 12); add(days.zhang18!, 18); add(days.zhao9!, 9); add(days.zhao20!, 20); add(days.lu7!, 7);
    expect(heat.weekdays).toEqual(weekdays);
    // Day 1 before the Friday START is a Thursday: 李叔, 张姐 at 12时 and the other community's order (not counted).
    expect(heat.weekdays[3]![18]).toBe(days.li18!.filter((d) => weekdayOf(d) === 3).length + days.zhang18!.filter((d) => weekdayOf(d) === 3).length);
    // 60 days take the older order in; the window's end is exclusive.
    expect(orderHeat(h.store, h.communityId, START - 60 * DAY, START).total).toBe(23);
    expect(orderHeat(h.store, h.communityId, START - 30 * DAY, at(1, 18)).total).toBe(22 - 1);
  });
});

type Image = ReturnType<typeof PNG.sync.read>;
const rgb = (img: Image, x: number, y: number) => { const i = (y * img.width + x) * 4; return [img.data[i]!, img.data[i + 1]!, img.data[i + 2]!]; };
const darkest = ([r, g, b]: number[]) => r === 0x99 && g === 0 && b === 0;
/** A cell of the heat scale (#fff7ec … #990000): warm, unlike the grey page, the green header and the text. */
const heatColour = ([r, , b]: number[]) => r! > 140 && r! - b! > 12;

/** Runs of heat-coloured pixels along a line: the cells it crosses, split by the cell borders. */
function runs(along: number, length: number, pixel: (i: number) => number[]): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < length; i++) {
    if (!heatColour(pixel(i))) continue;
    const last = out.at(-1);
    if (last && last[1] === i - 1) last[1] = i; else out.push([i, i]);
  }
  return out.filter(([a, b]) => b - a >= 8); // anti-aliased slivers are no cell
}

/** The (row, column) of the cell drawn in the darkest colour, found from the pixels alone. */
function darkestCell(img: Image): { row: number; col: number; cols: number } {
  const dark: { x: number; y: number }[] = [];
  for (let y = 0; y < img.height; y++) for (let x = 0; x < img.width; x++) if (darkest(rgb(img, x, y))) dark.push({ x, y });
  const x0 = Math.min(...dark.map((p) => p.x));
  const y0 = Math.min(...dark.map((p) => p.y));
  // Lines through the top-left part of that cell, clear of its number: across its row, and down its column.
  const across = runs(0, img.width, (x) => rgb(img, x, y0 + 5));
  const down = runs(0, img.height, (y) => rgb(img, x0 + 6, y));
  return {
    col: across.findIndex(([a, b]) => a <= x0 + 6 && x0 + 6 <= b),
    row: down.findIndex(([a, b]) => a <= y0 + 5 && y0 + 5 <= b),
    cols: across.length,
  };
}

async function imageSent(sent: Sent[]): Promise<Image> {
  const files = sent.filter((s) => s.file);
  expect(files).toHaveLength(1);
  expect(files[0]!.conversationId).toBe(h.world.main.id);
  return PNG.sync.read(fs.readFileSync(path.join(h.dir, 'exports', files[0]!.file!)));
}

describe('/热力图', () => {
  it('is for leaders: a resident is refused and nothing is drawn', async () => {
    placeHistory();
    const sent = await h.say('张姐', '/热力图');
    expect(sent).toEqual([{ conversationId: h.world.main.id, text: '「/热力图」只有团长可以使用' }]);
    expect(fs.existsSync(path.join(h.dir, 'exports'))).toBe(false);
  });

  it('sends the building × hour PNG into the group, its darkest cell at 5栋 18时, with the busiest building and hour', async () => {
    placeHistory();
    const sent = await h.say('团长', '/热力图');
    const text = sent.filter((s) => !s.file);
    expect(text.map((s) => s.text)).toEqual([
      '📊 近30天 22 单（不含已取消）：下单最多的楼栋 5栋（10 单），最忙的时段 18–19时（12 单）\n按星期看：/热力图 周 30',
    ]);
    const img = await imageSent(sent);
    // 1080 wide; 5 building rows of 52 px under the header, hour labels, colour scale and footer.
    expect([img.width, img.height]).toEqual([1080, 584]);
    // Rows 2栋 3栋 5栋 9栋 未知楼栋; columns 7时 … 22时 (16): 5栋 is row 2, 18时 is column 11.
    expect(darkestCell(img)).toEqual({ row: 2, col: 11, cols: 16 });
  });

  it('draws weekday × hour with 周: seven rows, the darkest cell on the busiest weekday at 18时', async () => {
    const days = placeHistory();
    const sent = await h.say('团长', '/热力图 周');
    // 18时 by weekday, by hand: 李叔's ten and 张姐's two evenings.
    const at18 = new Array(7).fill(0);
    for (const d of [...days.li18!, ...days.zhang18!]) at18[weekdayOf(d)]++;
    const busiest = at18.indexOf(Math.max(...at18));
    expect(at18.filter((v) => v === at18[busiest])).toHaveLength(1); // a unique darkest cell
    // Orders by weekday over all hours, by hand.
    const total = new Array(7).fill(0);
    for (const d of Object.values(days).flat()) total[weekdayOf(d)]++;
    const top = total.indexOf(Math.max(...total));
    const names = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];
    expect(sent.filter((s) => !s.file).map((s) => s.text)).toEqual([
      `📊 近30天 22 单（不含已取消）：下单最多的是${names[top]}（${total[top]} 单），最忙的时段 18–19时（12 单）`,
    ]);
    const img = await imageSent(sent);
    expect([img.width, img.height]).toEqual([1080, 584 + 2 * 52]);
    expect(darkestCell(img)).toEqual({ row: busiest, col: 11, cols: 16 });
  });

  it('counts the days asked for: 60 days take in the older order', async () => {
    placeHistory();
    const sent = await h.say('团长', '/热力图 60');
    expect(sent.find((s) => !s.file)!.text).toBe(
      '📊 近60天 23 单（不含已取消）：下单最多的楼栋 5栋（11 单），最忙的时段 18–19时（13 单）\n按星期看：/热力图 周 60');
    expect(sent.filter((s) => s.file)).toHaveLength(1);
  });

  it('answers bad input and an empty period in Chinese, with no image', async () => {
    for (const arg of ['abc', '0', '366', '-3', '周 abc']) {
      const sent = await h.say('团长', `/热力图 ${arg}`);
      expect(sent).toHaveLength(1);
      expect(sent[0]!.text).toMatch(/^天数请写 1 到 365 的整数/);
    }
    const [extra] = await h.say('团长', '/热力图 7 8');
    expect(extra!.text).toContain('多写了「8」');
    const none = await h.say('团长', '/heatmap 7');
    expect(none).toEqual([{ conversationId: h.world.main.id, text: '近7天「阳光小区」没有订单（已取消的不算），没有可画的热力图' }]);
    expect(fs.existsSync(path.join(h.dir, 'exports'))).toBe(false);
  });
});
