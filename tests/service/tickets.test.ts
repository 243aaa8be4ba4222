// Complaint tickets through the mock puppet: opening, the SLA clock and its escalations (exactly once,
// also across a restart), leader answers, evidence, compensation and community isolation.
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness, TEST_START } from '../helpers/harness.js';
import { checkDeadlines } from '../../src/service/deadlines.js';
import { ticketStats } from '../../src/service/tickets.js';
import { waitUntil } from '../helpers/wait.js';

const LEADER = 'demo-leader';
const ADMIN = 'svc-admin';
const MIN = 60_000;
let h: Harness;
let clock = 0;
afterEach(async () => { await h?.stop(); clock = 0; });

async function start(opts: { dir?: string; seed?: boolean; checkMs?: number } = {}): Promise<Harness> {
  const harness = await startHarness({ dir: opts.dir, seed: opts.seed, env: { ADMIN_CONTACT_IDS: ADMIN, SERVICE_CHECK_MS: String(opts.checkMs ?? 3_600_000) } });
  harness.world.mocker.createContact({ id: ADMIN, name: '管理员' });
  if (!clock) clock = TEST_START;
  harness.app.now = () => clock;
  return harness;
}

const rows = <T>(sql: string, ...args: unknown[]) => h.store.sqlite.prepare(sql).all(...args) as T[];
const slaRows = () => rows<{ conversation_id: string; body: string; dedup_key: string }>(
  `SELECT conversation_id, body, dedup_key FROM outbox WHERE dedup_key LIKE 'sla:%' ORDER BY id`);
const ticket = (id: number) => h.store.sqlite.prepare('SELECT * FROM tickets WHERE id = ?').get(id) as Record<string, unknown>;

/** Moves the clock to `ms` after the ticket opened and runs the checker, then waits for the outbox. */
async function at(opened: number, ms: number) {
  clock = opened + ms;
  const r = checkDeadlines(h.app, clock);
  await h.settle();
  return r;
}

async function complain(text = '上次买的苹果2斤都坏了，好几个烂的', who = '张姐'): Promise<{ id: number; opened: number; replies: Awaited<ReturnType<Harness['say']>> }> {
  const replies = await h.say(who, text);
  const row = rows<{ id: number; opened_at: number }>('SELECT id, opened_at FROM tickets ORDER BY id DESC LIMIT 1')[0]!;
  return { id: row.id, opened: row.opened_at, replies };
}

