// The built-in simulator: a mock-puppet community driven by lines like "张姐: 苹果2斤" from a terminal or a pipe.
import readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { createHash } from 'node:crypto';
import type { mock } from 'wechaty-puppet-mock';
import type { DemoCommunity } from '../src/community/demo.js';
import type { LintuanBot } from './bot.js';
import { types as wechatyTypes } from 'wechaty';
import { parseClockStart, type MovableClock } from '../src/clock.js';
import { shanghaiClock, shanghaiDay } from '../src/time.js';

type ContactMock = mock.ContactMock;
type RoomMock = mock.RoomMock;

export interface SimWorld {
  mocker: mock.Mocker;
  botUser: ContactMock;
  rooms: RoomMock[];
  main: RoomMock;
  people: Map<string, ContactMock>;
}

/** Creates the demo community's contacts and rooms in the mocker, with the same ids on every run. */
export function buildWorld(mocker: mock.Mocker, demo: DemoCommunity): SimWorld {
  const botUser = mocker.createContact({ id: demo.bot.id, name: demo.bot.name });
  const people = new Map<string, ContactMock>();
  for (const p of [demo.leader, ...demo.residents]) {
    const c = mocker.createContact({ id: p.id, name: p.nickname });
    people.set(p.short, c);
    people.set(p.nickname, c);
  }
  const memberIdList = [botUser.id, ...new Set([...people.values()].map((c) => c.id))];
  const rooms = demo.groups.map((g) => mocker.createRoom({ id: g.roomId, topic: g.topic, memberIdList: [...memberIdList] }));
  return { mocker, botUser, rooms, main: rooms[0]!, people };
}

export type SimLine =
  | { kind: 'room'; topic: string | null; name: string; text: string }
  | { kind: 'private'; name: string; text: string }
  | { kind: 'invite'; topic: string | null; name: string; invitees: string[] };

/**
 * "张姐: 苹果2斤", "[阳光小区生鲜群] 张姐: 草莓", "[私聊] 团长: /商品"; "\n" in the text is a line break
 * (a 接龙 is one message of several lines). "[邀请] 张姐: 小美 小丽" (or "[邀请 群名] …"): 张姐 invites them
 * into the main group (or that group). Null when the line has no speaker.
 */
export function parseSimLine(line: string): SimLine | null {
  const m = /^\s*(?:\[([^\]]+)\]\s*)?([^:：]{1,40})[:：]\s?(.*)$/s.exec(line);
  if (!m) return null;
  const [, rawWhere, rawName, rawText] = m;
  const where = rawWhere?.trim();
  const name = rawName!.trim();
  const text = (rawText ?? '').replace(/\\n/g, '\n');
  const invite = where === undefined ? null : /^邀请(?:\s+(.+))?$/.exec(where);
  if (invite) return { kind: 'invite', topic: invite[1]?.trim() ?? null, name, invitees: text.split(/[\s,，、]+/).filter(Boolean) };
  if (where === '私聊') return { kind: 'private', name, text };
  return { kind: 'room', topic: where ?? null, name, text };
}

/**
 * A clock line: "@2026-11-02 09:00" (Asia/Shanghai; "2026-11-02T09:00", seconds and an explicit offset also read).
 * Null when the line is not one; `at` null when it is one but the time cannot be read.
 */
export function parseClockLine(line: string): { at: number | null } | null {
  const m = /^\s*[@＠]\s*(\d.*)$/.exec(line);
  return m ? { at: parseClockStart(m[1]!) } : null;
}

const fullTime = (ms: number) => `${shanghaiDay(ms)} ${shanghaiClock(ms).slice(6)}`;

/** "@张姐" in a line becomes a real mention of that person, as WeChat would send it. */
export function mentionsIn(world: SimWorld, text: string): ContactMock[] {
  const out: ContactMock[] = [];
  for (const m of text.matchAll(/[@＠]([^\s@＠\u2005]+)/g)) {
    const c = world.people.get(m[1]!);
    if (c && !out.includes(c)) out.push(c);
  }
  return out;
}

/** A person by name; someone new is created (and, unless `join` is false, already in every group). */
function personFor(world: SimWorld, name: string, join = true): ContactMock {
  let c = world.people.get(name);
  if (!c) {
    // A new resident: stable id from the name so a restarted simulator knows them again.
    const id = 'sim-' + createHash('sha1').update(name).digest('hex').slice(0, 12);
    c = world.mocker.createContact({ id, name });
    world.people.set(name, c);
    if (join) for (const room of world.rooms) room.add(c).by(world.botUser);
  }
  return c;
}

export interface SimOptions {
  /** The app's clock, for clock lines (without it they are refused). */
  clock?: MovableClock;
  /** Where notes about refused lines go (default: the output). */
  notes?: Writable;
}

/**
 * Feeds input lines to the bot one at a time (each is handled before the next), prints everything
 * the bot sends, and when the input ends waits for the outbox to drain. A clock line moves the clock forward.
 */
