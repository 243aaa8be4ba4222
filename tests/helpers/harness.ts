// A real bot on the mock puppet with a real SQLite file in a temp dir: the path residents' messages take.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { openStore, type Store } from '../../src/store/db.js';
import { createApp } from '../../src/core/app.js';
import type { App } from '../../src/core/types.js';
import { clockFrom, movableClock, parseClockStart } from '../../src/clock.js';
import { handlers } from '../../src/handlers/index.js';
import { loadDemo, seedDemo } from '../../src/community/demo.js';
import { bindGroup } from '../../src/community/communities.js';
import { upsertMember } from '../../src/growth/members.js';
import { commands } from '../../commands/index.js';
import { choosePuppet } from '../../bot/puppet.js';
import { createBot, type LintuanBot } from '../../bot/bot.js';
import { buildWorld, mentionsIn, type SimWorld } from '../../bot/simulator.js';
import { types as wechatyTypes } from 'wechaty';
import { FileBox } from 'file-box';
import { waitUntil } from './wait.js';

/** A message the bot sent; `file` is the file name when it sent a file. */
export interface Sent { conversationId: string; text: string; file?: string }

export interface Harness {
  dir: string;
  dbPath: string;
  store: Store;
  app: App;
  bot: LintuanBot;
  world: SimWorld;
  communityId: number;
  /** Everything the bot sent through the puppet, in order. */
  sent: Sent[];
  /** A person speaks in a room (main group by default); resolves when handled and the replies are out. */
  say(name: string, text: string, roomTopic?: string): Promise<Sent[]>;
  /** A person writes to the bot privately. */
  sayPrivately(name: string, text: string): Promise<Sent[]>;
  /** A person posts a photo or video (by file name: .jpg/.png → image, .mp4 → video) in a room, or privately with `to: 'private'`. */
  sendMedia(name: string, fileName: string, to?: string): Promise<Sent[]>;
  /** Re-emits an already delivered message id (a puppet re-delivery). */
  redeliver(messageId: string): Promise<Sent[]>;
  /**
   * The simulator's clock line (bot/sim-clock.ts): moves the clock forward to a Shanghai time ('2026-11-02 09:00'),
   * running every timed job at its moment in between; resolves with what the bot sent meanwhile. Throws when the
   * time is not after now, or when the test injected its own clock.
   */
  advanceTo(when: string): Promise<Sent[]>;
  /** Waits until the outbox is drained and every sent message has been echoed back by the puppet. */
  settle(): Promise<void>;
  lastMessageId(): string;
  /** A second community with its own main group (topic `${name}团购群`) and a leader `${name}团长`: for isolation tests. */
  addCommunity(name: string): { communityId: number; roomTopic: string; leaderName: string; leaderId: string };
  stop(): Promise<void>;
}

/**
 * The tests' clock: starts at LINTUAN_SIM_START (default 2026-12-03 19:40 Beijing time, four days before 大雪, the
 * hour CI once failed at) and runs at real speed, so no test depends on the day or hour it runs.
 */
export const TEST_START = parseClockStart(process.env.LINTUAN_SIM_START ?? '2026-12-03T19:40+08:00')!;
export const testClock = () => clockFrom(TEST_START);
/** The child-process environment that gives a CLI run the same clock. */
export const TEST_CLOCK_ENV = { LINTUAN_SIM_START: new Date(TEST_START).toISOString() };

