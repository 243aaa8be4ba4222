// The twin against the real bot: a soak week (nothing lost, nothing twice, memory flat, no crash) and a strategy
// with a known effect in the model (成团门槛 5 instead of 3 in a small community: fewer sessions form).
import { describe, expect, it } from 'vitest';
import { runTwin } from '../../twin/run.js';
import { loadTwinDefaults } from '../../twin/params.js';
import { parseStrategy } from '../../twin/strategy.js';

const PRODUCTS = ['苹果', '香蕉', '草莓', '牛奶', '鸡蛋', '五花肉', '西红柿', '大米', '纸尿裤', '青团'];
const { params } = loadTwinDefaults();
const strategy = (minMembers: number) => parseStrategy({
  name: `成团 ${minMembers} 人`, sessions: [{ days: '每天', open: '08:00', cutoff: '20:00', products: '全部', minMembers }],
  restock: { at: '07:00', level: 1 }, arrival: '次日 10:00', campaigns: true, nps: [5],
}, PRODUCTS);

describe('the digital twin on the real bot', () => {
  it('soaks 7 days × 100 residents: every meant order exists once, no message sent twice, memory flat, no crash', async () => {
    const r = await runTwin({ days: 7, residents: 100, strategy: strategy(3), params, seed: 11, startDay: '2026-11-02' });
    expect(r.ledger.meant).toBeGreaterThanOrEqual(10); // the week really had orders to check
    expect(r.ledger.missing).toBe(0); // confirmed to the resident but not in the store
    expect(r.ledger.duplicated).toBe(0); // one intent, two orders (a retry after a misread)
    expect(r.ledger.stray).toBe(0); // an order no resident meant
    expect(r.ledger.recorded).toBe(r.ledger.confirmed);
    // The puppet delivered exactly the rows the outbox marked sent: nothing twice, nothing lost on the way.
    expect(r.health.delivered).toBe(r.health.sentRows);
    expect(r.health.crashes).toBe(0);
    expect(r.health.rssMbByDay).toHaveLength(7);
    expect(r.health.rssMbByDay[6]! - r.health.rssMbByDay[1]!).toBeLessThan(40);
    // Replies go out within the WeChat limits in simulated time: seconds, not the hours between events.
    expect(r.health.outboxLagMaxMs).toBeLessThan(10 * 60_000);
  }, 90_000);

  it('forms fewer sessions and takes fewer orders with 成团门槛 5 than with 3 in a small community, across seeds', async () => {
    // A small community that is already in the group (everyone joins in the first two days): a few buyers a day.
    // On a seed where every session had 5 buyers or fewer than 3 the two tie; the sign must never flip.
    const small = { ...params, coldStartDays: 2 };
    let formed3 = 0;
    let formed5 = 0;
    for (const seed of [1, 2, 3]) {
      const three = await runTwin({ days: 8, residents: 40, strategy: strategy(3), params: small, seed, startDay: '2026-11-02' });
      const five = await runTwin({ days: 8, residents: 40, strategy: strategy(5), params: small, seed, startDay: '2026-11-02' });
      expect(five.sessionsFormed).toBeLessThanOrEqual(three.sessionsFormed);
      expect(five.metrics.orders!).toBeLessThanOrEqual(three.metrics.orders!);
      formed3 += three.sessionsFormed;
      formed5 += five.sessionsFormed;
    }
    expect(formed5).toBeLessThan(formed3);
  }, 120_000);
});
