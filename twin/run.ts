// One run of the twin: a community of residents living `days` days against the real bot (driver.ts), the leader
// following a strategy; returns the dashboard figures from the bot's store and the bot's health.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { seededRandom } from '../src/experiments/random.js';
import { computeMetrics } from '../src/metrics/compute.js';
import { addDays } from '../src/metrics/period.js';
import type { Metrics } from '../src/metrics/definitions.js';
import { listProducts, readCatalogFile } from '../src/catalog/catalog.js';
import { loadDemo } from '../src/community/demo.js';
import { DATA_DIR } from '../src/config.js';
import { shanghaiDay, startOfShanghaiDay } from '../src/time.js';
import { fromMilli } from '../src/quantity.js';
import { startTwinBot, type TwinBot } from './driver.js';
import type { TwinParams } from './params.js';
import type { SessionPlan, Strategy } from './strategy.js';
import { chatterText, inquiryText, lateComplaint, orderText, qualityComplaint, scoreText, type Item, type Rand } from './phrases.js';
import { DAY_MS, createResidents, dailyChurn, momentToday, npsScore, onBadExperience, onJoined, onOrdered, type Resident } from './residents.js';

export interface RunOptions {
  days: number;
  residents: number;
  strategy: Strategy;
  params: TwinParams;
  seed: number;
  /** First simulated day (Beijing date, YYYY-MM-DD); the run covers it and the `days - 1` after it. */
  startDay: string;
  /** Where the bot's database goes (default: a temp dir, removed afterwards). */
  dbPath?: string;
  /** Called once per simulated day. */
  onDay?: (day: number, days: number) => void;
}

export interface Health {
  messages: number;
  misread: number;
  misreadByKind: Record<string, number>;
  /** The first few misread messages: what the resident wrote, what they meant, what the bot answered. */
  misreadSamples: { kind: string; text: string; replies: string[] }[];
  crashes: number;
  outboxLagMaxMs: number;
  outboxLagAvgMs: number;
  peakRssMb: number;
  rssMbByDay: number[];
  delivered: number;
  sentRows: number;
}

export interface Ledger { meant: number; confirmed: number; recorded: number; missing: number; duplicated: number; stray: number }

export interface RunResult {
  metrics: Metrics;
  /** The figures of the cold start alone (the first coldStartDays days, or the whole run when shorter). */
  coldStart: Metrics;
  complaints: number;
  sessionsFormed: number;
  sessionsFailed: number;
  health: Health;
  ledger: Ledger;
  wallMs: number;
}

interface Product { name: string; unit: string; priceFen: number; category: string; aliases: string[]; id: number; stock: number }

type Intent =
  | { kind: 'order'; items: Item[]; intentId: number }
  | { kind: 'chatter' | 'inquiry' | 'score' }
  | { kind: 'complaint' };

interface Event { at: number; run: () => Promise<void> }

const HOUR = 3_600_000;
const SLOT_MS = 5 * 60_000;

