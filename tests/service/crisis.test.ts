// 危机公关 through the mock puppet: a crisis starts exactly at the threshold (or on any 食品安全
// complaint), its notice / 4 h / 24 h reminders go out once each (also across a restart), and a
// leader's confirmation stops the product selling.
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness, TEST_START } from '../helpers/harness.js';
import { checkDeadlines } from '../../src/service/deadlines.js';

const LEADER = 'demo-leader';
const ADMIN = 'svc-admin';
const MIN = 60_000;
const HOUR = 60 * MIN;
let h: Harness;
let clock = 0;
afterEach(async () => { await h?.stop(); clock = 0; });

async function start(opts: { dir?: string; seed?: boolean; env?: Record<string, string> } = {}): Promise<Harness> {
  const harness = await startHarness({ dir: opts.dir, seed: opts.seed, env: { ADMIN_CONTACT_IDS: ADMIN, SERVICE_CHECK_MS: '3600000', ...opts.env } });
  harness.world.mocker.createContact({ id: ADMIN, name: '管理员' });
  if (!clock) clock = TEST_START;
  harness.app.now = () => clock;
  return harness;
}

const rows = <T>(sql: string, ...args: unknown[]) => h.store.sqlite.prepare(sql).all(...args) as T[];
const crisisRows = () => rows<{ conversation_id: string; body: string; dedup_key: string }>(
  `SELECT conversation_id, body, dedup_key FROM outbox WHERE dedup_key LIKE 'crisis:%' ORDER BY id`);
const crises = () => rows<{ id: number; key: string; complaints: number; product_id: number | null; started_at: number }>('SELECT * FROM crises ORDER BY id');

async function tick(ms: number, since: number) {
  clock = since + ms;
  const r = checkDeadlines(h.app, clock);
  await h.settle();
  return r.reminders;
}

const LATE = ['配送太慢了，等了一上午还没送到', '送货太慢了吧', '团购的菜太慢了，到现在还没送来'];

