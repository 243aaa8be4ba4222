// 配送时段建议: the exact slot plan against a brute force over every choice of slots, and /配送 建议 through the mock puppet.
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planSlots } from '../../src/delivery/slots.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { at, fixedClock, history } from './history.js';

/** The best Σ min(window, capacity) over every set of `count` non-overlapping `hours`-long windows in one day. */
function bruteForce(demand: number[], count: number, capacity: number, hours: number): number {
  const gain = (s: number) => Math.min(demand.slice(s, s + hours).reduce((a, b) => a + b, 0), capacity);
  const best = (from: number, left: number): number => {
    if (left === 0) return 0;
    let top = -Infinity;
    for (let s = from; s + hours * left <= 24; s++) top = Math.max(top, gain(s) + best(s + hours, left - 1));
    return top;
  };
  return best(0, count);
}

describe('planSlots', () => {
  it('finds the optimum of a brute force over all slot choices, with a valid plan (fast-check)', () => {
    fc.assert(fc.property(
      fc.array(fc.nat(40), { minLength: 24, maxLength: 24 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 4 }), fc.nat(120),
      (demand, count, hours, capacity) => {
        const plan = planSlots(demand, count, capacity, hours)!;
        expect(plan.covered).toBe(bruteForce(demand, count, capacity, hours));
        expect(plan.total).toBe(demand.reduce((a, b) => a + b, 0));
        expect(plan.slots).toHaveLength(count);
        plan.slots.forEach((s, i) => {
          const inWindow = demand.slice(s.start, s.start + hours).reduce((a, b) => a + b, 0);
          expect(s).toEqual({ start: s.start, hours, demand: inWindow, covered: Math.min(inWindow, capacity) });
          expect(s.start + hours).toBeLessThanOrEqual(24);
          if (i > 0) expect(s.start).toBeGreaterThanOrEqual(plan.slots[i - 1]!.start + hours);
        });
        expect(plan.slots.reduce((a, s) => a + s.covered, 0)).toBe(plan.covered);
      },
    ), { numRuns: 300 });
  });

  it('beats taking the busiest window first', () => {
    // Two 2-hour slots over 0时 3, 1时 4, 2时 4: the busiest window 1–3时 (8) leaves nothing next to it worth having;
    // 0–2时 and 2–4时 cover 7 + 4 = 11.
    const demand = [3, 4, 4, ...new Array(21).fill(0)];
    expect(planSlots(demand, 2, 100, 2)).toMatchObject({ covered: 11, slots: [{ start: 0, demand: 7 }, { start: 2, demand: 4 }] });
  });

  it('returns null when the slots do not fit in a day, and refuses a ragged day', () => {
    expect(planSlots(new Array(24).fill(1), 5, 10, 5)).toBeNull();
    expect(planSlots(new Array(24).fill(1), 4, 10, 6)!.covered).toBe(24);
    expect(() => planSlots([1, 2], 1, 10)).toThrow(/2 hourly values/);
  });
});

