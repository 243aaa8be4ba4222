// An experiment end to end through the mock puppet with the simulated clock: /实验 开始 randomises the demo's two
// groups, each group's residents see their arm (成团门槛 in the /开团 notice, the cut-off reminder's copy), the clock
// passes the planned end, /实验 复盘 sends the review file with its three parts. Times are relative to the test clock.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';
import { shanghaiClock, shanghaiDay, startOfShanghaiDay } from '../../src/time.js';
import { findStrategy } from '../../src/experiments/library.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const LEADER = 'demo-leader';
const MAIN = '阳光小区团购群';
const FRESH = '阳光小区生鲜群';

let h: Harness;
afterEach(async () => { await h?.stop(); });
const line = (ms: number) => `${shanghaiDay(ms)} ${shanghaiClock(ms).slice(6)}`;
const rows = <T>(sql: string, ...args: unknown[]) => h.store.sqlite.prepare(sql).all(...args) as T[];
const texts = (sent: { text: string }[]) => sent.map((s) => s.text).join('\n');
/** The arm each group got in the experiment of that strategy. */
const armsByTopic = (strategy: string) => new Map(rows<{ topic: string; arm: string }>(`SELECT gr.topic, g.arm FROM experiment_groups g
  JOIN experiments e ON e.id = g.experiment_id JOIN groups gr ON gr.id = g.group_id WHERE e.strategy = ?`, strategy).map((r) => [r.topic, r.arm]));