/** `now` injects the app clock (the outbox sender reads it too, so rows queued at an injected time go out). */
export async function startHarness(opts: { env?: Record<string, string>; dir?: string; seed?: boolean; now?: () => number } = {}): Promise<Harness> {
  const dir = opts.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'lintuan-test-'));
  const dbPath = path.join(dir, 'lintuan.db');
  const config = loadConfig({
    // Scheduled campaigns stay off unless a test asks for them (CAMPAIGNS: '1'): their posts would interleave with the flow under test.
    DATABASE_PATH: dbPath, OUTBOX_MIN_INTERVAL_MS: '0', OUTBOX_JITTER_MS: '0', LOG_LEVEL: 'silent', CAMPAIGNS: '0', ...opts.env,
  }, dir);
  const log = createLogger(config.logLevel);
  const store = openStore(config.databasePath);
  // The harness's own clock can be moved forward (advanceTo); an injected one cannot.
  const clock = opts.now ? null : movableClock(TEST_START);
  const app = createApp({ store, config, log, commands, now: opts.now ?? clock!.now });
  const demo = loadDemo();
  const { communityId } = opts.seed === false ? { communityId: 0 } : seedDemo(store, demo, app.now());
  const choice = choosePuppet(config, dir);
  if (choice.kind !== 'mock') throw new Error('harness needs the mock puppet');
  const world = buildWorld(choice.mocker, demo);
  const bot = createBot(app, handlers, choice);
  const sent: Sent[] = [];
  let naming = 0; // file names still being read
  bot.wechaty.on('message', async (msg) => {
    if (!msg.self()) return;
    const entry: Sent = { conversationId: msg.room()?.id ?? msg.listener()?.id ?? '', text: msg.text() };
    sent.push(entry); // in arrival order; the file name is filled in below
    if (msg.type() !== wechatyTypes.Message.Text) {
      naming++;
      entry.file = (await msg.toFileBox()).name;
      naming--;
    }
  });
  await bot.start();
  // The bot's own login handler (sender, tickers) was registered first, so it has run when this resolves.
  const loggedIn = new Promise<void>((resolve) => bot.wechaty.once('login', () => resolve()));
  choice.mocker.login(world.botUser);
  await loggedIn;

  let injected = bot.handled();
  let lastId = '';
  const settle = async () => {
    await bot.sender.whenEmpty();
    // The mock puppet echoes each sent message back asynchronously.
    await waitUntil(() => sent.length >= bot.sender.delivered && naming === 0, 'the puppet to echo every sent message');
  };
  const person = (name: string) => {
    let c = world.people.get(name);
    if (!c) {
      c = world.mocker.createContact({ id: `t-${name}`, name });
      world.people.set(name, c);
      for (const room of world.rooms) room.add(c).by(world.botUser);
    }
    return c;
  };
  const capture = async (fn: () => void) => {
    const before = sent.length;
    const ids = new Set(world.mocker.cacheMessagePayload.keys());
    fn();
    for (const id of world.mocker.cacheMessagePayload.keys()) if (!ids.has(id)) lastId = id;
    await bot.whenHandled(++injected);
    await settle();
    return sent.slice(before);
  };
  return {
    dir, dbPath, store, app, bot, world, communityId, sent,
    say: (name, text, roomTopic) => capture(() => {
      const room = roomTopic ? world.rooms.find((r) => r.payload.topic === roomTopic) : world.main;
      if (!room) throw new Error(`no room ${roomTopic}`);
      person(name).say(text, mentionsIn(world, text)).to(room);
    }),
    sayPrivately: (name, text) => capture(() => person(name).say(text).to(world.botUser)),
    sendMedia: (name, fileName, to) => capture(() => {
      const box = FileBox.fromBase64(Buffer.from(`media ${fileName}`).toString('base64'), fileName);
      if (to === 'private') return void person(name).say(box).to(world.botUser);
      const room = to ? world.rooms.find((r) => r.payload.topic === to) : world.main;
      if (!room) throw new Error(`no room ${to}`);
      person(name).say(box).to(room);
    }),
    redeliver: (messageId) => capture(() => world.mocker.puppet.emit('message', { messageId })),
    settle,
    advanceTo: async (when) => {
      const at = parseClockStart(when);
      if (at === null) throw new Error(`not a time: ${when}`);
      if (!clock) throw new Error('advanceTo needs the harness clock (no injected `now`)');
      if (at <= app.now()) throw new Error(`${when} is not after now`);
      await settle();
      const before = sent.length;
      await bot.advanceClock(clock, at);
      await settle();
      return sent.slice(before);
    },
    lastMessageId: () => lastId,
    addCommunity(name) {
      const roomTopic = `${name}团购群`;
      const leaderName = `${name}团长`;
      const leaderId = `${name}-leader`;
      const room = world.mocker.createRoom({ id: `${name}@chatroom`, topic: roomTopic, memberIdList: [world.botUser.id] });
      world.rooms.push(room);
      const bound = bindGroup(store, { roomId: room.id, topic: roomTopic, communityName: name, kind: 'main' }, app.now());
      if (!bound.ok) throw new Error(`could not bind ${roomTopic}`);
      upsertMember(store, { communityId: bound.community.id, contactId: leaderId, nickname: leaderName, role: 'leader' }, app.now());
      const leader = world.mocker.createContact({ id: leaderId, name: leaderName });
      world.people.set(leaderName, leader);
      room.add(leader).by(world.botUser);
      return { communityId: bound.community.id, roomTopic, leaderName, leaderId };
    },
    stop: async () => {
      await bot.stop();
      store.close();
    },
  };
}
