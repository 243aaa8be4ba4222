// A small community's November through the real bot (mock puppet, real SQLite, the clock set per event), then
// every figure of computeMetrics and of `lintuan metrics --json` against numbers worked out by hand below.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';
import { computeMetrics } from '../../src/metrics/compute.js';
import { METRIC_KEYS, METRIC_DEFINITIONS } from '../../src/metrics/definitions.js';
import { previousRange } from '../../src/metrics/period.js';
import { dailyTrend } from '../../src/metrics/trend.js';
import { runNightly } from '../../src/growth/nightly.js';
import { recordMembership } from '../../src/growth/members.js';
import { groupByRoomId } from '../../src/community/communities.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin/lintuan.js');
const at = (shanghai: string) => Date.parse(`${shanghai}:00+08:00`);

let h: Harness | undefined;
afterEach(async () => { await h?.stop(); h = undefined; });

/** Plays the month; returns the harness (stopped by afterEach). */
async function playNovember(): Promise<Harness> {
  let clock = at('2026-10-25T09:00'); // seeded a week before the range: the demo residents are not new in it
  h = await startHarness({ now: () => clock });
  const harness = h;
  const when = (t: string) => { clock = at(t); };
  const say = async (t: string, who: string, text: string) => { when(t); return harness.say(who, text); };

  await say('2026-10-31T20:00', '团长', '/截单'); // the demo session ends before November: not on sale in it
  await say('2026-11-02T10:00', '团长', '/开团 十一月上半月 11-15 20:00 苹果 草莓 鸡蛋 牛奶');
  await say('2026-11-03T10:00', '张姐', '苹果2斤'); //                        #1 1200 fen, 1 line
  await say('2026-11-05T10:00', '李叔', '草莓1盒 鸡蛋1盒'); //                  #2 2500 + 1800 = 4300, 2 lines
  await say('2026-11-06T10:00', '李叔', '上次买的草莓都坏了，好几个烂的'); //    ticket A opened
  const ticketA = harness.store.sqlite.prepare('SELECT max(id) AS id FROM tickets').get() as { id: number };
  await say('2026-11-07T16:00', '团长', `/补偿 ${ticketA.id} 退款 5`); //        resolved after 30 h
  when('2026-11-10T03:00'); runNightly(harness.app, clock); //                   stock snapshot 1
  await say('2026-11-10T10:00', '王妈', '鸡蛋2盒'); //                          #3, 1 line …
  await say('2026-11-10T11:00', '王妈', '取消鸡蛋'); //                         … cancelled
  await say('2026-11-12T09:00', '团长', '/报损 苹果 2 变质'); //                 write-off 2 × 600 = 1200 fen
  await say('2026-11-16T09:00', '团长', '/开团 十一月下半月 11-30 20:00 苹果 草莓 鸡蛋 牛奶 香蕉');
  await say('2026-11-17T10:00', '团长', '/库存 草莓 1');
  await say('2026-11-17T11:00', '小赵', '草莓2盒'); //                          refused: 1 line short, no order
  await say('2026-11-17T12:00', '张姐', '草莓2盒 苹果1斤'); //                   #4 苹果 600 placed, 草莓 cut; 2 lines asked
  await say('2026-11-18T10:00', '李叔', '鸡蛋1盒'); //                          #5 1800
  when('2026-11-20T03:00'); runNightly(harness.app, clock); //                   stock snapshot 2
  await say('2026-11-20T09:00', '小周', '大家好，新来的'); //                    new member, joins 11-20 09:00
  await say('2026-11-20T10:00', '张姐', '苹果有虫，不新鲜'); //                  ticket B opened
  const ticketB = harness.store.sqlite.prepare('SELECT max(id) AS id FROM tickets').get() as { id: number };
  await say('2026-11-20T22:00', '团长', `/补偿 ${ticketB.id} 退款 3`); //        resolved after 12 h
  // 小吴 is added to the group (a room join) and never says a word.
  when('2026-11-21T10:00');
  recordMembership(harness.store, {
    communityId: harness.communityId, groupId: groupByRoomId(harness.store, harness.world.main.id)!.id,
    contactId: 't-小吴', nickname: '小吴', kind: 'join',
  }, clock);
  await say('2026-11-22T10:00', '小郑', '请问明天有团吗'); //                   new member, joins 11-22 10:00
  await say('2026-11-24T10:00', '张姐', '苹果3斤'); //                          #6 1800
  await say('2026-11-25T10:00', '小周', '草莓1盒'); //                          #7 2500 (the last 草莓), 5 days after joining
  await say('2026-11-26T10:00', '团长', '/NPS');
  await say('2026-11-26T11:00', '张姐', '10分');
  await say('2026-11-26T12:00', '李叔', '6分');
  await say('2026-11-26T13:00', '王妈', '9分');
  when('2026-11-27T09:00'); await harness.sayPrivately('王妈', '7 分'); //     her latest answer counts: passive
  await say('2026-11-27T10:00', '小赵', '给9分');
  await say('2026-11-30T10:00', '小郑', '苹果1斤'); //                          #8 600, 8 days after joining
  return harness;
}

