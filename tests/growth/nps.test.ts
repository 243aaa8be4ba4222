// NPS in chat through the mock puppet: /NPS by a leader, "N分" answers in the group or privately, the latest per
// member counting, points once, and nothing taken as an answer outside the 3-day window.
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';
import { computeMetrics } from '../../src/metrics/compute.js';
import { shanghaiDay } from '../../src/time.js';

let h: Harness | undefined;
afterEach(async () => { await h?.stop(); h = undefined; });

const DAY = 86_400_000;
const answers = () => h!.store.sqlite.prepare(`SELECT m.display_name AS who, a.score FROM survey_answers a JOIN members m ON m.id = a.member_id ORDER BY m.id`).all();
const surveyPoints = () => h!.store.sqlite.prepare(`SELECT count(*) AS n, coalesce(sum(delta), 0) AS total FROM points_ledger WHERE reason = 'survey'`).get();

describe('NPS in chat', () => {
  it('asks in the main group, counts the latest score per resident, thanks with points once, and closes after 3 days', async () => {
    const start = Date.parse('2026-11-26T10:00:00+08:00');
    let clock = start;
    h = await startHarness({ now: () => clock });

    const [denied] = await h.say('张姐', '/NPS');
    expect(denied!.text).toContain('只有团长可以使用');

    const posted = await h.say('团长', '/推荐度 10');
    expect(posted).toHaveLength(1);
    expect(posted[0]!.conversationId).toBe(h.world.main.id);
    expect(posted[0]!.text).toContain('【推荐度调查】');
    expect(posted[0]!.text).toContain('0 到 10 分');
    const [again] = await h.say('团长', '/NPS');
    expect(again!.text).toContain('还在进行中');

    const [thanks] = await h.say('张姐', '9分');
    expect(thanks!.text).toBe('谢谢 3-501 张姐 的打分（9 分）！积分 +10');
    const [changed] = await h.say('张姐', '给10分');
    expect(changed!.text).toBe('已把 3-501 张姐 的打分改为 10 分，谢谢！');
    const [outOfRange] = await h.say('李叔', '11分');
    expect(outOfRange!.text).toContain('请打 0 到 10 之间的整数分');
    const [privately] = await h.sayPrivately('李叔', '3 分');
    expect(privately!.text).toContain('积分 +10');
    await h.say('王妈', '6分');
    clock = start + DAY;
    await h.say('王妈', '10 分'); // changes her mind a day later: the latest counts
    // "草莓8分" is no score: left to the other handlers, nothing recorded.
    await h.say('小赵', '草莓8分');
    expect(answers()).toEqual([
      { who: '3-501 张姐', score: 10 }, { who: '5栋302 李叔', score: 3 }, { who: '7-1102 王妈', score: 10 },
    ]);
    expect(surveyPoints()).toEqual({ n: 3, total: 30 }); // one thank-you with points per resident

    // Three days after the question it is closed: "8分" is ordinary chat again.
    clock = start + 3 * DAY + 60_000;
    const late = await h.say('小赵', '8分');
    expect(late.every((s) => !s.text.includes('打分'))).toBe(true);
    expect(answers()).toHaveLength(3);

    // Promoters 张姐 10, 王妈 10; detractor 李叔 3: (2 − 1) / 3 × 100 = 33.3.
    const day = shanghaiDay(start);
    // The 26th alone: 王妈's latest answer was given on the 27th, so 张姐 10 and 李叔 3 remain: (1 − 1) / 2 = 0.
    expect(computeMetrics(h.store, { communityId: h.communityId, from: day, to: day }, clock).nps).toBe(0);
    expect(computeMetrics(h.store, { communityId: h.communityId, from: day, to: shanghaiDay(start + DAY) }, clock).nps).toBe(33.3);
  });

  it('leaves a bare score alone when no NPS question is open', async () => {
    h = await startHarness();
    const replies = await h.say('张姐', '9分');
    expect(replies.every((s) => !s.text.includes('打分'))).toBe(true);
    expect(answers()).toEqual([]);
  });
});
