// Wechaty wiring: events in, plain IncomingMessage to the core, outbox rows out through the sender.
import { WechatyBuilder, log as wechatyLog, types as wechatyTypes, type Wechaty, type Message, type Room, type Contact } from 'wechaty';
import fs from 'node:fs';
import path from 'node:path';
import { FileBox } from 'file-box';
import qrcodeTerminal from 'qrcode-terminal';
import type { App, Handler, IncomingMessage } from '../src/core/types.js';
import { handleIncoming } from '../src/core/app.js';
import type { OutboxRow } from '../src/store/schema.js';
import { recordMembership } from '../src/growth/members.js';
import { listCommunities } from '../src/community/communities.js';
import { onGroupNotice, onMemberJoined } from '../src/growth/invite-events.js';
import { OutboxSender } from './outbox-sender.js';
import { startTimedJobs } from './ticker.js';
import { timedJobs } from './jobs.js';
import { advanceClock, type AdvanceReport } from './sim-clock.js';
import type { MovableClock } from '../src/clock.js';
import type { PuppetChoice } from './puppet.js';

export interface LintuanBot {
  wechaty: Wechaty;
  sender: OutboxSender;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Number of incoming (non-self) messages fully handled so far. */
  handled(): number;
  /** Resolves when at least `n` incoming messages have been handled. */
  whenHandled(n: number): Promise<void>;
  /** Called with each incoming message id once it is fully handled (replies queued). */
  onHandled(listener: (messageId: string) => void): void;
  /** Called with the room id once a join or leave event is recorded (and any welcome queued). */
  onMembership(listener: (roomId: string) => void): void;
  /**
   * The simulator's clock line: moves `clock` (the app's clock) forward to `target`, running every timed job and
   * sending the outbox at their moments in between (bot/sim-clock.ts). Only while logged in.
   */
  advanceClock(clock: MovableClock, target: number): Promise<AdvanceReport>;
}

/**
 * Group nicknames ("3-501 张姐") per room and contact. Asking the puppet costs a round trip per message
 * (wechaty-puppet's room-member cache never hits), and nicknames change rarely: keep them a while.
 */
class NicknameCache {
  private entries = new Map<string, { nickname: string; at: number }>();
  constructor(private readonly ttlMs = 10 * 60_000, private readonly max = 50_000) {}

  async get(room: Room, contact: Contact): Promise<string> {
    const key = `${room.id}\u0000${contact.id}`;
    const hit = this.entries.get(key);
    const now = Date.now();
    if (hit && now - hit.at < this.ttlMs) return hit.nickname;
    const nickname = (await room.alias(contact).catch(() => undefined)) || contact.name();
    if (this.entries.size >= this.max) this.entries.clear();
    this.entries.set(key, { nickname, at: now });
    return nickname;
  }

  forget(roomId: string, contactId: string): void { this.entries.delete(`${roomId}\u0000${contactId}`); }
}

const MEDIA_TYPES = new Map<wechatyTypes.Message, 'image' | 'video'>([[wechatyTypes.Message.Image, 'image'], [wechatyTypes.Message.Video, 'video']]);

/** Keeps a posted photo or video under the media directory; the name is the message id, so a re-delivery overwrites. */
async function saveMedia(msg: Message, mediaDir: string): Promise<string> {
  const box = await msg.toFileBox();
  const ext = path.extname(box.name).toLowerCase().replace(/[^.a-z0-9]/g, '') || (msg.type() === wechatyTypes.Message.Video ? '.mp4' : '.jpg');
  fs.mkdirSync(mediaDir, { recursive: true });
  const file = path.join(mediaDir, `${msg.id.replace(/[^\w-]/g, '_')}${ext}`);
  await box.toFile(file, true);
  return file;
}