export async function runTwin(o: RunOptions): Promise<RunResult> {
  const t0 = performance.now();
  const r: Rand = seededRandom(o.seed);
  const P = o.params;
  const tmp = o.dbPath ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'lintuan-twin-'));
  const dbPath = o.dbPath ?? path.join(tmp!, 'twin.db');
  const start = startOfShanghaiDay(Date.parse(`${o.startDay}T12:00+08:00`));
  const bot: TwinBot = await startTwinBot({ dbPath, dir: path.dirname(dbPath), start, campaigns: o.strategy.campaigns });
  const residents = createResidents(o.residents, P, start, r);
  const byContact = new Map(residents.map((x) => [`twin-${x.key}`, x]));
  const catalogStock = new Map(readCatalogFile(path.join(DATA_DIR, 'demo-catalog.json')).map((e) => [e.name, e.stock ?? 0]));
  const products: Product[] = listProducts(bot.store, bot.communityId).map((p) => ({
    name: p.name, unit: p.unit, priceFen: p.priceFen, category: p.category, aliases: JSON.parse(p.aliases) as string[], id: p.id, stock: 0,
  }));
  const maxPrice = Math.max(...products.map((p) => p.priceFen));
  const health: Health = { messages: 0, misread: 0, misreadByKind: {}, misreadSamples: [], crashes: 0, outboxLagMaxMs: 0, outboxLagAvgMs: 0, peakRssMb: 0, rssMbByDay: [], delivered: 0, sentRows: 0 };
  // Per intended order: the message ids written for it (a retry after a misread adds one) and whether the bot confirmed it.
  const intents: { msgIds: string[]; confirmed: boolean }[] = [];
  const orderOf = bot.store.sqlite.prepare('SELECT id FROM orders WHERE source_msg_id = ?');
  const itemsOf = bot.store.sqlite.prepare('SELECT product_id AS productId, qty_milli AS qty FROM order_items WHERE order_id = ? AND cancelled_at IS NULL');
  const stockOf = bot.store.sqlite.prepare('SELECT stock_milli AS s FROM products WHERE id = ?');
  const ticketOf = bot.store.sqlite.prepare('SELECT id FROM tickets WHERE source_msg_id = ?');

  const say = async (res: Resident | null, text: string, at: number, intent: Intent): Promise<string[]> => {
    const id = await bot.say(res ? res.key : '团长', text, at);
    if (!res) return bot.repliesTo(id);
    health.messages++;
    res.messages++;
    const replies = bot.repliesTo(id);
    const misread = (kind: string) => {
      health.misread++;
      health.misreadByKind[kind] = (health.misreadByKind[kind] ?? 0) + 1;
      if (health.misreadSamples.length < 10) health.misreadSamples.push({ kind, text, replies });
    };
    const order = orderOf.get(id) as { id: number } | undefined;
    const ticket = ticketOf.get(id) as { id: number } | undefined;
    if (intent.kind === 'order') {
      const entry = intents[intent.intentId]!;
      entry.msgIds.push(id);
      const refused = replies.some((t) => /没有下单|已售罄|只剩/.test(t));
      if (order) {
        const got = itemsOf.all(order.id) as { productId: number; qty: number }[];
        const wanted = intent.items.map((it) => ({ productId: products.find((p) => p.name === it.product)!.id, qty: it.qty }));
        const right = wanted.every((w) => got.some((g) => g.productId === w.productId && fromMilli(g.qty) === w.qty))
          && got.length === wanted.length;
        if (!right && !refused) misread('order_recorded_wrong');
        entry.confirmed = true;
        res.lastProducts = intent.items.map((it) => it.product);
        onOrdered(res, at, r);
        if (refused) onBadExperience(res, P, r);
      } else if (refused) {
        onBadExperience(res, P, r);
        res.wantAt = at + DAY_MS; // tries again tomorrow
      } else {
        misread('order_not_recorded');
        return replies;
      }
      if (ticket) misread('ticket_not_complaint');
    } else if (intent.kind === 'complaint') {
      if (!ticket) misread('complaint_missed');
      if (order) misread('order_from_complaint');
    } else {
      if (order) misread(`order_from_${intent.kind}`);
      else if (ticket) misread('ticket_not_complaint');
      else if (intent.kind === 'chatter' && replies.length > 0) misread('reply_to_chatter');
    }
    return replies;
  };

  const orderItems = (res: Resident, offer: Product[]): Item[] => {
    const n = r() < 0.7 ? 1 : r() < 0.85 ? 2 : 3;
    const pool = [...offer];
    const items: Item[] = [];
    for (let k = 0; k < n && pool.length; k++) {
      const w = pool.map((p) => (res.prof.categories[p.category] ?? 0.3) * (1 - 0.7 * res.priceSensitivity * p.priceFen / maxPrice));
      let x = r() * w.reduce((s, v) => s + v, 0);
      let i = 0;
      for (; i < w.length - 1; i++) { x -= w[i]!; if (x <= 0) break; }
      const p = pool.splice(i, 1)[0]!;
      items.push({ product: p.name, unit: p.unit, aliases: p.aliases, qty: r() < 0.6 ? 1 : r() < 0.75 ? 2 : 3 });
    }
    return items;
  };

  const placeOrder = async (res: Resident, at: number, offer: Product[]) => {
    const items = orderItems(res, offer);
    const intentId = intents.push({ msgIds: [], confirmed: false }) - 1;
    const intent: Intent = { kind: 'order', items, intentId };
    const before = health.misread;
    await say(res, orderText(items, r, { typo: P.typoRate, emoji: P.emojiRate }), at, intent);
    // Not understood: many rewrite it plainly, as the bot's example shows.
    if (health.misread > before && !intents[intentId]!.confirmed && r() < P.retryAfterMisread) {
      await say(res, items.map((it) => `${it.product}${it.qty}${it.unit}`).join(' '), at + 40_000, intent);
    }
  };

  await bot.say('团长', `/截单 ${loadDemo().session.title}`, start);
  const sessionsByDay: { plan: SessionPlan; day: number; title: string }[] = [];
  let lift = 1;
  for (let d = 0; d < o.days; d++) {
    const dayStart = start + d * DAY_MS;
    const weekday = ((new Date(dayStart + 8 * HOUR).getUTCDay() + 6) % 7) + 1;
    const events: Event[] = [];
    const plans = o.strategy.sessions.filter((s) => s.days.includes(weekday));
    // The leader: stock in the morning, the sessions, yesterday's goods arriving, the NPS question.
    if (o.strategy.restock) {
      const level = o.strategy.restock.level * o.residents / 300;
      events.push({ at: dayStart + o.strategy.restock.at * 60_000, run: async () => {
        // Like a leader glancing at /库存: only what fell below half of its level is topped up.
        for (const p of products) {
          const want = Math.max(1, Math.round((catalogStock.get(p.name) ?? 0) * level));
          const left = fromMilli((stockOf.get(p.id) as { s: number }).s);
          if (left < want / 2) await bot.say('团长', `/库存 ${p.name} ${want}`, dayStart + o.strategy.restock!.at * 60_000);
        }
      } });
    }
    const yesterday = sessionsByDay.filter((s) => s.day === d - 1);
    if (yesterday.length) {
      const at = dayStart + o.strategy.arrival * 60_000;
      events.push({ at, run: async () => { await bot.say('团长', '/到货', at); } });
      const late = o.strategy.arrival >= P.lateComplaintHour * 60;
      const buyers = residents.filter((x) => x.joined && !x.silent && x.lastOrderAt !== null && x.lastOrderAt >= dayStart - DAY_MS && x.lastOrderAt < dayStart);
      for (const b of buyers) {
        const failed = r() < P.qualityFailRate;
        if (!failed && !late) continue;
        onBadExperience(b, P, r);
        if (r() >= P.complainWhenFailed) continue;
        const t = failed ? momentToday(b, dayStart, at + HOUR, dayStart + DAY_MS, r) : dayStart + P.lateComplaintHour * HOUR + Math.floor(r() * 50) * 60_000;
        const product = b.lastProducts[Math.floor(r() * b.lastProducts.length)] ?? products[0]!.name;
        if (t !== null) events.push({ at: t, run: async () => { await say(b, failed ? qualityComplaint(product, r) : lateComplaint(r), t, { kind: 'complaint' }); } });
        if (failed && t !== null) events.push({ at: t + 30 * 60_000, run: async () => { await bot.say('团长', `/报损 ${product} 1 变质`, t + 30 * 60_000); } });
      }
    }
    if (o.strategy.nps.includes(d + 1)) {
      const at = dayStart + 10 * HOUR;
      events.push({ at, run: async () => { await bot.say('团长', '/推荐度', at); } });
      for (const x of residents) {
        if (!x.joined || x.silent || x.joinAt > at || r() >= P.npsResponse) continue;
        const t = momentToday(x, dayStart, at + 60_000, dayStart + DAY_MS, r) ?? momentToday(x, dayStart + DAY_MS, 0, Infinity, r);
        if (t !== null) events.push({ at: t, run: async () => { await say(x, scoreText(npsScore(x, P, r), r), t, { kind: 'score' }); } });
      }
    }
    for (const [i, plan] of plans.entries()) {
      const title = `${shanghaiDay(dayStart).slice(5)}团购${plans.length > 1 ? i + 1 : ''}`;
      const open = dayStart + plan.open * 60_000;
      const offer = plan.products ? products.filter((p) => plan.products!.includes(p.name)) : products;
      sessionsByDay.push({ plan, day: d, title });
      events.push({ at: open, run: async () => {
        const names = plan.products ? plan.products.join(' ') : '全部';
        await bot.say('团长', `/开团 ${title} ${String(Math.floor(plan.cutoff / 60)).padStart(2, '0')}:${String(plan.cutoff % 60).padStart(2, '0')} ${names}${plan.minMembers ? ` 成团 ${plan.minMembers}人` : ''}`, open);
      } });
      const cutoff = dayStart + plan.cutoff * 60_000;
      for (const x of residents) {
        if (!x.converter || x.silent) continue;
        if (x.joinAt >= cutoff) continue;
        // A campaign post or a reminder brings some wants forward.
        const due = x.wantAt !== null && x.wantAt < cutoff;
        const pulled = !due && x.wantAt !== null && x.orders > 0 && r() < (lift - 1) / Math.max(1, x.intervalDays);
        if (!due && !pulled) continue;
        const t = momentToday(x, dayStart, Math.max(open + 60_000, x.joinAt + 60_000, due ? x.wantAt! : 0), cutoff - 60_000, r)
          ?? (cutoff - open > 2 * HOUR ? cutoff - Math.floor(r() * 90 + 5) * 60_000 : null);
        if (t !== null && t > open) events.push({ at: t, run: () => placeOrder(x, t, offer) });
      }
    }
    for (const x of residents) {
      dailyChurn(x, P, r);
      if (x.silent || x.joinAt > dayStart + DAY_MS) continue;
      if (!x.joined && x.joinAt < dayStart + DAY_MS) {
        const at = Math.max(x.joinAt, dayStart);
        const invited = r() < P.inviteShare;
        const pool = invited ? residents.filter((y) => y.joined && !y.silent && y.orders > 0 && y.bad < 2) : [];
        const inviter = pool.length ? pool[Math.floor(r() * pool.length)]! : null;
        events.push({ at, run: async () => { await bot.join(x.key, x.nickname, inviter?.key ?? null, at); onJoined(x, P, r); } });
      }
      if (r() < P.chatterPerDay * x.prof.chatter) {
        const t = momentToday(x, dayStart, Math.max(dayStart, x.joinAt + 120_000), dayStart + DAY_MS, r);
        if (t !== null) events.push({ at: t, run: async () => { if (x.joined && !x.silent) await say(x, chatterText(r, x.building), t, { kind: 'chatter' }); } });
      }
      if (r() < P.inquiryPerDay && plans.length) {
        const t = momentToday(x, dayStart, Math.max(dayStart + plans[0]!.open * 60_000 + 60_000, x.joinAt + 120_000), dayStart + plans[0]!.cutoff * 60_000, r);
        const p = products[Math.floor(r() * products.length)]!.name;
        if (t !== null) events.push({ at: t, run: async () => { if (x.joined && !x.silent) await say(x, inquiryText(p, r), t, { kind: 'inquiry' }); } });
      }
    }
    events.sort((a, b) => a.at - b.at);
    // The clock moves once per five-minute slot that has events (the jobs and the outbox run up to the slot's first
    // event, so replies go out at their moment under the WeChat limits), then is held at each event of the slot.
    // Every cron fire of the bot is on a five-minute boundary (the cut-off reminder's */5 is the finest), so none
    // falls between two events of a slot; deadlines the store knows (SLA, cut-off) are periodic jobs, which run at
    // the start of every advance.
    let slot = -1;
    for (const e of events) {
      const s = Math.floor(e.at / SLOT_MS);
      if (s !== slot) { slot = s; await bot.advanceTo(e.at); }
      await e.run();
    }
    await bot.advanceTo(dayStart + DAY_MS);
    // What the bot did today feeds back: a session that did not form disappoints everyone who ordered in it.
    const failed = bot.store.sqlite.prepare(`SELECT DISTINCT m.contact_id AS c FROM orders o JOIN sessions s ON s.id = o.session_id JOIN members m ON m.id = o.member_id
      WHERE s.status = 'failed' AND s.closed_at >= ? AND s.closed_at < ?`).all(dayStart, dayStart + DAY_MS) as { c: string }[];
    for (const f of failed) { const x = byContact.get(f.c); if (x) onBadExperience(x, P, r); }
    // Today's posts lift tomorrow's wants: a campaign (live day, seasonal, flash test, big sale) more than a reminder.
    const posted = new Set((bot.store.sqlite.prepare(`SELECT DISTINCT scenario FROM scenario_runs WHERE status = 'posted' AND at >= ? AND at < ?`)
      .all(dayStart, dayStart + DAY_MS) as { scenario: string }[]).map((x) => x.scenario));
    lift = ['live_day', 'seasonal', 'flash_test', 'flash_result', 'big_sale'].some((n) => posted.has(n)) ? P.campaignLift
      : posted.has('cutoff_reminder') ? P.reminderLift : 1;
    const rss = process.memoryUsage().rss / 1e6;
    health.rssMbByDay.push(Math.round(rss));
    health.peakRssMb = Math.max(health.peakRssMb, Math.round(rss));
    o.onDay?.(d + 1, o.days);
  }

  const q = <T>(sql: string, ...args: unknown[]) => bot.store.sqlite.prepare(sql).get(...args) as T;
  const lag = q<{ mx: number | null; av: number | null; n: number }>(`SELECT max(sent_at - not_before) AS mx, avg(sent_at - not_before) AS av, count(*) AS n FROM outbox WHERE status = 'sent'`);
  health.outboxLagMaxMs = lag.mx ?? 0;
  health.outboxLagAvgMs = Math.round(lag.av ?? 0);
  health.sentRows = lag.n;
  health.delivered = bot.delivered();
  health.crashes = bot.errors();
  const ledger: Ledger = { meant: intents.length, confirmed: 0, recorded: 0, missing: 0, duplicated: 0, stray: 0 };
  const allOrders = (q<{ n: number }>('SELECT count(*) AS n FROM orders WHERE member_id IN (SELECT id FROM members WHERE contact_id LIKE ?)', 'twin-%')).n;
  let counted = 0;
  for (const it of intents) {
    const n = it.msgIds.filter((id) => orderOf.get(id)).length;
    counted += n;
    if (it.confirmed) ledger.confirmed++;
    if (n >= 1) ledger.recorded++;
    if (it.confirmed && n === 0) ledger.missing++;
    if (n > 1) ledger.duplicated++;
  }
  ledger.stray = allOrders - counted;
  const lastDay = addDays(o.startDay, o.days - 1);
  const metrics = computeMetrics(bot.store, { communityId: bot.communityId, from: o.startDay, to: lastDay }, bot.now());
  const coldStart = computeMetrics(bot.store, { communityId: bot.communityId, from: o.startDay, to: addDays(o.startDay, Math.min(o.days, P.coldStartDays) - 1) }, bot.now());
  const complaints = q<{ n: number }>('SELECT count(*) AS n FROM tickets WHERE community_id = ?', bot.communityId).n;
  const sess = q<{ ok: number; failed: number }>(`SELECT sum(status = 'closed') AS ok, sum(status = 'failed') AS failed FROM sessions
    WHERE community_id = ? AND created_at >= ? AND title <> ?`, bot.communityId, start, loadDemo().session.title);
  await bot.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  return { metrics, coldStart, complaints, sessionsFormed: sess.ok ?? 0, sessionsFailed: sess.failed ?? 0, health, ledger, wallMs: Math.round(performance.now() - t0) };
}
