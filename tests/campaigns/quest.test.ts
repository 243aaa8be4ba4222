// 拼团剧本杀: each order unlocks the member's next chapter; the third grants the reward once, announced in the group.
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';
import { rows } from './helpers.js';

let h: Harness | undefined;
afterEach(async () => { await h?.stop(); h = undefined; });

const MAIN = 'demo-main@chatroom';

describe('quest', () => {
  it('unlocks a chapter per order and grants the final reward once on the third', async () => {
    h = await startHarness();
    const other = h.addCommunity('月亮湾');
    const [bad] = await h.say('团长', '/剧本杀 开始 不存在的故事');
    expect(bad!.text).toContain('没有叫「不存在的故事」的故事');
    const [start] = await h.say('团长', '/剧本杀 开始 菜园谜案 7');
    expect(start!.conversationId).toBe(MAIN);
    expect(start!.text).toContain('【拼团剧本杀·菜园谜案】开始啦');
    expect(start!.text).toContain('50 积分');

    const first = await h.say('张姐', '苹果1斤');
    expect(first[0]!.text).toContain('下单成功');
    expect(first[0]!.text).toContain('第1章解锁');
    expect((await h.say('张姐', '牛奶1瓶'))[0]!.text).toContain('第2章解锁');
    // Another resident's orders move their own story only.
    expect((await h.say('李叔', '香蕉1把'))[0]!.text).toContain('第1章解锁');
    const third = await h.say('张姐', '鸡蛋1盒');
    // Announced in the group, in the confirmation itself.
    const confirmation = third.find((s) => s.conversationId === MAIN)!;
    expect(confirmation.text).toContain('第3章解锁');
    expect(confirmation.text).toContain('恭喜 3-501 张姐 完成【菜园谜案】全部 3 章');
    expect(third.filter((s) => s.text.includes('恭喜'))).toHaveLength(1);
    expect(third.some((s) => s.conversationId === 'demo-zhangjie' && s.text.includes('奖励「50 积分」已到账'))).toBe(true);
    const fourth = await h.say('张姐', '西红柿1斤');
    expect(fourth[0]!.text).not.toContain('章解锁');
    expect(fourth.some((s) => s.text.includes('恭喜'))).toBe(false);
    expect(rows(h, `SELECT delta FROM points_ledger WHERE reason = 'quest'`)).toEqual([{ delta: 50 }]);

    // Another community has no quest.
    const [none] = await h.say(other.leaderName, '/剧本杀', other.roomTopic);
    expect(none!.text).toContain('现在没有进行中的剧本杀');

    // A coupon story after ending this one.
    expect((await h.say('团长', '/剧本杀 开始 月饼失踪记'))[0]!.text).toContain('还在进行中');
    await h.say('团长', '/剧本杀 结束');
    await h.say('团长', '/剧本杀 开始 月饼失踪记 3');
    for (const text of ['苹果1斤', '牛奶1瓶']) await h.say('王妈', text);
    const last = await h.say('王妈', '香蕉1把');
    expect(last.some((s) => s.conversationId === MAIN && s.text.includes('最终奖励「免邮券」已发放'))).toBe(true);
    const coupon = rows<{ kind: string; source: string; code: string }>(h, `SELECT kind, source, code FROM coupons WHERE source = 'quest'`);
    expect(coupon).toHaveLength(1);
    expect(coupon[0]!.kind).toBe('免邮券');
    expect(last.some((s) => s.conversationId === 'demo-wangma' && s.text.includes(coupon[0]!.code))).toBe(true);
  }, 60_000);
});
