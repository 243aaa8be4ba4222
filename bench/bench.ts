// `npm run bench`: the real bot on the mock puppet with a real SQLite file, against a floor bot
// (same puppet, same stream, one prepared INSERT per message) measured in the same run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { WechatyBuilder, types as wechatyTypes } from 'wechaty';
import { PuppetMock, mock } from 'wechaty-puppet-mock';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/log.js';
import { openSqlite, openStore } from '../src/store/db.js';
import { createApp } from '../src/core/app.js';
import { handlers } from '../src/handlers/index.js';
import { bindGroup } from '../src/community/communities.js';
import { openSession } from '../src/ordering/sessions.js';
import { readCatalogFile, upsertProducts } from '../src/catalog/catalog.js';
import { DATA_DIR } from '../src/config.js';
import { commands } from '../commands/index.js';
import { createBot } from '../bot/bot.js';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 50_000);
const COMMUNITIES = 5;
const FUNCTION_GROUPS = 3;
const RESIDENTS_PER_COMMUNITY = 200;
const PACED_RATE = 1000; // messages per second
const PACED_SECONDS = Number(process.env.BENCH_PACED_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

// Deterministic stream (mulberry32), so the bot and the floor see the same messages.
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const catalog = readCatalogFile(path.join(DATA_DIR, 'demo-catalog.json'));
const CHATTER = ['大家早上好', '今天天气不错', '谢谢团长', '收到', '好的好的', '明天几点到货？', '草莓甜不甜', '哈哈哈',
  '楼下快递柜满了', '[强]', '有人拼车去超市吗', '我家孩子2岁了', '今天买了2斤苹果回家', '辛苦了', '晚安'];
const NUMS = ['1', '2', '3', '两', '一', '半', '1.5', '4'];

interface Msg { talker: string; room: string; text: string }

function buildStream(n: number, seed: number, rooms: string[][], residents: string[][]): Msg[] {
  const r = rng(seed);
  const pick = <T>(a: T[]) => a[Math.floor(r() * a.length)]!;
  const out: Msg[] = [];
  for (let i = 0; i < n; i++) {
    const c = Math.floor(r() * COMMUNITIES);
    const p = pick(catalog);
    const roll = r();
    let text: string;
    if (roll < 0.45) text = r() < 0.5 ? `${p.name}${pick(NUMS)}${p.unit}` : `要${pick(NUMS)}${p.unit}${p.name}`;
    else if (roll < 0.47) text = '/帮助';
    else text = pick(CHATTER);
    out.push({ talker: pick(residents[c]!), room: pick(rooms[c]!), text });
  }
  return out;
}

interface World { mocker: mock.Mocker; rooms: string[][]; residents: string[][]; botId: string }

function buildWorld(mocker: mock.Mocker): World {
  const bot = mocker.createContact({ id: 'bench-bot', name: '邻团' });
  const rooms: string[][] = [];
  const residents: string[][] = [];
  for (let c = 0; c < COMMUNITIES; c++) {
    const people: string[] = [];
    for (let i = 0; i < RESIDENTS_PER_COMMUNITY; i++) {
      const id = `c${c}-r${i}`;
      mocker.createContact({ id, name: `${1 + (i % 20)}-${101 + i} 居民${i}` });
      people.push(id);
    }
    residents.push(people);
    const list: string[] = [];
    for (let g = 0; g <= FUNCTION_GROUPS; g++) {
      const id = `c${c}-g${g}@chatroom`;
      mocker.createRoom({ id, topic: `小区${c}-${g === 0 ? '主群' : `功能群${g}`}`, memberIdList: [bot.id, ...people] });
      list.push(id);
    }
    rooms.push(list);
  }
  return { mocker, rooms, residents, botId: bot.id };
}

/** Emits a message the way ContactMock.say does, but with our own id so latency can be matched. */
function inject(world: World, m: Msg, id: string): void {
  world.mocker.MessageMock.create({ id, talkerId: m.talker, roomId: m.room, timestamp: Date.now(), type: wechatyTypes.Message.Text, text: m.text, mentionIdList: [] });
  world.mocker.puppet.emit('message', { messageId: id });
}

/** Injects in bursts so the event loop keeps handling; resolves when every message is handled. */
async function flood(world: World, stream: Msg[], prefix: string, whenHandled: (n: number) => Promise<void>, base: number): Promise<number> {
  const t0 = performance.now();
  const BURST = 200;
  for (let i = 0; i < stream.length; i += BURST) {
    for (let j = i; j < Math.min(stream.length, i + BURST); j++) inject(world, stream[j]!, `${prefix}-${j}`);
    await whenHandled(base + Math.min(stream.length, i + BURST) - BURST * 4); // keep a bounded backlog
  }
  await whenHandled(base + stream.length);
  return performance.now() - t0;
}

async function runBot(dir: string, stream: Msg[], paced: Msg[] | null, file: string) {
  const config = loadConfig({ DATABASE_PATH: path.join(dir, file), LOG_LEVEL: 'silent', OUTBOX_DAILY_CAP: '0' }, dir);
  const store = openStore(config.databasePath);
  const mocker = new mock.Mocker();
  const world = buildWorld(mocker);
  world.rooms.forEach((list, c) => list.forEach((roomId, g) => {
    const r = bindGroup(store, { roomId, topic: `小区${c}-${g}`, communityName: `小区${c}`, kind: g === 0 ? 'main' : 'function', label: g === 0 ? null : `功能${g}` }, Date.now());
    if (r.ok && g === 0) {
      upsertProducts(store, r.community.id, catalog.map((p) => ({ ...p, stock: 1e9 })), Date.now());
      openSession(store, { communityId: r.community.id, groupId: r.group.id, title: '压测团', cutoffAt: Date.now() + 86_400_000, productNames: catalog.map((p) => p.name), createdBy: 'bench' }, Date.now());
    }
  }));
  const app = createApp({ store, config, log: createLogger('silent'), commands });
  const bot = createBot(app, handlers, { kind: 'mock', puppet: new PuppetMock({ mocker }), mocker });
  await bot.start();
  mocker.login(mocker.ContactMock.load(world.botId));
  await new Promise((r) => setTimeout(r, 50));

  const ms = await flood(world, stream, 'm', bot.whenHandled, 0);
  const orders = (store.sqlite.prepare('SELECT count(*) AS n FROM orders').get() as { n: number }).n;
  if (!paced) {
    await bot.stop();
    store.close();
    return { ms, orders, p50: NaN, p99: NaN };
  }

  // Paced pass: a steady rate; latency = injected into the puppet → handled and its writes (the
  // order and the reply row in the outbox) committed.
  const started = new Map<string, number>();
  const latencies: number[] = [];
  bot.onHandled((id) => {
    const t = started.get(id);
    if (t !== undefined) store.batch.afterCommit(() => latencies.push(performance.now() - t));
  });
  const total = PACED_RATE * PACED_SECONDS;
  const base = bot.handled();
  const t0 = performance.now();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - t0) / 1000) * PACED_RATE));
    for (; sent < due; sent++) {
      const id = `p-${sent}`;
      started.set(id, performance.now());
      inject(world, paced[sent % paced.length]!, id);
    }
    await new Promise((r) => setTimeout(r, 1));
  }
  await bot.whenHandled(base + total);
  await bot.stop();
  store.close();
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!;
  return { ms, orders, p50: q(0.5), p99: q(0.99) };
}

