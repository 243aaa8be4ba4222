// 年度大促: every hour, each sale whose phase has changed switches its rules and posts the phase's script.
import type { Scenario, Job } from '../src/campaigns/scheduler/scenario.js';
import type { App } from '../src/core/types.js';
import { and, eq, gt } from 'drizzle-orm';
import { bigSales, scenarioRuns, type BigSale } from '../src/store/schema-campaigns.js';
import { groupById } from '../src/community/communities.js';
import { applyPhase, currentSales, phaseAt, saleProducts, PHASE_NAMES } from '../src/campaigns/big-sales.js';
import { imagesFor } from '../src/campaigns/scheduler/runs.js';
import { campaignText } from '../src/campaigns/scheduler/content.js';
import { shanghaiClock } from '../src/time.js';

/** The job of the sale's phase in force at `now` (none before the presale). */
export function bigSaleJob(app: App, sale: BigSale, now: number): Job | null {
  const phase = phaseAt(sale, now);
  const group = groupById(app.store, sale.groupId);
  if (phase === 'pending' || !group) return null;
  const rules = () => {
    if (applyPhase(app.store, sale.id, phase, now)) {
      app.catalogs.invalidate(sale.communityId);
      app.sessions.invalidate(sale.communityId);
    }
  };
  return {
    group,
    period: `sale-${sale.id}-${phase}`,
    rules,
    run: () => {
      const names = saleProducts(app.store, sale).filter((p) => p.status !== 'inactive').map((p) => p.name).join('、') || '精选好物';
      const text = campaignText('big_sale', phase, {
        name: sale.name, products: names, pct: sale.reservePct, from: shanghaiClock(sale.presaleAt),
        burst: shanghaiClock(sale.burstAt), encore: shanghaiClock(sale.endsAt), end: shanghaiClock(sale.endsAt),
      });
      return [{ to: 'group' as const, post: { text, images: phase === 'over' ? [] : imagesFor(app.store, sale.communityId, 'big_sale') } }];
    },
  };
}

export const bigSale: Scenario = {
  name: 'big_sale',
  title: '年度大促',
  summary: '按 /大促 设定的日期切换 蓄水期 → 爆发期 → 返场期，每个阶段发文案并切换库存规则',
  schedule: () => '0 * * * *',
  // A phase still in force is worth announcing late; the phase itself comes from the clock, not the fire.
  graceMs: 8 * 86_400_000,
  jobs({ app, community, now }) {
    return currentSales(app.store, community.id, now).flatMap((s) => bigSaleJob(app, s, now) ?? []);
  },
  // A phase in force that was not announced yet is due at the next fire; otherwise the next phase change.
  wakeAfter(app, after) {
    let next: number | null = null;
    for (const sale of app.store.db.select().from(bigSales).where(gt(bigSales.endsAt, after - 86_400_000)).all()) {
      const phase = phaseAt(sale, after);
      if (phase !== 'pending') {
        const ran = app.store.db.select({ id: scenarioRuns.id }).from(scenarioRuns).where(and(eq(scenarioRuns.scenario, 'big_sale'),
          eq(scenarioRuns.groupId, sale.groupId), eq(scenarioRuns.period, `sale-${sale.id}-${phase}`))).get();
        if (!ran) return after;
      }
      for (const at of [sale.presaleAt, sale.burstAt, sale.encoreAt, sale.endsAt]) if (at > after && (next === null || at < next)) next = at;
    }
    return next;
  },
  upcoming(app, communityId, now) {
    const sale = currentSales(app.store, communityId, now)[0];
    if (!sale) return null;
    return `「${sale.name}」现在：${PHASE_NAMES[phaseAt(sale, now)]}`;
  },
};
