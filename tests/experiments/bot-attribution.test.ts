// /归因 through the bot: touchpoints logged where they happen (the /开团 notice in a group, an invitation into the
// group), journeys read back per resident, exact Shapley credits computed by hand below.
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';
import { waitUntil } from '../helpers/wait.js';

let h: Harness;
afterEach(async () => { await h?.stop(); });
const texts = (sent: { text: string }[]) => sent.map((s) => s.text).join('\n');
const rows = <T>(sql: string, ...args: unknown[]) => h.store.sqlite.prepare(sql).all(...args) as T[];

describe('/归因 through the bot', () => {
  it('credits the touchpoints the residents met before their orders by exact Shapley values', async () => {
    h = await startHarness();
    await h.say('团长', '/截单 阳光小区日常团购');
    // In the main group: 张姐 and 李叔 speak; 王妈 only in the fresh-food group; 小赵 never.
    await h.say('张姐', '早上好');
    await h.say('李叔', '早');
    await h.say('王妈', '大家好', '阳光小区生鲜群');
    // 小周 joins the main group on 张姐's invitation: an 邀请 touchpoint of their own.
    const zhou = h.world.mocker.createContact({ id: 't-小周', name: '小周' });
    h.world.people.set('小周', zhou);
    h.world.main.add(zhou).by(h.world.people.get('张姐')!);
    await waitUntil(() => rows(`SELECT 1 FROM touchpoints WHERE kind = '邀请'`).length === 1, 'the invitation touchpoint');
    // The notice in the main group reaches 张姐, 李叔 and 小周 (not 王妈, not 小赵).
    await h.say('团长', '/开团 草莓团 明天20:00 草莓');
    expect(rows<{ kind: string; group_id: number | null; member_id: number | null }>(`SELECT kind, group_id, member_id FROM touchpoints ORDER BY id`)
      .map((t) => [t.kind, t.group_id === null ? 'private' : 'group', t.member_id === null ? 'all' : 'one'])).toEqual([['邀请', 'private', 'one'], ['开团通知', 'group', 'all']]);
    expect((await h.say('张姐', '草莓1盒'))[0]!.text).toContain('下单成功');
    expect(texts(await h.say('小周', '草莓2盒'))).toContain('下单成功');

    // Journeys: {} ×2 (王妈, 小赵) none converted; {开团通知} ×2 (张姐 converted, 李叔 not); {邀请, 开团通知} ×1 (小周 converted).
    // v(∅) = 0/2 = 0, v({开团通知}) = 1/4, v({邀请}) = 0/2 = 0, v(all) = 2/5.
    // φ(开团通知) = ½(1/4 − 0) + ½(2/5 − 0) = 0.325;  φ(邀请) = ½(0 − 0) + ½(2/5 − 1/4) = 0.075; sum 0.4 = v(all) − v(∅).
    const reply = (await h.say('团长', '/归因 7'))[0]!.text;
    expect(reply.split('\n')).toEqual([
      '📈 最近 7 天的触点归因（5 段旅程，精确 Shapley 值）：',
      '· 开团通知：+32.5%',
      '· 邀请：+7.5%',
      '没有触点的转化率 0.0%，全部触点 40.0%：各触点的功劳加起来是 40.0%（百分点）',
    ]);
    expect((await h.say('团长', '/归因 0天'))[0]!.text).toContain('天数请写 1 到 365 之间的整数');
    expect((await h.say('张姐', '/归因'))[0]!.text).not.toContain('触点归因');
  });
});