async function runFloor(dir: string, stream: Msg[], file: string) {
  const sqlite = openSqlite(path.join(dir, file));
  sqlite.exec('CREATE TABLE IF NOT EXISTS seen (id TEXT PRIMARY KEY, talker TEXT, room TEXT, text TEXT, at INTEGER)');
  const insert = sqlite.prepare('INSERT INTO seen VALUES (?, ?, ?, ?, ?)');
  const insertTx = sqlite.transaction((a: string, b: string, c: string, d: string) => insert.run(a, b, c, d, Date.now()));
  const mocker = new mock.Mocker();
  const world = buildWorld(mocker);
  const wechaty = WechatyBuilder.build({ puppet: new PuppetMock({ mocker }) });
  let handled = 0;
  let waiters: { n: number; resolve: () => void }[] = [];
  wechaty.on('message', (msg) => {
    if (msg.self()) return;
    insertTx(msg.id, msg.talker().id, msg.room()?.id ?? '', msg.text());
    handled++;
    const ready = waiters.filter((w) => w.n <= handled);
    if (ready.length) { waiters = waiters.filter((w) => w.n > handled); ready.forEach((w) => w.resolve()); }
  });
  await wechaty.start();
  mocker.login(mocker.ContactMock.load(world.botId));
  await new Promise((r) => setTimeout(r, 50));
  const whenHandled = (n: number) => (n <= handled ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ n, resolve })));
  const ms = await flood(world, stream, 'f', whenHandled, 0);
  await wechaty.stop();
  sqlite.close();
  return { ms };
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lintuan-bench-'));
  const shape = new mock.Mocker();
  const world = buildWorld(shape);
  const stream = buildStream(MESSAGES, 42, world.rooms, world.residents);
  const paced = buildStream(PACED_RATE * PACED_SECONDS, 7, world.rooms, world.residents);
  const orderShare = stream.filter((m) => !m.text.startsWith('/') && !CHATTER.includes(m.text)).length / stream.length;

  // Floor and bot alternate for a few rounds (fresh database each) and the medians are compared, so
  // drift and noise on a shared machine hit both sides alike. The paced latency pass runs once, last.
  const floorMs: number[] = [];
  const botMs: number[] = [];
  let bot = { ms: 0, orders: 0, p50: NaN, p99: NaN };
  for (let round = 0; round < ROUNDS; round++) {
    floorMs.push((await runFloor(dir, stream, `floor${round}.db`)).ms);
    globalThis.gc?.();
    bot = await runBot(dir, stream, round === ROUNDS - 1 ? paced : null, `bot${round}.db`);
    botMs.push(bot.ms);
    globalThis.gc?.();
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const throughput = MESSAGES / (median(botMs) / 1000);
  const floorRate = MESSAGES / (median(floorMs) / 1000);
  console.log(`rounds: ${ROUNDS}; bot ${botMs.map((m) => (MESSAGES / m * 1000).toFixed(0)).join('/')} msg/s, floor ${floorMs.map((m) => (MESSAGES / m * 1000).toFixed(0)).join('/')} msg/s`);
  const rss = process.memoryUsage().rss / 1024 / 1024;
  console.log(`stream: ${MESSAGES} messages, ${(orderShare * 100).toFixed(1)}% orders, ${COMMUNITIES} communities x ${FUNCTION_GROUPS + 1} groups, ${COMMUNITIES * RESIDENTS_PER_COMMUNITY} residents; orders stored: ${bot.orders}`);
  console.log(`bench: messages=${MESSAGES} throughput=${throughput.toFixed(0)} msg/s floor=${floorRate.toFixed(0)} msg/s ratio=${(throughput / floorRate).toFixed(2)} p50=${bot.p50.toFixed(2)} ms p99=${bot.p99.toFixed(2)} ms rss=${rss.toFixed(0)} MB`);
  fs.rmSync(dir, { recursive: true, force: true });
}

await main();
process.exit(0);