describe('crisis', () => {
  it('starts exactly at the threshold: notice to leaders and admins at once, reminders at 4 h and 24 h once each, also across a restart', async () => {
    h = await start();
    await h.say('张姐', LATE[0]!);
    clock += 20 * MIN;
    await h.say('李叔', LATE[1]!);
    expect(crises()).toHaveLength(0); // N-1 = 2: no crisis
    expect(crisisRows()).toHaveLength(0);
    clock += 20 * MIN;
    const replies = await h.say('王妈', LATE[2]!);
    expect(crises()).toMatchObject([{ key: 'type:配送延迟', complaints: 3 }]);
    const [crisis] = crises();
    // The internal notice goes out with the complaint itself, to the leader and the admin.
    const notices = replies.filter((r) => r.text.includes('内部通报'));
    expect(notices.map((r) => r.conversationId).sort()).toEqual([LEADER, ADMIN].sort());
    expect(notices[0]!.text).toContain(`危机#${crisis!.id}`);
    expect(notices[0]!.text).toContain('配送延迟投诉在 60 分钟内已达 3 起');
    expect(crisisRows().map((r) => r.dedup_key)).toEqual([`crisis:${crisis!.id}:notice>${LEADER}`, `crisis:${crisis!.id}:notice>${ADMIN}`]);

    const started = crisis!.started_at;
    expect(await tick(HOUR, started)).toBe(0);
    expect(await tick(4 * HOUR - 1, started)).toBe(0);
    expect(await tick(4 * HOUR, started)).toBe(1);
    expect(h.sent.filter((s) => s.text.includes('已过4小时'))).toHaveLength(2); // leader + admin
    expect(await tick(5 * HOUR, started)).toBe(0);

    const dir = h.dir;
    await h.stop();
    h = await start({ dir, seed: false });
    expect(await tick(6 * HOUR, started)).toBe(0);
    expect(await tick(24 * HOUR - 1, started)).toBe(0);
    expect(await tick(24 * HOUR, started)).toBe(1);
    expect(h.sent.filter((s) => s.text.includes('已过24小时')).map((s) => s.conversationId).sort()).toEqual([LEADER, ADMIN].sort());
    await h.stop();
    h = await start({ dir, seed: false });
    expect(await tick(48 * HOUR, started)).toBe(0);
    expect(rows<{ step: string }>('SELECT step FROM crisis_reminders ORDER BY id').map((r) => r.step)).toEqual(['notice', 'statement', 'solution']);
    expect(crisisRows()).toHaveLength(6);

    // A fourth complaint of the same wave joins the crisis instead of starting another.
    await h.say('小赵', '送货太慢了吧，能不能快点');
    expect(crises()).toHaveLength(1);
  });

  it('counts one complaint per resident: the same resident three times is not a wave', async () => {
    h = await start();
    for (const text of LATE) await h.say('张姐', text);
    expect(rows('SELECT id FROM tickets')).toHaveLength(3);
    expect(crises()).toHaveLength(0);
    await h.say('李叔', LATE[0]!);
    expect(crises()).toHaveLength(0);
    await h.say('王妈', LATE[1]!);
    expect(crises()).toMatchObject([{ key: 'type:配送延迟', complaints: 3 }]);
  });

  it('counts only complaints within the window, and the threshold is configurable', async () => {
    h = await start({ env: { CRISIS_THRESHOLD: '2', CRISIS_WINDOW_MINUTES: '30' } });
    await h.say('张姐', LATE[0]!);
    clock += 31 * MIN;
    await h.say('李叔', LATE[1]!);
    expect(crises()).toHaveLength(0); // the first fell out of the 30-minute window
    clock += 10 * MIN;
    await h.say('王妈', LATE[2]!);
    expect(crises()).toMatchObject([{ key: 'type:配送延迟', complaints: 2 }]);
  });

  it('starts on complaints about one product, and a confirmation stops it selling', async () => {
    h = await start();
    await h.say('张姐', '苹果少了二两');
    await h.say('李叔', '苹果压坏了好几个');
    expect(crises()).toHaveLength(0);
    await h.say('王妈', '买的苹果是烂的');
    const [crisis] = crises();
    expect(crisis).toMatchObject({ complaints: 3, product_id: expect.any(Number) });
    expect(crisis!.key).toBe(`product:${crisis!.product_id}`);
    expect(h.sent.find((s) => s.conversationId === LEADER && s.text.includes('内部通报'))!.text).toContain('/危机 确认');

    const [list] = await h.say('团长', '/危机');
    expect(list!.text).toContain(`危机#${crisis!.id}`);
    expect(list!.text).toContain('「苹果」');
    expect(list!.text).toContain('待确认');
    const [ok] = await h.say('团长', `/危机 确认 ${crisis!.id}`);
    expect(ok!.text).toContain('「苹果」已停售');
    expect(rows<{ status: string }>(`SELECT status FROM products WHERE name = '苹果'`)[0]!.status).toBe('inactive');
    const before = rows('SELECT id FROM orders').length;
    const [order] = await h.say('小赵', '苹果2斤');
    expect(order?.text ?? '').not.toContain('下单成功');
    expect(rows('SELECT id FROM orders')).toHaveLength(before);
    const [again] = await h.say('团长', `/危机 确认 ${crisis!.id}`);
    expect(again!.text).toContain('已经确认过了');

    // Ended: no more reminders.
    const [end] = await h.say('团长', `/危机 结束 ${crisis!.id}`);
    expect(end!.text).toContain('已结束');
    expect(await tick(25 * HOUR, crisis!.started_at)).toBe(0);
    expect(rows('SELECT * FROM crisis_reminders')).toHaveLength(1);
  });

  it('starts on any single 食品安全 complaint; the leader names the product when it is not known', async () => {
    h = await start();
    await h.say('张姐', '吃了你们的牛奶拉肚子');
    const [crisis] = crises();
    expect(crisis).toMatchObject({ key: `type:食品安全:${crisis!.product_id}`, complaints: 1, product_id: expect.any(Number) });
    expect(h.sent.filter((s) => s.text.includes('收到「牛奶」的食品安全投诉')).map((s) => s.conversationId).sort()).toEqual([LEADER, ADMIN].sort());
    await h.stop();

    clock = 0;
    h = await start();
    await h.say('张姐', '你们卖的东西吃了拉肚子，食物中毒了，团长管不管');
    const [c2] = crises();
    expect(c2).toMatchObject({ key: 'type:食品安全', product_id: null });
    const [ask] = await h.say('团长', `/危机 确认 ${c2!.id}`);
    expect(ask!.text).toContain('请写上要停售的商品');
    const [bad] = await h.say('团长', `/危机 确认 ${c2!.id} 榴莲`);
    expect(bad!.text).toContain('本小区没有「榴莲」');
    expect(rows<{ confirmed_at: number | null }>('SELECT confirmed_at FROM crises')[0]!.confirmed_at).toBeNull();
    const [ok] = await h.say('团长', `/危机 确认 ${c2!.id} 牛奶`);
    expect(ok!.text).toContain('「牛奶」已停售');
  });

  it('a second product’s food-safety complaint is a crisis of its own; each confirmation stops its product, which then reads as paused', async () => {
    h = await start();
    await h.say('张姐', '吃了你们的草莓拉肚子');
    clock += 10 * MIN;
    await h.say('李叔', '孙子吃了鸡蛋上吐下泻');
    const productId = (name: string) => rows<{ id: number }>('SELECT id FROM products WHERE name = ? AND community_id = ?', name, h.communityId)[0]!.id;
    const [berry, egg] = crises();
    expect(crises()).toMatchObject([
      { key: `type:食品安全:${productId('草莓')}`, product_id: productId('草莓') },
      { key: `type:食品安全:${productId('鸡蛋')}`, product_id: productId('鸡蛋') },
    ]);
    expect(h.sent.filter((s) => s.conversationId === LEADER && s.text.includes('内部通报')).map((s) => s.text.split('\n')[0]))
      .toEqual([expect.stringContaining(`危机#${berry!.id}·内部通报】阳光小区：收到「草莓」的食品安全投诉`), expect.stringContaining(`危机#${egg!.id}·内部通报】阳光小区：收到「鸡蛋」的食品安全投诉`)]);
    // A food-safety complaint naming no product joins the wave under way.
    await h.say('王妈', '吃了拉肚子，食物中毒了');
    expect(crises()).toHaveLength(2);

    const [list] = await h.say('团长', '/危机');
    expect(list!.text).toContain(`危机#${berry!.id}　「草莓」的食品安全投诉`);
    expect(list!.text).toContain(`危机#${egg!.id}　「鸡蛋」的食品安全投诉`);
    const [ok1] = await h.say('团长', `/危机 确认 ${berry!.id}`);
    expect(ok1!.text).toContain('「草莓」已停售');
    const [ok2] = await h.say('团长', `/危机 确认 ${egg!.id}`);
    expect(ok2!.text).toContain('「鸡蛋」已停售');
    expect(rows(`SELECT name, status FROM products WHERE name IN ('草莓', '鸡蛋') ORDER BY name`))
      .toEqual([{ name: '草莓', status: 'inactive' }, { name: '鸡蛋', status: 'inactive' }]);

    // A stopped product is paused for a quality check, not unknown; nothing is ordered.
    const before = rows('SELECT id FROM orders').length;
    const [paused] = await h.say('小赵', '草莓1盒');
    expect(paused!.text).toMatch(/^「草莓」因质量问题暂停销售，正在质检核查，暂时不能下单，给您添麻烦了。恢复销售会在群里通知。目前在售：苹果、/);
    expect(paused!.text).not.toContain('没有找到');
    expect(rows('SELECT id FROM orders')).toHaveLength(before);
    // A product the leader simply delisted still reads as not found.
    await h.say('团长', '/下架 香蕉');
    const [gone] = await h.say('小赵', '香蕉1把');
    expect(gone!.text).toMatch(/^没有找到「香蕉」哦/);
  });

  it('a leader of another community cannot see or act on a crisis; bad input writes nothing', async () => {
    h = await start();
    await h.say('张姐', '吃了你们的牛奶拉肚子');
    const [crisis] = crises();
    const other = h.addCommunity('翠苑');
    const [list] = await h.say(other.leaderName, '/危机', other.roomTopic);
    expect(list!.text).toContain('没有进行中的危机');
    for (const cmd of [`/危机 确认 ${crisis!.id}`, `/危机 结束 ${crisis!.id}`]) {
      const [r] = await h.say(other.leaderName, cmd, other.roomTopic);
      expect(r!.text).toContain(`本小区没有危机#${crisis!.id}`);
    }
    for (const [cmd, want] of [['/危机 停止 1', '只能「确认」或「结束」'], ['/危机 确认', '请写危机编号'], ['/危机 确认 abc', '请写危机编号']] as const) {
      const [r] = await h.say('团长', cmd);
      expect(r!.text, cmd).toContain(want);
    }
    expect(rows<{ confirmed_at: number | null; closed_at: number | null }>('SELECT confirmed_at, closed_at FROM crises')[0]).toEqual({ confirmed_at: null, closed_at: null });
    expect(rows<{ status: string }>(`SELECT status FROM products WHERE name = '牛奶'`)[0]!.status).toBe('active');
  });
});