// Worked out by hand from the script above (range 2026-11-01..2026-11-30, 30 days; complete weeks 11-16..22, 11-23..29).
const EXPECTED = {
  // Latest answers: 张姐 10, 李叔 6, 王妈 7, 小赵 9 → promoters 2, detractors 1 of 4: (2 − 1) / 4 × 100.
  nps: 25,
  // Residents at the end: 张姐 李叔 王妈 小赵 小周 小吴 小郑 = 7; only 小吴 never spoke nor ordered: 1 / 7.
  silent_share: 0.1429,
  // Live orders #1 #2 #4 #5 #6 #7 #8 = 7, over 2 groups (main + 生鲜) × 30 days: 7 / 60 = 0.1167.
  orders_per_group_day: 0.12,
  // Residents with a live order: 张姐 李叔 小周 小郑 = 4 (王妈 cancelled, 小赵 was refused), 1 leader.
  leader_capacity: 4,
  // On sale in November: 苹果 草莓 鸡蛋 牛奶 香蕉 (the demo session closed on 10-31); sold: 苹果 草莓 鸡蛋 → 3 / 5.
  sku_sell_through: 0.6,
  // Demo stock value at selling prices: 苹果200×600 + 香蕉80×900 + 草莓60×2500 + 牛奶150×650 + 鸡蛋100×1800 + 五花肉50×1980
  // + 西红柿120×450 + 大米40×5990 + 纸尿裤30×8900 + 青团40×2200 = 1,367,100. Snapshot 11-10: − #1 1200 − #2 4300 = 1,361,600.
  // Snapshot 11-20: − 报损 1200 − 草莓 59→1 (58×2500 = 145,000) − #4 600 − #5 1800 = 1,213,000 (#3 gave its eggs back).
  // Average 1,287,300 ÷ (GMV 12,800 ÷ 30 days) = 3017.109…
  stock_turnover_days: 3017.11,
  // Week 11-16..22 buyers: 张姐 (#4), 李叔 (#5); again in 11-23..29: 张姐 (#6) → 1 / 2.
  next_week_repurchase: 0.5,
  // GMV 1200 + 4300 + 600 + 1800 + 1800 + 2500 + 600 = 12,800 over 7 orders = 1828.57.
  avg_order_value_fen: 1829,
  // Week 11-16..22: (600 + 1800) / 2 = 1200; week 11-23..29: (1800 + 2500) / 2 = 2150; (2150 − 1200) / 1200 = 0.79166…
  aov_change: 0.7917,
  // Short lines: 小赵's 草莓 (refused) + 张姐's 草莓 (cut) = 2; asked: #1 1 + #2 2 + #3 1 + #4 2 + #5 1 + #6 1 + #7 1 + #8 1 = 10,
  // plus the refused message's 1 line = 11 → 2 / 11 = 0.1818.
  stockout_rate: 0.1818,
  // Written off 1200 fen over GMV 12,800 = 0.09375.
  loss_rate: 0.0938,
  // Joined in November: 小周 (ordered after 5 days), 小吴 (never), 小郑 (after 8 days) → 1 / 3.
  first_order_conversion: 0.3333,
  // Ticket A 30 h, ticket B 12 h → (30 + 12) / 2.
  complaint_handling_hours: 21,
  orders: 7,
  gmv_fen: 12_800,
  new_members: 3,
  // Buyers in the last 30 days: 张姐 3 orders, 李叔 2, 小周 1, 小郑 1 → 2 of 4 ordered again.
  repurchase_30d: 0.5,
};