export async function runSimulator(bot: LintuanBot, world: SimWorld, input: Readable, output: Writable, options: SimOptions = {}): Promise<void> {
  const notes = options.notes ?? output;
  const topicOf = new Map(world.rooms.map((r) => [r.id, r.payload.topic]));
  let printed = 0;
  bot.wechaty.on('message', async (msg) => {
    if (!msg.self()) return;
    const room = msg.room();
    const where = room ? topicOf.get(room.id) ?? room.id : `私聊 ${msg.listener()?.name() ?? ''}`;
    const body = msg.type() === wechatyTypes.Message.Text
      ? msg.text()
      : `[文件] ${(await msg.toFileBox().catch(() => null))?.name ?? '附件'}`;
    output.write(`[${where}] ${world.botUser.payload.name}: ${body}\n`);
    printed++;
  });

  const interactive = (input as NodeJS.ReadStream).isTTY === true;
  const rl = readline.createInterface({ input, terminal: interactive, output: interactive ? output : undefined });
  if (interactive) {
    output.write('邻团模拟器：输入「名字: 消息」在主群说话，「[群名] 名字: 消息」在其他群，「[私聊] 名字: 消息」私聊机器人，'
      + '「[邀请] 名字: 新成员」邀请人进主群，「@2026-11-02 09:00」把时钟拨到那一刻（北京时间，只能往后拨）；'
      + '消息里的 \\n 是换行（接龙）；Ctrl-D 退出。\n');
    rl.setPrompt('> ');
    rl.prompt();
  }
  let injected = bot.handled();
  const pendingJoin = new Map<string, () => void>();
  bot.onMembership((roomId) => { pendingJoin.get(roomId)?.(); pendingJoin.delete(roomId); });
  const settle = async () => {
    await bot.sender.whenEmpty();
    await waitFor(() => printed >= bot.sender.delivered);
  };
  // Everything due by the new moment runs at its own time (cut-offs, campaigns, SLA, the outbox), then the clock
  // runs on at real speed from there.
  const moveClock = async (text: string, at: number | null) => {
    const clock = options.clock;
    if (!clock) return void notes.write(`（这个模拟器的时钟不能拨动，忽略「${text}」）\n`);
    if (at === null) return void notes.write(`（时间格式：@2026-11-02 09:00（北京时间），忽略「${text}」）\n`);
    const now = clock.now();
    if (at <= now) return void notes.write(`（时间不能倒退：现在已经是 ${fullTime(now)}，忽略「${text}」）\n`);
    await settle(); // replies to the lines before go out at their own time
    output.write(`（时钟拨到 ${fullTime(at)}）\n`);
    await bot.advanceClock(clock, at);
    await settle();
  };
  for await (const line of rl) {
    if (line.trim() === '') { if (interactive) rl.prompt(); continue; }
    const clockLine = parseClockLine(line);
    if (clockLine) {
      await moveClock(line.trim(), clockLine.at);
      if (interactive) rl.prompt();
      continue;
    }
    const parsed = parseSimLine(line);
    if (!parsed) {
      output.write('（格式：名字: 消息）\n');
      if (interactive) rl.prompt();
      continue;
    }
    const who = personFor(world, parsed.name);
    if (parsed.kind === 'invite') {
      const room = parsed.topic ? world.rooms.find((r) => r.payload.topic === parsed.topic) : world.main;
      const invitees = parsed.invitees.map((n) => personFor(world, n, false));
      const already = invitees.filter((c) => room?.payload.memberIdList.includes(c.id));
      if (!room || invitees.length === 0 || already.length > 0) {
        output.write(!room ? `（没有叫「${parsed.topic}」的群）\n` : invitees.length === 0 ? '（格式：[邀请] 邀请人: 被邀请人）\n'
          : `（${already.map((c) => c.payload.name).join('、')} 已经在群里了）\n`);
        if (interactive) rl.prompt();
        continue;
      }
      // One join event, as WeChat sends it; the next line waits until it is recorded.
      const joined = new Promise<void>((resolve) => { pendingJoin.set(room.id, resolve); });
      room.add(...invitees).by(who);
      await joined;
      if (interactive) { await settle(); rl.prompt(); }
      continue;
    } else if (parsed.kind === 'private') {
      who.say(parsed.text).to(world.botUser);
    } else {
      const room = parsed.topic ? world.rooms.find((r) => r.payload.topic === parsed.topic) : world.main;
      if (!room) {
        output.write(`（没有叫「${parsed.topic}」的群）\n`);
        if (interactive) rl.prompt();
        continue;
      }
      who.say(parsed.text, mentionsIn(world, parsed.text)).to(room);
    }
    await bot.whenHandled(++injected);
    if (interactive) { await settle(); rl.prompt(); }
  }
  await settle();
}

/** Polls a condition for up to `ms` (the mock puppet echoes sent messages asynchronously). */
async function waitFor(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
}
