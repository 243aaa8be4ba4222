// The twin's connection to the real bot: createApp + createBot on the mock puppet, a real SQLite file, the demo
// community, and the simulated clock. The only file of the twin that knows Wechaty: the community model talks to
// the bot through this, as residents talk to it through WeChat. Like tests/helpers/harness.ts, but built for
// thousands of messages: message ids come from the bot's onHandled (no scan of the mock's cache), the real-time
// sender loop stays paused so every reply goes out in simulated time under the real WeChat limits.
import type { Writable } from 'node:stream';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/log.js';
import { openStore, type Store } from '../src/store/db.js';
import { createApp } from '../src/core/app.js';
import type { App } from '../src/core/types.js';
import { movableClock, type MovableClock } from '../src/clock.js';
import { handlers } from '../src/handlers/index.js';
import { loadDemo, seedDemo } from '../src/community/demo.js';
import { commands } from '../commands/index.js';
import { choosePuppet } from '../bot/puppet.js';
import { createBot, type LintuanBot } from '../bot/bot.js';
import { buildWorld, type SimWorld } from '../bot/simulator.js';
import { advanceClock } from '../bot/sim-clock.js';
import { timedJobs } from '../bot/jobs.js';

export interface TwinBot {
  app: App;
  store: Store;
  communityId: number;
  now(): number;
  /** A new resident joins the main group, invited by `inviter` (a resident key) or added by the bot (地推 QR). */
  join(key: string, nickname: string, inviter: string | null, at: number): Promise<void>;
  /** A resident (or the leader, key '团长') writes in the main group at `at`; resolves with the message id once handled. */
  say(key: string, text: string, at: number): Promise<string>;
  /** Moves the clock to `at`, running the bot's timed jobs and sending the outbox in simulated time. */
  advanceTo(at: number): Promise<void>;
  /** What the bot queued in answer to one message (its rows carry the message id in their dedup key). */
  repliesTo(messageId: string): string[];
  /** Messages the puppet delivered (echoed back to the bot's own account). */
  delivered(): number;
  /** Lines logged at error level (handler failures, dropped messages). */
  errors(): number;
  stop(): Promise<void>;
}

/** The real WeChat limits (config.ts SAFE_OUTBOX): the simulated clock makes them cost no wall time. */
const REAL_OUTBOX = {
  OUTBOX_MIN_INTERVAL_MS: '1500', OUTBOX_JITTER_MS: '1500', OUTBOX_PER_GROUP_PER_MINUTE: '12', OUTBOX_DAILY_CAP: '1500',
};

/** Holds a running clock at `at` or, when it has already run past it, where it stands (re-read until the hold takes). */
function holdAtLeast(clock: MovableClock, at: number): void {
  for (;;) {
    try {
      clock.hold(Math.max(at, clock.now()));
      return;
    } catch { /* the clock ticked between the read and the hold */ }
  }
}

export async function startTwinBot(opts: { dbPath: string; dir: string; start: number; campaigns: boolean }): Promise<TwinBot> {
  const config = loadConfig({
    DATABASE_PATH: opts.dbPath, WECHATY_PUPPET: 'wechaty-puppet-mock', LOG_LEVEL: 'error', CAMPAIGNS: opts.campaigns ? '1' : '0', ...REAL_OUTBOX,
  }, opts.dir);
  let errors = 0;
  const sink: Pick<Writable, 'write'> = { write: (line: string) => { if (/"level":(5|6)\d/.test(line)) errors++; return true; } };
  const log = createLogger('error', sink as never);
  const store = openStore(config.databasePath);
  const clock: MovableClock = movableClock(opts.start);
  clock.hold(opts.start);
  const app = createApp({ store, config, log, commands, now: clock.now });
  const demo = loadDemo();
  const { communityId } = seedDemo(store, demo, app.now());
  const choice = choosePuppet(config, opts.dir);
  if (choice.kind !== 'mock') throw new Error('the twin needs the mock puppet');
  const world: SimWorld = buildWorld(choice.mocker, demo);
  const bot: LintuanBot = createBot(app, handlers, choice);
  let delivered = 0;
  bot.wechaty.on('message', (msg) => { if (msg.self()) delivered++; });
  let lastHandled = '';
  bot.onHandled((id) => { lastHandled = id; });
  const joined = new Map<string, () => void>();
  bot.onMembership((roomId) => { joined.get(roomId)?.(); joined.delete(roomId); });
  await bot.start();
  const loggedIn = new Promise<void>((resolve) => bot.wechaty.once('login', () => resolve()));
  choice.mocker.login(world.botUser);
  await loggedIn;
  await bot.sender.pause();
  clock.hold(opts.start);
  const jobs = timedJobs(app);

  const contacts = new Map<string, ReturnType<typeof world.mocker.createContact>>();
  contacts.set('团长', world.people.get(demo.leader.short)!);
  let injected = bot.handled();
  const replies = store.sqlite.prepare('SELECT body FROM outbox WHERE dedup_key >= ? AND dedup_key < ? ORDER BY id');
  const hold = (at: number) => { if (at > clock.now()) clock.hold(at); };

  return {
    app, store, communityId,
    now: () => clock.now(),
    async join(key, nickname, inviter, at) {
      hold(at);
      const c = world.mocker.createContact({ id: `twin-${key}`, name: nickname });
      contacts.set(key, c);
      const by = inviter ? contacts.get(inviter) ?? world.botUser : world.botUser;
      const done = new Promise<void>((resolve) => joined.set(world.main.id, resolve));
      world.main.add(c).by(by);
      await done;
    },
    async say(key, text, at) {
      hold(at);
      const c = contacts.get(key);
      if (!c) throw new Error(`twin: ${key} has not joined`);
      c.say(text).to(world.main);
      await bot.whenHandled(++injected);
      return lastHandled;
    },
    async advanceTo(at) {
      if (at <= clock.now()) return;
      // The event queue of bot/sim-clock.ts with the sender kept paused (bot.advanceClock would also re-arm every
      // real-time timer each time: a third of the run's time spent on cron arithmetic). The real-time timers armed
      // at login stay: their periodic checks are idempotent, and the clock they read is held.
      await advanceClock(app, jobs, bot.sender, clock, at);
      holdAtLeast(clock, at);
    },
    repliesTo: (id) => (replies.all(`${id}#`, `${id}$`) as { body: string }[]).map((r) => r.body),
    delivered: () => delivered,
    errors: () => errors,
    async stop() {
      await bot.stop();
      store.close();
    },
  };
}