describe('computeMetrics over a month played through the bot', () => {
  it('gives every figure as computed by hand, and the CLI prints the same', async () => {
    const harness = await playNovember();
    const range = { communityId: harness.communityId, from: '2026-11-01', to: '2026-11-30' };
    const m = computeMetrics(harness.store, range, at('2026-12-01T09:00'));
    expect(Object.keys(m).sort()).toEqual([...METRIC_KEYS].sort());
    expect(m).toEqual(EXPECTED);

    // Default range: the 30 days ending today by `now` (the same November here).
    expect(computeMetrics(harness.store, { communityId: harness.communityId }, at('2026-11-30T23:00'))).toEqual(EXPECTED);

    // The trend adds up to the same orders and GMV, one entry per day.
    const trend = dailyTrend(harness.store, harness.communityId, range);
    expect(trend).toHaveLength(30);
    expect(trend.find((d) => d.day === '2026-11-05')).toEqual({ day: '2026-11-05', orders: 1, gmvFen: 4300 });
    expect(trend.reduce((s, d) => s + d.orders, 0)).toBe(7);
    expect(trend.reduce((s, d) => s + d.gmvFen, 0)).toBe(12_800);
    expect(previousRange(range)).toEqual({ from: '2026-10-02', to: '2026-10-31' });

    // October, before anything happened: counts are 0 and the ratios without data are null.
    const october = computeMetrics(harness.store, { communityId: harness.communityId, ...previousRange(range) }, at('2026-12-01T09:00'));
    expect(october).toMatchObject({ orders: 0, gmv_fen: 0, nps: null, avg_order_value_fen: null, loss_rate: null, stockout_rate: null, complaint_handling_hours: null });

    const dbPath = harness.dbPath;
    await harness.stop();
    h = undefined;
    const res = spawnSync(process.execPath, [BIN, 'metrics', '--community', '阳光小区', '--from', '2026-11-01', '--to', '2026-11-30', '--json'], {
      cwd: ROOT, env: { ...process.env, DATABASE_PATH: dbPath, LOG_LEVEL: 'silent' }, encoding: 'utf8', timeout: 60_000,
    });
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    expect(JSON.parse(res.stdout)).toEqual(EXPECTED);

    const table = spawnSync(process.execPath, [BIN, 'metrics', '--community', '阳光小区', '--from', '2026-11-01', '--to', '2026-11-30'], {
      cwd: ROOT, env: { ...process.env, DATABASE_PATH: dbPath, LOG_LEVEL: 'silent' }, encoding: 'utf8', timeout: 60_000,
    });
    expect(table.status).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('「阳光小区」2026-11-01 至 2026-11-30');
    expect(lines).toHaveLength(1 + METRIC_DEFINITIONS.length);
    expect(lines.find((l) => l.startsWith('NPS 净推荐值'))).toMatch(/25\s+目标 ≥ 40\s+✗$/);
    expect(lines.find((l) => l.startsWith('投诉处理时长'))).toMatch(/21 小时\s+目标 ≤ 48 小时\s+✓$/);
    expect(lines.find((l) => l.startsWith('断货率'))).toMatch(/18\.2%\s+目标 ≤ 5%\s+✗$/);
  }, 120_000);
});