describe('/配送 建议', () => {
  let h: Harness;
  beforeEach(async () => { h = await startHarness({ now: fixedClock() }); });
  afterEach(async () => { await h.stop(); });

  /** Over the last 30 days: 60 orders at 18时 (2 a day), 30 at 12时 (1 a day), 15 at 9时 (0.5 a day): 3.5 a day. */
  function placeHistory() {
    const o = history(h);
    const members = ['demo-zhangjie', 'demo-lishu', 'demo-wangma', 'demo-xiaozhao'].map(o.memberId);
    let i = 0;
    const next = () => members[i++ % members.length]!;
    for (let d = 1; d <= 30; d++) {
      o.order(next(), at(d, 18)); o.order(next(), at(d, 18));
      o.order(next(), at(d, 12));
      if (d % 2 === 0) o.order(next(), at(d, 9));
    }
  }

  it('proposes the slots covering the most orders, per day, within the capacity', async () => {
    placeHistory();
    // No company registered: the capacity of one, 15 an hour. 12时 and 18时 cover 1.0 + 2.0 of 3.5 a day = 85.7%.
    const [r] = await h.say('团长', '/配送 建议');
    expect(r!.text).toBe([
      '🚚 建议的 2 个配送时段（近30天 105 单，平均每天 3.5 单；每个时段每天最多送 15 单，还没有登记配送公司，按 1 家 × 每小时 15 单算）：',
      '1. 12:00-13:00　预计每天 1.0 单',
      '2. 18:00-19:00　预计每天 2.0 单',
      '合计每天能送 3.0 单，占全部订单的 85.7%',
      '安排时段：/配送 时段 12:00-13:00',
    ].join('\n'));
    // Capacity 1 a slot: 9时, 12时 and 18时 take 0.5 + 1 + 1 = 2.5 of 3.5 = 71.4%; 18时 has 1.0 a day over.
    const [tight] = await h.say('团长', '/配送 建议 3 1');
    expect(tight!.text.split('\n').slice(1, 5)).toEqual([
      '1. 09:00-10:00　预计每天 0.5 单',
      '2. 12:00-13:00　预计每天 1.0 单',
      '3. 18:00-19:00　预计每天 2.0 单，超出容量 1.0 单',
      '合计每天能送 2.5 单，占全部订单的 71.4%',
    ]);
    expect(tight!.text).toContain('每个时段每天最多送 1 单，按你写的');
  });

  it('takes longer slots and the registered companies into the capacity', async () => {
    placeHistory();
    await h.say('团长', '/配送 公司 1 顺丰同城 13800000000');
    await h.say('团长', '/配送 公司 2 达达 13900000000');
    // 2 companies × 15 × 2 hours = 60 a slot. The earliest of equal windows: 11–13时 and 17–19时, 3.0 of 3.5 a day.
    const [r] = await h.say('团长', '/配送 建议 2 时长 2');
    expect(r!.text).toBe([
      '🚚 建议的 2 个配送时段（近30天 105 单，平均每天 3.5 单；每个时段每天最多送 60 单，2 家配送公司 × 每小时 15 单 × 2 小时）：',
      '1. 11:00-13:00　预计每天 1.0 单',
      '2. 17:00-19:00　预计每天 2.0 单',
      '合计每天能送 3.0 单，占全部订单的 85.7%',
      '安排时段：/配送 时段 11:00-13:00',
    ].join('\n'));
    // 时长3 written together: three 3-hour slots reach 9时, 12时 and 18时, every order.
    const [all] = await h.say('团长', '/配送 建议 3 时长3');
    expect(all!.text).toContain('合计每天能送 3.5 单，占全部订单的 100.0%');
  });

  it('answers bad numbers and no orders in Chinese', async () => {
    const replies = async (t: string) => (await h.say('团长', t)).map((s) => s.text);
    expect(await replies('/配送 建议')).toEqual(['近30天没有订单（已取消的不算），还没法建议配送时段']);
    expect((await replies('/配送 建议 abc'))[0]).toMatch(/^时段个数请写 1 到 12（「abc」不行）/);
    expect((await replies('/配送 建议 0'))[0]).toMatch(/^时段个数请写 1 到 12/);
    expect((await replies('/配送 建议 2 0'))[0]).toMatch(/^容量是每个时段每天最多送多少单，请写 1 到 10000 的整数（「0」不行）/);
    expect((await replies('/配送 建议 2 时长 0'))[0]).toBe('时长请写 1 到 12 小时，例如：/配送 建议 2 时长 2');
    expect((await replies('/配送 建议 5 时长 5'))[0]).toBe('5 个 5 小时的时段一天放不下（最多 24 小时）');
    expect((await replies('/配送 建议 2 3 4'))[0]).toMatch(/^多写了「4」/);
    expect((await h.say('张姐', '/配送 建议')).map((s) => s.text)).toEqual(['「/配送」只有团长可以使用']);
  });
});