describe('complaint tickets', () => {
  it('opens a ticket, answers in the group at once with the standard reply and asks for a photo', async () => {
    h = await start();
    const { id, replies } = await complain();
    const group = replies.find((r) => r.conversationId === h.world.main.id)!.text;
    expect(group).toContain('退款或补发'); // the 变质不新鲜 standard reply
    expect(group).toContain(`工单#${id}`);
    expect(group).toContain('照片或视频');
    expect(replies.find((r) => r.conversationId === LEADER)!.text).toContain(`/回复 ${id}`);
    expect(ticket(id)).toMatchObject({ type: '变质不新鲜', status: 'open', needs_evidence: 1, product_id: expect.any(Number) });
    // A delivery complaint has nothing to show: no photo asked for.
    const late = await complain('配送太慢了，等了一上午还没送到');
    expect(late.replies.find((r) => r.conversationId === h.world.main.id)!.text).not.toContain('照片');
    expect(ticket(late.id)).toMatchObject({ type: '配送延迟', needs_evidence: 0 });
  });

  it('escalates each overdue step on time, leader first then admin, exactly once — also across a restart', async () => {
    h = await start();
    const { id, opened } = await complain();
    expect((await at(opened, 30 * MIN - 1)).escalations).toBe(0);
    expect(slaRows()).toHaveLength(0);

    expect((await at(opened, 30 * MIN)).escalations).toBe(1);
    expect(slaRows().map((r) => [r.conversation_id, r.dedup_key])).toEqual([[LEADER, `sla:${id}:response:leader>${LEADER}`]]);
    expect(h.sent.filter((s) => s.conversationId === LEADER).at(-1)!.text).toContain(`工单#${id}`);
    expect((await at(opened, 45 * MIN)).escalations).toBe(0);
    expect((await at(opened, 60 * MIN - 1)).escalations).toBe(0);
    expect((await at(opened, 60 * MIN)).escalations).toBe(1);
    expect(slaRows().at(-1)).toMatchObject({ conversation_id: ADMIN, dedup_key: `sla:${id}:response:admin>${ADMIN}` });
    expect(h.sent.filter((s) => s.conversationId === ADMIN)).toHaveLength(1);

    // Restart on the same database: nothing already sent goes again.
    const dir = h.dir;
    await h.stop();
    h = await start({ dir, seed: false });
    expect((await at(opened, 90 * MIN)).escalations).toBe(0);
    expect(slaRows()).toHaveLength(2);

    expect((await at(opened, 120 * MIN)).escalations).toBe(1); // evidence → leader
    expect(slaRows().at(-1)!.dedup_key).toBe(`sla:${id}:evidence:leader>${LEADER}`);
    await h.stop();
    h = await start({ dir, seed: false });
    expect((await at(opened, 240 * MIN)).escalations).toBe(1); // evidence → admin
    expect((await at(opened, 24 * 60 * MIN)).escalations).toBe(1); // compensation → leader
    expect((await at(opened, 48 * 60 * MIN)).escalations).toBe(1); // compensation → admin
    expect((await at(opened, 100 * 60 * MIN)).escalations).toBe(0);
    expect(slaRows().map((r) => r.dedup_key.split('>')[0])).toEqual([
      `sla:${id}:response:leader`, `sla:${id}:response:admin`, `sla:${id}:evidence:leader`,
      `sla:${id}:evidence:admin`, `sla:${id}:compensation:leader`, `sla:${id}:compensation:admin`,
    ]);
    expect(rows('SELECT * FROM ticket_escalations')).toHaveLength(6);
    expect(h.sent.filter((s) => s.conversationId === ADMIN)).toHaveLength(2); // this process's two admin messages
  });

  it('the bot\'s ticker (every SERVICE_CHECK_MS) sends the escalation by itself', async () => {
    h = await start({ checkMs: 20 });
    const { id, opened } = await complain();
    expect(slaRows()).toHaveLength(0);
    clock = opened + 30 * MIN;
    await waitUntil(() => h.sent.some((s) => s.text.includes(`⏰ 工单#${id}`)), 'the ticker\'s escalation');
    expect(h.sent.filter((s) => s.conversationId === LEADER && s.text.includes(`⏰ 工单#${id}`))).toHaveLength(1);
    // The same check the ticker runs, run again: still once.
    for (let i = 0; i < 3; i++) checkDeadlines(h.app, clock);
    await h.settle();
    expect(h.sent.filter((s) => s.text.includes(`⏰ 工单#${id}`))).toHaveLength(1);
    expect(slaRows()).toHaveLength(1);
  });

  it('never escalates a ticket answered, inspected and compensated in time', async () => {
    h = await start();
    const { id, opened } = await complain();
    clock = opened + 29 * MIN;
    const answered = await h.say('团长', `/回复 ${id} 非常抱歉，下午给您换新鲜的`);
    expect(answered.map((r) => r.text)).toContain(`已回复工单#${id}`);
    const toResident = answered.find((r) => r.text.includes('团长回复'));
    expect(toResident!.conversationId).toBe(h.world.main.id);
    expect(toResident!.text).toContain(`@3-501 张姐 团长回复（工单#${id}）`);
    expect(toResident!.text).toContain('下午给您换新鲜的');
    clock = opened + 100 * MIN;
    const media = await h.sendMedia('张姐', 'rotten.jpg');
    expect(media.find((r) => r.conversationId === h.world.main.id)!.text).toContain(`收到照片，已附在工单#${id}`);
    expect(media.find((r) => r.conversationId === LEADER && !r.file)!.text).toContain(`【验货】工单#${id}`);
    expect(media.find((r) => r.conversationId === LEADER && r.file)!.file).toMatch(/\.jpg$/);
    expect(ticket(id)).toMatchObject({ evidence_kind: 'image', evidence_path: expect.stringMatching(/\.jpg$/) });
    clock = opened + 23 * 60 * MIN;
    const replies = await h.say('团长', `/补偿 ${id} 退款 12.5`);
    expect(replies.find((r) => r.conversationId === h.world.main.id && r.text.includes('已结单'))!.text).toContain(`工单#${id} 已结单：退款 ¥12.50`);
    expect(replies.find((r) => r.conversationId === h.world.main.id)!.text).toContain('退款 ¥12.50');
    expect(ticket(id)).toMatchObject({ status: 'resolved', compensation: '退款', compensation_fen: 1250 });
    for (const ms of [30 * MIN, 60 * MIN, 4 * 60 * MIN, 24 * 60 * MIN, 72 * 60 * MIN]) expect((await at(opened, ms)).escalations).toBe(0);
    expect(slaRows()).toHaveLength(0);

    const stats = ticketStats(h.store, h.communityId, opened - 1);
    expect(stats).toMatchObject({ count: 1, open: 0, responded: 1, avgFirstResponseMin: 29, resolved: 1, avgResolutionMin: 23 * 60 });
    const [, list] = await h.say('团长', '/工单');
    expect(list!.text).toContain('没有未处理的工单');
    expect(list!.text).toContain('平均首次回复 29分钟');
    expect(list!.text).toContain('平均处理完成 23小时');
  });

  it('opens one ticket for a re-delivered complaint; a private complaint takes a private video as evidence', async () => {
    h = await start();
    const { id } = await complain();
    expect(await h.redeliver(h.lastMessageId())).toEqual([]);
    expect(rows('SELECT id FROM tickets')).toHaveLength(1);
    const replies = await h.sayPrivately('李叔', '买的苹果是烂的，怎么处理');
    const priv = rows<{ id: number; conversation_kind: string; conversation_id: string }>('SELECT * FROM tickets WHERE id > ?', id)[0]!;
    expect(priv).toMatchObject({ conversation_kind: 'contact', conversation_id: 'demo-lishu' });
    expect(replies.find((r) => r.conversationId === 'demo-lishu')!.text).toContain(`工单#${priv.id}`);
    const media = await h.sendMedia('李叔', 'apple.mp4', 'private');
    expect(media.find((r) => r.conversationId === 'demo-lishu')!.text).toContain(`收到视频，已附在工单#${priv.id}`);
    expect(ticket(priv.id)).toMatchObject({ evidence_kind: 'video' });
    expect(ticket(id)).toMatchObject({ evidence_at: null }); // 张姐's ticket still waits for hers
    const [answer] = (await h.say('团长', `/回复 ${priv.id} 马上给您换`)).filter((r) => r.conversationId === 'demo-lishu');
    expect(answer!.text).toBe(`团长回复（工单#${priv.id}）：马上给您换`);
  });

  it('stays silent for a photo when no ticket waits for one', async () => {
    h = await start();
    expect(await h.sendMedia('张姐', 'cat.jpg')).toEqual([]);
    await complain('配送太慢了，等了一上午还没送到'); // no evidence asked for
    expect(await h.sendMedia('张姐', 'cat.jpg')).toEqual([]);
  });

  it('lists open tickets with the time left, and a 券 compensation issues a real coupon', async () => {
    h = await start();
    const { id, opened } = await complain();
    clock = opened + 10 * MIN;
    const [, list] = await h.say('团长', '/工单'); // privately: residents' complaints
    expect(list!.text).toContain(`#${id} 变质不新鲜`);
    expect(list!.text).toContain('首次回复还剩 20分钟');
    clock = opened + 40 * MIN;
    const [, late] = await h.say('团长', '/工单');
    expect(late!.text).toContain('首次回复已超时 10分钟');
    const replies = await h.say('团长', `/补偿 #${id} 券 10`);
    const coupon = rows<{ code: string; value_fen: number; source: string; kind: string }>('SELECT code, value_fen, source, kind FROM coupons')[0]!;
    expect(coupon).toMatchObject({ value_fen: 1000, source: 'compensation', kind: '商品券' });
    expect(replies.find((r) => r.conversationId === 'demo-zhangjie')!.text).toContain(coupon.code);
    const [, mine] = await h.say('张姐', '我的券'); // privately
    expect(mine!.text).toContain(coupon.code);
    const [again] = await h.say('团长', `/补偿 ${id} 退款 5`);
    expect(again!.text).toContain('已经处理过了');
    expect(rows('SELECT id FROM coupons')).toHaveLength(1);
  });

  it('refuses bad ticket numbers and amounts in Chinese and writes nothing', async () => {
    h = await start();
    const { id } = await complain();
    const before = JSON.stringify(ticket(id));
    const cases: [string, string][] = [
      ['/补偿', '请写工单号'],
      ['/补偿 abc 退款 5', '请写工单号'],
      [`/补偿 ${id} 赔钱 5`, '补偿方式只能是'],
      [`/补偿 ${id} 退款`, '请写补偿金额'],
      [`/补偿 ${id} 退款 -5`, '金额要大于 0'],
      [`/补偿 ${id} 退款 0`, '金额要大于 0'],
      [`/补偿 ${id} 退款 12.345`, '看不懂'],
      [`/补偿 ${id} 退款 abc`, '看不懂'],
      [`/补偿 ${id} 退款 99999999`, '金额太大了'],
      ['/补偿 999 退款 5', '本小区没有工单#999'],
      ['/回复 999 你好', '本小区没有工单#999'],
      [`/回复 ${id}`, '请写上回复内容'],
      ['/回复 x 你好', '请写工单号'],
      ['/工单 abc', '工单号「abc」不对'],
      ['/工单 999', '本小区没有工单#999'],
    ];
    for (const [cmd, want] of cases) {
      const [r] = await h.say('团长', cmd);
      expect(r!.text, cmd).toContain(want);
    }
    expect(JSON.stringify(ticket(id))).toBe(before);
    expect(rows('SELECT * FROM coupons')).toHaveLength(0);
  });

  it('keeps tickets to their community and their commands to leaders', async () => {
    h = await start();
    const { id } = await complain();
    const other = h.addCommunity('翠苑');
    for (const cmd of [`/回复 ${id} 你好`, `/补偿 ${id} 退款 5`, `/工单 ${id}`]) {
      const [r] = await h.say(other.leaderName, cmd, other.roomTopic);
      expect(r!.text, cmd).toContain(`本小区没有工单#${id}`);
    }
    const [, list] = await h.say(other.leaderName, '/工单', other.roomTopic);
    expect(list!.text).toContain('没有未处理的工单');
    expect(list!.text).not.toContain('苹果');
    for (const cmd of ['/工单', `/回复 ${id} 你好`, `/补偿 ${id} 退款 5`, '/话术', '/危机']) {
      const [r] = await h.say('李叔', cmd);
      expect(r!.text, cmd).toContain('团长');
      expect(r!.text, cmd).not.toContain('工单#');
    }
    expect(ticket(id)).toMatchObject({ status: 'open', first_response_at: null });
  });
});