describe('/实验 through the bot', () => {
  it('start, residents see their group\'s arm, the planned end passes, 复盘 sends the three-part file', async () => {
    h = await startHarness({ env: { CAMPAIGNS: '1' } });
    const today = startOfShanghaiDay(h.app.now());
    await h.say('团长', '/截单 阳光小区日常团购'); // the demo's always-open session would get reminders of its own
    // Residents seen in their groups: 张姐 and 王妈 in the main group, 李叔 in the fresh-food group.
    await h.say('张姐', '早上好');
    await h.say('王妈', '大家好');
    await h.say('李叔', '今天有什么菜', FRESH);

    const startReplies = await h.say('团长', '/实验 开始 成团门槛');
    const started = texts(startReplies);
    expect(started).toContain('实验「成团门槛」已开始');
    // The assignment goes to the leader privately: residents do not read which arm their group is in.
    expect(startReplies.filter((s) => s.conversationId === h.world.main.id && s.text.includes('随机种子'))).toEqual([]);
    expect(startReplies.filter((s) => s.conversationId === LEADER && s.text.includes('随机种子'))).toHaveLength(1);
    const [exp] = rows<{ id: number; seed: number; starts_at: number; planned_end_at: number; hypothesis: string; status: string }>(
      `SELECT id, seed, starts_at, planned_end_at, hypothesis, status FROM experiments WHERE strategy = '成团门槛'`);
    expect(exp!.hypothesis).toBe(findStrategy('成团门槛')!.hypothesis);
    expect(exp!.planned_end_at - exp!.starts_at).toBe(28 * DAY);
    expect(started).toContain(`随机种子 ${exp!.seed}`);
    const sizes = new Map(rows<{ topic: string; size: number }>(`SELECT gr.topic, g.size FROM experiment_groups g JOIN groups gr ON gr.id = g.group_id WHERE g.experiment_id = ?`, exp!.id).map((r) => [r.topic, r.size]));
    expect(sizes).toEqual(new Map([[MAIN, 2], [FRESH, 1]]));
    const threshold = armsByTopic('成团门槛');
    expect(new Set(threshold.values())).toEqual(new Set(['3人', '5人']));
    expect(texts(await h.say('团长', '/实验 开始 提醒文案'))).toContain('实验「提醒文案」已开始');
    const copy = armsByTopic('提醒文案');
    expect(new Set(copy.values())).toEqual(new Set(['邻居数', '只提时间']));

    // 成团门槛: the notice in each group carries its arm's threshold, and the session keeps it.
    for (const topic of [MAIN, FRESH]) {
      const notice = texts(await h.say('团长', topic === MAIN ? '/开团 主群草莓团 明天20:00 草莓' : '/开团 生鲜香蕉团 明天20:00 香蕉', topic));
      const n = threshold.get(topic) === '3人' ? 3 : 5;
      expect(notice).toContain(`满 ${n} 人下单才成团`);
      expect(notice).not.toContain(`满 ${8 - n} 人`);
    }
    expect(new Map(rows<{ topic: string; min_members: number }>(`SELECT gr.topic, s.min_members FROM sessions s JOIN groups gr ON gr.id = s.group_id WHERE s.title IN ('主群草莓团', '生鲜香蕉团')`)
      .map((r) => [r.topic, r.min_members]))).toEqual(new Map([...threshold].map(([t, a]) => [t, a === '3人' ? 3 : 5])));
    // A threshold the leader writes wins over the arm, and is no exposure.
    expect(texts(await h.say('团长', '/开团 牛奶团 明天21:00 牛奶 成团2人'))).toContain('满 2 人下单才成团');
    await h.say('张姐', '草莓1盒');
    await h.say('李叔', '香蕉2把', FRESH);

    // The cut-off reminder an hour before: each group reads its arm's copy.
    const evening = await h.advanceTo(line(today + DAY + 19 * HOUR + 30 * MIN));
    const groupRoom = (topic: string) => h.world.rooms.find((r) => r.payload.topic === topic)!.id;
    for (const topic of [MAIN, FRESH]) {
      const reminders = evening.filter((s) => s.conversationId === groupRoom(topic) && s.text.includes('【截单提醒】') && /主群草莓团|生鲜香蕉团/.test(s.text));
      expect(reminders).toHaveLength(1);
      if (copy.get(topic) === '邻居数') expect(reminders[0]!.text).toContain('已有 1 位邻居下单');
      else expect(reminders[0]!.text).toContain('快截单了');
    }

    // Exposures: every group saw only its own arm, once per notice and reminder.
    const exposures = rows<{ strategy: string; topic: string; arm: string; shown: string; member_id: number | null }>(`SELECT e.strategy, gr.topic, x.arm, x.shown, x.member_id
      FROM exposures x JOIN experiments e ON e.id = x.experiment_id JOIN groups gr ON gr.id = x.group_id ORDER BY x.id`);
    for (const x of exposures) expect(x.arm).toBe((x.strategy === '成团门槛' ? threshold : copy).get(x.topic));
    expect(exposures.filter((x) => x.strategy === '成团门槛').map((x) => x.topic).sort()).toEqual([FRESH, MAIN].sort());
    expect(exposures.filter((x) => x.strategy === '提醒文案' && /主群草莓团|生鲜香蕉团/.test(x.shown)).map((x) => x.topic).sort()).toEqual([FRESH, MAIN].sort());
    expect(exposures.every((x) => x.member_id === null)).toBe(true);

    // Before the planned end: the status warns (one group per arm) and gives no verdict.
    const status = texts(await h.say('团长', '/实验 状态 成团门槛'));
    expect(status).toContain('样本不足');
    expect(status).toMatch(/· 3人（对照）：1 个群、\d 人、曝光 1 次/);

    await h.advanceTo(line(exp!.planned_end_at + HOUR));
    const review = await h.say('团长', '/实验 复盘 成团门槛');
    const summary = review.find((s) => s.conversationId === LEADER && s.text.includes('实验复盘'))!;
    expect(summary.text).toContain('策略迭代：扩大样本重做');
    const [file] = rows<{ body: string; conversation_id: string; status: string }>(`SELECT body, conversation_id, status FROM outbox WHERE kind = 'file' ORDER BY id DESC LIMIT 1`);
    expect(file).toMatchObject({ conversation_id: LEADER, status: 'sent' });
    expect(review.find((s) => s.file)?.file).toBe(path.basename(file!.body));
    expect(fs.existsSync(file!.body)).toBe(true);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file!.body);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['假设验证', '数据解读', '策略迭代']);
    const pairs = (name: string) => {
      const sheet = wb.getWorksheet(name)!;
      const out = new Map<string, unknown>();
      for (let n = 2; n <= sheet.rowCount; n++) out.set(String(sheet.getRow(n).getCell(1).value), sheet.getRow(n).getCell(2).value);
      return out;
    };
    const hyp = pairs('假设验证');
    expect(hyp.get('假设（开始时登记）')).toBe(exp!.hypothesis);
    expect(hyp.get('随机种子')).toBe(exp!.seed);
    expect(hyp.get('结论')).toBe('样本不足');
    expect(String(hyp.get('警告'))).toContain('每组至少要 4 个群');
    const data = wb.getWorksheet('数据解读')!;
    const dataRows: unknown[][] = [];
    for (let n = 2; n <= data.rowCount; n++) dataRows.push((data.getRow(n).values as unknown[]).slice(1));
    // Per group: its arm, size and orders per day. Both sessions failed (one buyer each against thresholds of 3 and
    // 5), which cancelled their orders: no live order, every order cancelled.
    const perGroup = dataRows.filter((r) => r[0] === '每个群').map((r) => [r[1], r[2], r[3], r[5]]);
    expect(perGroup.sort()).toEqual([[threshold.get(MAIN), MAIN, 2, '0'], [threshold.get(FRESH), FRESH, 1, '0']].sort());
    const guard = dataRows.filter((r) => r[0] === '护栏指标').map((r) => [r[1], r[4], r[5]]);
    const byText = (a: unknown[], b: unknown[]) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1);
    expect(guard.sort(byText)).toEqual(['3人', '5人'].flatMap((arm) => [[arm, '未成团率（未成团的团购 ÷ 截单的团购）', '100%'], [arm, '取消率（取消的订单 ÷ 下的订单）', '100%']]).sort(byText));
    expect(dataRows.filter((r) => r[0] === '分群')).toHaveLength(4);
    expect(pairs('策略迭代').get('下一步')).toBe('扩大样本重做');

    // 结束: the arms revert; a new notice in either group has no threshold.
    expect(texts(await h.say('团长', '/实验 结束 成团门槛'))).toContain('各群恢复默认做法');
    expect(texts(await h.say('团长', '/开团 鸡蛋团 明天20:00 鸡蛋', FRESH))).not.toContain('才成团');
    expect(texts(await h.say('团长', '/实验 结束 成团门槛'))).toContain('已经结束了');
  }, 60_000);

  it('refuses bad input: unknown strategy, a second start on the same setting, too few groups, an unknown review, a resident', async () => {
    h = await startHarness({ env: { ADMIN_CONTACT_IDS: 't-管理员' } });
    const other = h.addCommunity('绿园');
    expect(texts(await h.say('团长', '/实验 开始 不存在的策略'))).toContain('策略库里没有「不存在的策略」');
    expect(texts(await h.say('团长', `/实验 开始 成团门槛 ${MAIN}`))).toContain('参加实验的群只有 1 个，少于组别数 2 个');
    expect(texts(await h.say('团长', '/实验 开始 截单时间'))).toContain('还没有接到机器人的行为里');
    expect(texts(await h.say('团长', '/实验 开始 成团门槛 不存在的群'))).toContain('本小区没有这些群：不存在的群');
    expect(texts(await h.say('团长', '/实验 开始 成团门槛'))).toContain('已开始');
    expect(texts(await h.say('团长', '/实验 开始 成团门槛'))).toContain('「成团门槛」正在改同一个设置');
    expect(rows('SELECT id FROM experiments')).toHaveLength(1);
    expect(texts(await h.say('团长', '/实验 复盘 不存在的策略'))).toContain('没有叫「不存在的策略」的实验');
    expect(texts(await h.say('团长', '/实验 复盘 开团文案'))).toContain('「开团文案」还没有开始过');
    expect(texts(await h.say('团长', '/实验 状态'))).toContain('请写实验名称');
    const list = texts(await h.say('团长', '/实验 列表'));
    expect(list.match(/^· /gm)).toHaveLength(21); // 20 strategies and the running one
    expect(list).toContain('正在进行：\n· 成团门槛');
    // Another community's leader does not see it; an admin does, from any community.
    expect(texts(await h.say(other.leaderName, '/实验 状态 成团门槛', other.roomTopic))).toContain('「成团门槛」还没有开始过');
    expect(texts(await h.say(other.leaderName, '/实验 列表', other.roomTopic))).toContain('现在没有进行中的实验');
    expect(texts(await h.say('管理员', '/实验 列表', other.roomTopic))).toContain('正在进行：\n· 成团门槛（阳光小区）');
    expect(texts(await h.say('管理员', '/实验 状态 成团门槛', other.roomTopic))).toContain('🧪 实验「成团门槛」进行中');
    const refused = texts(await h.say('张姐', '/实验 列表'));
    expect(refused).not.toContain('策略库');
    expect(rows(`SELECT id FROM outbox WHERE kind = 'file'`)).toHaveLength(0);
  });
});
