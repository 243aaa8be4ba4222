// Daily rhythm: each morning (default 08:00) the leaders get yesterday's orders, the sessions running,
// what the campaigns will do today, and the messages the bot left alone yesterday (未处理的消息), privately.
import { and, asc, countDistinct, count, eq, gte, inArray, lt, sum } from 'drizzle-orm';
import type { App } from '../src/core/types.js';
import type { Scenario } from '../src/campaigns/scheduler/scenario.js';
import { members, orders } from '../src/store/schema.js';
import { unhandledMessages } from '../src/store/schema-service.js';
import { LIVE_STATUSES } from '../src/ordering/summary.js';
import { mainGroupOf } from '../src/community/communities.js';
import { openSessionsOf } from '../src/ordering/sessions.js';
import { runningTest } from '../src/campaigns/flash-tests.js';
import { currentSales, phaseAt, PHASE_NAMES } from '../src/campaigns/big-sales.js';
import { campaignsDueOn } from '../src/campaigns/calendar/campaigns.js';
import { activeQuest } from '../src/campaigns/quests.js';
import { campaignText } from '../src/campaigns/scheduler/content.js';
import { yuan } from '../src/money.js';
import { figureLine, watchedFigures } from '../src/metrics/dashboard.js';
import { communityOutlook } from '../src/forecast/community.js';
import { qtyText } from '../src/quantity.js';
import { shanghaiClock, shanghaiDay, startOfShanghaiDay } from '../src/time.js';

const DAY = 86_400_000;
/** Lines of 未处理的消息 shown; the count covers them all. */
const UNHANDLED_SHOWN = 10;
const INTENT_NAMES: Record<string, string> = {
  order: '下单', cancel: '取消', modify: '改单', complaint: '投诉', suggestion: '建议', redeem: '兑换',
  inquiry: '咨询', points_query: '查积分', order_query: '查订单', trace: '溯源', invite_query: '查邀请',
};

/** Group messages the bot left alone yesterday although an action was possible (see src/handlers/held.ts). */
function unhandledSection(app: App, communityId: number, from: number, to: number): string {
  const where = and(eq(unhandledMessages.communityId, communityId), gte(unhandledMessages.at, from), lt(unhandledMessages.at, to));
  const n = app.store.db.select({ n: count() }).from(unhandledMessages).where(where).get()!.n;
  if (n === 0) return '';
  const rows = app.store.db.select({ at: unhandledMessages.at, text: unhandledMessages.text, held: unhandledMessages.heldIntent, who: members.displayName })
    .from(unhandledMessages).leftJoin(members, eq(members.id, unhandledMessages.memberId))
    .where(where).orderBy(asc(unhandledMessages.at), asc(unhandledMessages.id)).limit(UNHANDLED_SHOWN).all();
  const lines = rows.map((r) => `  ${shanghaiClock(r.at).slice(-5)} ${r.who ?? '（未知）'}：${r.text.replace(/\s+/g, ' ').slice(0, 60)}（像是${INTENT_NAMES[r.held] ?? r.held}）`);
  const more = n > rows.length ? `\n  …还有 ${n - rows.length} 条` : '';
  return `\n· 未处理的消息（昨日 ${n} 条，机器人没把握、没有回复，请看看要不要跟进）：\n${lines.join('\n')}${more}`;
}

/** Tomorrow's three products with the most expected sales (by value), from the demand forecast. */
function tomorrowsTop(app: App, communityId: number, now: number): string | null {
  const rows = [...communityOutlook(app.store, communityId, now).values()].filter((o) => o.observedDays > 0 && o.daily[1]! > 0.05)
    .map((o) => ({ o, units: Math.round(o.daily[1]! * 10) / 10 }));
  if (rows.length === 0) return null;
  const price = new Map(app.catalogs.get(communityId).products.map((p) => [p.id, p.priceFen]));
  rows.sort((a, b) => b.units * (price.get(b.o.productId) ?? 0) - a.units * (price.get(a.o.productId) ?? 0));
  return `· 明天预计卖得多：${rows.slice(0, 3).map((r) => `${r.o.name} ${qtyText(r.units)}${r.o.unit}${r.o.fallback ? '（历史不足4周）' : ''}`).join('、')}`;
}

/** The four watched figures over the 30 days up to yesterday, with the arrow against the 30 days before. */
function watchedSection(app: App, communityId: number, yesterday: string, now: number): string {
  const lines = watchedFigures(app.store, communityId, yesterday, now).map((f) => `  ${figureLine(f)}`);
  return `\n· 重点指标（近 30 天，到昨天）：\n${lines.join('\n')}`;
}

export const morningDigest: Scenario = {
  name: 'morning_digest',
  title: '团长早报',
  summary: '每天早上（默认 08:00）私聊团长：昨日订单、在团的团购、今天的活动',
  schedule: (config) => config.campaigns.morningDigest,
  graceMs: 4 * 3600_000,
  jobs({ app, community, fireAt }) {
    const group = mainGroupOf(app.store, community.id);
    if (!group) return [];
    return [{
      group,
      period: shanghaiDay(fireAt),
      run: () => {
        const today = startOfShanghaiDay(fireAt);
        const y = app.store.db.select({ n: count(), buyers: countDistinct(orders.memberId), total: sum(orders.totalFen) }).from(orders)
          .where(and(eq(orders.communityId, community.id), inArray(orders.status, [...LIVE_STATUSES]), gte(orders.createdAt, today - DAY), lt(orders.createdAt, today))).get()!;
        const sessions = openSessionsOf(app.store, community.id).map(({ session }) => {
          const n = app.store.db.select({ n: count() }).from(orders).where(and(eq(orders.sessionId, session.id), inArray(orders.status, [...LIVE_STATUSES]))).get()!.n;
          return campaignText('morning_digest', 'session', { title: session.title, cutoff: shanghaiClock(session.cutoffAt), orders: n });
        }).join('') || campaignText('morning_digest', 'no_session');
        const extra: string[] = [];
        for (const c of campaignsDueOn(shanghaiDay(fireAt))) extra.push(`· 今天发时令活动：${c.key}【${c.theme}】`);
        const test = runningTest(app.store, community.id);
        if (test) extra.push(`· 爆款测试进行中，${shanghaiClock(test.endsAt)} 结束`);
        for (const s of currentSales(app.store, community.id, fireAt)) extra.push(`· 大促「${s.name}」：${PHASE_NAMES[phaseAt(s, fireAt)]}`);
        const top = tomorrowsTop(app, community.id, fireAt);
        if (top) extra.push(top);
        const quest = activeQuest(app.store, community.id, fireAt);
        if (quest) extra.push(`· 拼团剧本杀「${quest.story}」进行中，${shanghaiClock(quest.endsAt)} 结束`);
        const text = campaignText('morning_digest', 'main', {
          day: shanghaiDay(fireAt).slice(5), community: community.name, orders: y.n, buyers: y.buyers, total: yuan(Number(y.total ?? 0)),
          sessions, extra: extra.join('\n'),
        }).trimEnd() + watchedSection(app, community.id, shanghaiDay(today - DAY), fireAt) + unhandledSection(app, community.id, today - DAY, today);
        return [{ to: 'leaders' as const, post: { text } }];
      },
    }];
  },
};
