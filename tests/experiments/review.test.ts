// The review of a started experiment over a real SQLite store: 8 groups, orders per group written with known rates,
// the verdict at the planned end and the next step it leads to; before the end, Haybittle–Peto holds it back.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/db.js';
import { bindGroup } from '../../src/community/communities.js';
import { upsertMember } from '../../src/growth/members.js';
import { findStrategy } from '../../src/experiments/library.js';
import { endExperiment, startExperiment } from '../../src/experiments/registry.js';
import { armSetting } from '../../src/experiments/arms.js';
import { experimentReport } from '../../src/experiments/review/review.js';
import { groupSizes } from '../../src/experiments/roster.js';
import { noteActivity } from '../../src/growth/activity.js';

const DAY = 86_400_000;
const T0 = Date.parse('2026-11-02T09:00:00+08:00');
let store: Store;
afterEach(() => store?.close());

/** A community with `sizes.length` groups; each group has `size` residents seen there (a message each). */
function community(sizes: number[]): { communityId: number; groupIds: number[]; membersOf: Map<number, number[]> } {
  store = openStore(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lintuan-review-')), 'db.sqlite'));
  let communityId = 0;
  const groupIds: number[] = [];
  const membersOf = new Map<number, number[]>();
  sizes.forEach((size, i) => {
    const r = bindGroup(store, { roomId: `g${i}@chatroom`, topic: `${i + 1}号楼群`, communityName: '测试小区', kind: i === 0 ? 'main' : 'function' }, T0 - 60 * DAY);
    if (!r.ok) throw new Error('bind');
    communityId = r.community.id;
    groupIds.push(r.group.id);
    const ids: number[] = [];
    for (let k = 0; k < size; k++) {
      const m = upsertMember(store, { communityId, contactId: `c${i}-${k}`, nickname: `${i + 1}-${k} 居民` }, T0 - 60 * DAY);
      noteActivity(store, r.group.id, m.id, T0 - 30 * DAY);
      ids.push(m.id);
    }
    membersOf.set(r.group.id, ids);
  });
  store.batch.flush();
  return { communityId, groupIds, membersOf };
}

let orderNo = 0;
/** `n` live orders of 10 元 in the group, spread over [from, from + days). */
function orders(c: { communityId: number; membersOf: Map<number, number[]> }, groupId: number, n: number, from: number, days: number): void {
  const members = c.membersOf.get(groupId)!;
  const insert = store.sqlite.prepare(`INSERT INTO orders (community_id, group_id, member_id, order_no, source_msg_id, status, total_fen, lines_asked, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, 'placed', 1000, 1, ?, ?)`);
  for (let k = 0; k < n; k++) {
    const at = from + Math.floor(((k + 0.5) / n) * days * DAY);
    orderNo++;
    insert.run(c.communityId, groupId, members[k % members.length], orderNo, `m${orderNo}`, at, at);
  }
}

describe('experimentReport', () => {
  it('sizes the groups from who was seen there, and reads arms per group until the end', () => {
    const c = community([6, 5, 4, 3]);
    expect([...groupSizes(store, c.communityId, c.groupIds, T0).values()]).toEqual([6, 5, 4, 3]);
    const r = startExperiment(store, { communityId: c.communityId, strategy: findStrategy('成团门槛')!, startedBy: 'leader', seed: 7 }, T0);
    if (!r.ok) throw new Error(r.detail);
    for (const g of r.groups) expect(armSetting(store, g.groupId, 'session.min_members', 0)).toBe(g.arm === '3人' ? 3 : 5);
    expect(armSetting(store, c.groupIds[0], 'copy.session_notice', 'default')).toBe('default');
    endExperiment(store, r.experiment.id, T0 + DAY);
    for (const g of r.groups) expect(armSetting(store, g.groupId, 'session.min_members', 0)).toBe(0);
  });

  // [lift of the treatment, spread of the groups (orders ±), verdict at day 14, at the end, next step].
  const cases = [
    // A clear effect: Haybittle–Peto (p < 0.001) already lets it through at half time.
    [1.5, 1, 'better', 'better', 'adopt'],
    [0.5, 1, 'worse', 'worse', 'drop'],
    // A small effect in noisy groups: no verdict at half time, and at the end too little power for the planned effect.
    [1.05, 8, 'too_early', 'inconclusive', 'rerun_larger'],
  ] as const;
  it.each(cases)('lift %s, spread ±%s: %s at half time, %s at the end → %s', (lift, spread, earlyVerdict, verdict, next) => {
    const c = community([10, 10, 9, 9, 8, 8, 7, 7, 6, 6]);
    const r = startExperiment(store, { communityId: c.communityId, strategy: findStrategy('成团门槛')!, startedBy: 'leader', seed: 42 }, T0);
    if (!r.ok) throw new Error(r.detail);
    // Before the start every group had 56 orders in 28 days (2 a day); during it the control's groups keep 56 give or
    // take `spread` (the same pattern in both arms, so the arms differ by the lift only) and the treatment gets `lift` × that.
    const noise = [-1, 1, 0, 1, -1];
    for (const arm of ['3人', '5人']) {
      r.groups.filter((g) => g.arm === arm).forEach((g, k) => {
        orders(c, g.groupId, 56, T0 - 28 * DAY, 28);
        orders(c, g.groupId, Math.round((56 + noise[k]! * spread) * (arm === '5人' ? lift : 1)), T0, 28);
      });
    }
    const early = experimentReport(store, r.experiment, T0 + 14 * DAY);
    expect(early.analysis!.early).toBe(true);
    expect(early.analysis!.verdict).toBe(earlyVerdict);
    if (earlyVerdict === 'too_early') expect(early.next).toBe('continue');
    const end = experimentReport(store, r.experiment, T0 + 28 * DAY);
    expect(end.baseline).toBe(2);
    expect(end.plannedEffect).toBeCloseTo(0.2, 10);
    expect(end.arms.map((a) => [a.arm.name, a.groups.length, a.members])).toEqual([['3人', 5, 40], ['5人', 5, 40]]);
    expect(end.analysis!.verdict).toBe(verdict);
    expect(end.met).toBe(verdict === 'better' ? true : verdict === 'worse' ? false : null);
    expect(end.next).toBe(next);
    const control = end.analysis!.arms[0]!;
    expect(Math.abs(control.mean - 2)).toBeLessThan(0.1 * spread);
    expect(control.ci[0]).toBeLessThan(control.mean);
    // Guardrails computed per group: no session ended, no order cancelled.
    expect(end.guardrails.map((g) => [g.metric, g.means])).toEqual([['session_fail_rate', [null, null]], ['cancel_rate', [0, 0]]]);
  });
});
