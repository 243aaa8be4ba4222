// The community model: who lives here (building, household profile, tastes, rhythm, price sensitivity), when they
// join the group and through whom, and how their mood moves with what happens to them. Pure: no bot, no store.
import type { Profile, TwinParams } from './params.js';
import type { Rand } from './phrases.js';

export const DAY_MS = 86_400_000;

export interface Resident {
  key: string;
  nickname: string;
  building: number;
  profile: string;
  prof: Profile;
  joinAt: number;
  joined: boolean;
  /** Orders at all (the rest only read the group); drawn once. */
  converter: boolean;
  /** When the resident next wants to buy (null: no want). */
  wantAt: number | null;
  /** Median days between orders for this resident. */
  intervalDays: number;
  /** 0 … 1: how much a high price puts them off. */
  priceSensitivity: number;
  silent: boolean;
  /** Refused orders, stock-outs, sessions not formed, quality or delivery failures. */
  bad: number;
  orders: number;
  lastOrderAt: number | null;
  /** What the last order had (a complaint is about one of them). */
  lastProducts: string[];
  /** Messages written (for the silent count of the metric). */
  messages: number;
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史黎贺顾毛郝龚邵万钱覃武戴孔汤庞樊兰殷施陶洪翟安颜倪严牛温芦季俞章鲁葛伍申尤毕聂柴焦向柳邢骆岳齐梅莫庄辛管祝左涂谷时';
const TITLE: Record<string, string[]> = { 宝妈: ['妈妈', '姐', '宝妈'], 上班族: ['哥', '姐', '先生', '女士'], 老人: ['阿姨', '叔', '奶奶', '大爷'], 学生: ['同学', '小妹', '小弟'] };

const gauss = (r: Rand) => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());

function drawProfile(params: TwinParams, r: Rand): [string, Profile] {
  const entries = Object.entries(params.profiles);
  let x = r() * entries.reduce((s, [, p]) => s + p.share, 0);
  for (const e of entries) { x -= e[1].share; if (x <= 0) return e; }
  return entries[entries.length - 1]!;
}

/**
 * `n` residents joining over the cold start (seed 5.3: ~200/day for the case's ~6000 people, i.e. the whole
 * community within coldStartDays, so n/coldStartDays a day), or all at `start` when `joined` (a community with history).
 */
export function createResidents(n: number, params: TwinParams, start: number, r: Rand): Resident[] {
  const buildings = Math.max(1, Math.round(params.buildings * n / 300));
  const out: Resident[] = [];
  for (let i = 0; i < n; i++) {
    const [profile, prof] = drawProfile(params, r);
    const building = 1 + Math.floor(r() * buildings);
    const room = `${1 + Math.floor(r() * 18)}0${1 + Math.floor(r() * 4)}`;
    const nickname = `${building}-${room} ${SURNAMES[i % SURNAMES.length]}${TITLE[profile]?.[Math.floor(r() * 3)] ?? ''}${i >= SURNAMES.length ? Math.floor(i / SURNAMES.length) : ''}`;
    const intervalDays = Math.max(2, params.repeatIntervalDays * prof.rhythm * Math.exp(params.repeatIntervalSpread * gauss(r)));
    out.push({
      key: `r${i}`, nickname, building, profile, prof,
      joinAt: start + r() * params.coldStartDays * DAY_MS, joined: false,
      converter: r() < params.converterShare, wantAt: null, intervalDays,
      priceSensitivity: Math.min(1, Math.max(0, params.priceSensitivityMean + 0.25 * gauss(r))),
      silent: false, bad: 0, orders: 0, lastOrderAt: null, lastProducts: [], messages: 0,
    });
  }
  return out.sort((a, b) => a.joinAt - b.joinAt);
}

/** A converter's first want comes within the first-order window after joining. */
export function onJoined(res: Resident, params: TwinParams, r: Rand): void {
  res.joined = true;
  if (res.converter) res.wantAt = res.joinAt + r() * r() * params.firstOrderWithinDays * DAY_MS;
}

/** After an order: the next want, an exponential wait around the resident's own interval. */
export function onOrdered(res: Resident, at: number, r: Rand): void {
  res.orders++;
  res.lastOrderAt = at;
  res.wantAt = at + res.intervalDays * -Math.log(1 - r() * 0.999) * DAY_MS;
}

/** Something went wrong for this resident: it counts against their score and may push them into silence. */
export function onBadExperience(res: Resident, params: TwinParams, r: Rand): void {
  res.bad++;
  if (r() < params.churnPerBadExperience) res.silent = true;
}

/** The daily drift into silence. */
export function dailyChurn(res: Resident, params: TwinParams, r: Rand): void {
  if (res.joined && !res.silent && r() < params.churnPerDay) res.silent = true;
}

/** A moment today (Beijing `dayStart`) in one of the resident's usual hours, not before `after`. Null when none is left. */
export function momentToday(res: Resident, dayStart: number, after: number, before: number, r: Rand): number | null {
  const hours = res.prof.hours.map((h) => dayStart + h * 3_600_000 + Math.floor(r() * 55) * 60_000 + Math.floor(r() * 60) * 1000)
    .filter((t) => t >= after && t < before);
  return hours.length ? hours[Math.floor(r() * hours.length)]! : null;
}

/** An NPS score from the resident's experience. */
export function npsScore(res: Resident, params: TwinParams, r: Rand): number {
  return Math.max(0, Math.min(10, Math.round(params.npsBase - params.npsPerBadExperience * res.bad + 1.3 * gauss(r))));
}