/** Message → plain values, once, here at the edge. Returns null for what the bot does not read. */
async function toIncoming(msg: Message, nicknames: NicknameCache, mediaDir: string, now: () => number): Promise<IncomingMessage | null> {
  const mediaKind = MEDIA_TYPES.get(msg.type());
  if (msg.type() !== wechatyTypes.Message.Text && !mediaKind) return null;
  const talker = msg.talker();
  const room = msg.room();
  return {
    messageId: msg.id,
    text: mediaKind ? '' : msg.text(),
    receivedAt: now(),
    roomId: room?.id,
    topic: room ? await room.topic() : undefined,
    contactId: talker.id,
    nickname: room ? await nicknames.get(room, talker) : talker.name(),
    mentionIds: !mediaKind && room && msg.text().includes('@') ? (await msg.mentionList()).map((c) => c.id) : [],
    media: mediaKind ? { kind: mediaKind, path: await saveMedia(msg, mediaDir) } : undefined,
  };
}

export function createBot(app: App, handlers: readonly Handler[], choice: PuppetChoice): LintuanBot {
  wechatyLog.level(app.config.logLevel === 'debug' || app.config.logLevel === 'trace' ? 'verbose' : 'silent');
  const wechaty = choice.kind === 'mock'
    ? WechatyBuilder.build({ puppet: choice.puppet })
    : WechatyBuilder.build({ name: choice.memoryName, puppet: choice.name as never });

  const nicknames = new NicknameCache();
  let handledCount = 0;
  let waiters: { n: number; resolve: () => void }[] = [];
  const listeners: ((messageId: string) => void)[] = [];
  const done = (messageId: string) => {
    handledCount++;
    for (const l of listeners) l(messageId);
    if (waiters.length) {
      const ready = waiters.filter((w) => w.n <= handledCount);
      waiters = waiters.filter((w) => w.n > handledCount);
      for (const w of ready) w.resolve();
    }
  };

  const deliver = async (row: OutboxRow) => {
    const target: Room | Contact | undefined = row.conversationKind === 'room'
      ? await wechaty.Room.find({ id: row.conversationId })
      : await wechaty.Contact.find({ id: row.conversationId });
    if (!target) throw new Error(`conversation ${row.conversationId} not found`);
    // Files go as base64: every puppet can serialise that (the mock cannot serialise a local-path FileBox),
    // and the files we send (exports, campaign images) are small.
    await target.say(row.kind === 'file' ? FileBox.fromBase64(fs.readFileSync(row.body).toString('base64'), path.basename(row.body)) : row.body);
  };
  // The app clock (tests inject one): rows are queued with notBefore = app.now().
  const sender = new OutboxSender(app.store, app.config.outbox, deliver, app.log, () => app.now());
  app.notifyOutbox = () => sender.kick();

  wechaty.on('scan', (qrcode, status) => {
    if (choice.kind === 'mock') return;
    app.log.info({ status }, '请用微信扫码登录');
    qrcodeTerminal.generate(qrcode, { small: true });
  });
  // Everything timed runs while logged in: started at login, stopped at logout and stop.
  const jobs = timedJobs(app);
  let stopTimers: (() => void) | null = null;
  const haltTimers = () => { stopTimers?.(); stopTimers = null; };
  wechaty.on('login', (user) => {
    app.log.info({ user: user.name() }, 'logged in');
    app.catalogs.warm(listCommunities(app.store).map((c) => c.id));
    sender.start();
    haltTimers();
    stopTimers = startTimedJobs(app, jobs);
  });
  let stopping = false;
  wechaty.on('logout', (user) => {
    // Only an unexpected logout (WeChat kicked the session) is worth a warning.
    if (stopping) app.log.info({ user: user.name() }, 'logged out');
    else app.log.warn({ user: user.name() }, 'logged out');
    haltTimers();
    void sender.stop();
  });
  wechaty.on('error', (err) => {
    // Wechaty's 'dirty' handler looks a room id up as a contact after every join; the mock puppet
    // (rightly) has no such contact. Harmless, so it is not reported as an error.
    const noise = choice.kind === 'mock' && /no payload found for id \S+@chatroom/.test(String((err as Error)?.message ?? err));
    if (noise) app.log.debug({ err }, 'wechaty dirty-payload lookup');
    else app.log.error({ err }, 'wechaty error');
  });

  wechaty.on('message', async (msg) => {
    // Group system messages ("A邀请B加入了群聊") are non-text room messages; wechat4u makes the bot their talker.
    const notice = msg.room() !== undefined && (msg.type() === wechatyTypes.Message.Unknown || msg.type() === wechatyTypes.Message.GroupNote);
    if (!notice && msg.self()) return;
    try {
      const incoming = notice ? null : await toIncoming(msg, nicknames, app.config.mediaDir, () => app.now());
      if (incoming) await handleIncoming(app, handlers, incoming);
      else if (notice) onGroupNotice(app, { roomId: msg.room()!.id, text: msg.text(), botContactId: wechaty.isLoggedIn ? wechaty.currentUser.id : null });
    } catch (err) {
      app.log.error({ err, messageId: msg.id }, 'message dropped by the adapter');
    } finally {
      done(msg.id);
    }
  });

  const membership = async (room: Room, contacts: Contact[], kind: 'join' | 'leave', inviter?: Contact) => {
    const group = app.directory.group(room.id);
    if (!group) return;
    const me = wechaty.isLoggedIn ? wechaty.currentUser.id : null;
    for (const c of contacts) {
      if (c.id === me) continue;
      try {
        nicknames.forget(room.id, c.id);
        const nickname = await nicknames.get(room, c);
        const member = recordMembership(app.store, {
          communityId: group.communityId, groupId: group.id, contactId: c.id, nickname, kind,
          // Self-invites and invites "by" the bot itself are not invites.
          inviterContactId: kind === 'join' && inviter && inviter.id !== c.id && inviter.id !== me ? inviter.id : null,
        }, app.now());
        app.directory.forgetMember(group.communityId, c.id);
        if (kind === 'join') {
          onMemberJoined(app, { communityId: group.communityId, groupId: group.id, invitee: member, botContactId: me,
            inviter: inviter && inviter.id !== me ? { id: inviter.id, name: inviter.name() } : null });
        }
      } catch (err) {
        app.log.error({ err, roomId: room.id }, `room-${kind} not recorded`);
      }
    }
  };
  const membershipListeners: ((roomId: string) => void)[] = [];
  const recorded = (roomId: string) => { for (const l of membershipListeners) l(roomId); };
  wechaty.on('room-join', (room, invitees, inviter) => membership(room, invitees, 'join', inviter).finally(() => recorded(room.id)));
  wechaty.on('room-leave', (room, leavers) => membership(room, leavers, 'leave').finally(() => recorded(room.id)));

  return {
    wechaty,
    sender,
    start: async () => { await wechaty.start(); },
    stop: async () => {
      stopping = true;
      haltTimers();
      await sender.stop();
      await wechaty.stop();
    },
    handled: () => handledCount,
    onHandled: (listener) => { listeners.push(listener); },
    onMembership: (listener) => { membershipListeners.push(listener); },
    advanceClock: async (clock, target) => {
      if (!stopTimers) throw new Error('the clock can only be moved while the bot is logged in');
      // The timers and the sender loop wait while the clock jumps: the jobs run at their simulated moments instead,
      // and the timers are re-armed from the new time (their first ticks run at the target, as at a restart).
      haltTimers();
      await sender.pause();
      try {
        return await advanceClock(app, jobs, sender, clock, target);
      } finally {
        sender.resume();
        stopTimers = startTimedJobs(app, jobs, { catchUp: false });
      }
    },
    whenHandled: (n) => (n <= handledCount ? Promise.resolve() : new Promise((resolve) => waiters.push({ n, resolve }))),
  };
}
