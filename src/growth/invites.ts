// 裂变激励: who brought whom into a community, when an invite counts, and the ladder rewards it earns.
//
// An invite is learned from the room-join event (source 'event') or, because wechat4u reports the
// inviter unreliably, from the group's system message "A邀请B加入了群聊" (source 'system_message').
// Both name the same invitee, and the unique index (community, invitee) keeps them one invite.
// Rules: data/invite-rules.json; ladder: data/invite-ladder.json.
import fs from 'node:fs';
import path from 'node:path';
import { randomInt } from 'node:crypto';
import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { Store } from '../store/db.js';
import {
  coupons, invites, memberEvents, members, pointsLedger, rewardGrants,
  type Coupon, type Invite, type Member,
} from '../store/schema.js';
import { preparedFor } from '../store/prepared.js';
import { memberByContact, parseNickname, resolveMember, upsertMember } from './members.js';
import { armSetting } from '../experiments/arms.js';
import { DATA_DIR } from '../config.js';

const DAY_MS = 86_400_000;

export interface InviteRules {
  /** "first_order": valid once the invitee (still in the group) orders; "join": valid on joining. */
  validAfter: 'first_order' | 'join';
  /** The invitee must also have been in the group this long. */
  minStayDays: number;
  /** How far apart a join notice and its room-join may be to describe the same join. */
  maxNoticeLagMinutes: number;
}

export type LadderReward =
  | { kind: 'points'; name: string; points: number }
  | { kind: 'coupon'; name: string; coupon: Coupon['kind']; valueFen: number; validDays: number };

export interface LadderStep { invites: number; reward: LadderReward }
export interface Ladder { ladder: string; steps: LadderStep[] }

export function loadInviteRules(file = path.join(DATA_DIR, 'invite-rules.json')): InviteRules {
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<InviteRules>;
  return {
    validAfter: raw.validAfter === 'join' ? 'join' : 'first_order',
    minStayDays: Math.max(0, Number(raw.minStayDays ?? 0)),
    maxNoticeLagMinutes: Math.max(1, Number(raw.maxNoticeLagMinutes ?? 10)),
  };
}

export function loadLadder(file = path.join(DATA_DIR, 'invite-ladder.json')): Ladder {
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as Ladder;
  const steps = [...raw.steps].sort((a, b) => a.invites - b.invites);
  for (const s of steps) {
    if (!Number.isInteger(s.invites) || s.invites < 1) throw new Error(`invite ladder: bad step ${JSON.stringify(s)}`);
  }
  return { ladder: raw.ladder || 'invite', steps };
}

export const INVITE_RULES = loadInviteRules();
export const INVITE_LADDER = loadLadder();

// ---------------------------------------------------------------------------------------------
// Join notices

export interface JoinNotice {
  /** The inviter's name as shown in the group; null when it was the bot itself ("你邀请…"). */
  inviter: string | null;
  invitees: string[];
  via: 'invite' | 'qrcode';
}

const Q = `["“”'‘’「」『』]`;
const unquote = (s: string) => s.replace(new RegExp(`^\\s*${Q}?\\s*|\\s*${Q}?\\s*$`, 'g'), '').trim();
const splitNames = (s: string) => s.split(/\s*[、，,]\s*/).map(unquote).filter(Boolean);

/**
 * The group system message announcing a join, as WeChat writes it: `"A"邀请"B、C"加入了群聊`,
 * `A邀请B、C加入了群聊`, `" B"通过扫描"A"分享的二维码加入群聊`, `你邀请"B"加入了群聊`,
 * `"B"通过扫描你分享的二维码加入群聊`. Null for anything else (including "A邀请你加入了群聊").
 */
export function parseJoinNotice(text: string): JoinNotice | null {
  const t = text.normalize('NFKC').replace(/\s+\$revoke\$.*$/s, '').trim();
  let m = /^(.+?)通过扫描(.+?)分享的二维码加入(?:了)?群聊/.exec(t);
  if (m) {
    const inviter = unquote(m[2]!);
    const invitees = splitNames(m[1]!);
    if (invitees.length === 0 || !inviter) return null;
    return { inviter: inviter === '你' ? null : inviter, invitees, via: 'qrcode' };
  }
  m = /^(.+?)邀请(.+?)(?:和(.+?))?加入了群聊/.exec(t);
  if (m) {
    const inviter = unquote(m[1]!);
    const invitees = [...splitNames(m[2]!), ...(m[3] ? splitNames(m[3]) : [])];
    // "A邀请你加入了群聊": the bot was invited; that is no invite of a resident.
    const residents = invitees.filter((n) => n !== '你');
    if (!inviter || residents.length === 0) return null;
    return { inviter: inviter === '你' ? null : inviter, invitees: residents, via: 'invite' };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Recording invites

/** True when this join brings the member into the community for the first time (not a re-join). */
function isFirstJoin(store: Store, member: Member, now: number, rules: InviteRules): boolean {
  if (member.leftAt !== null) return false;
  // A member known before (seeded, spoke earlier, joined another group of the community) is no newcomer.
  if (member.joinedAt < now - rules.maxNoticeLagMinutes * 60_000) return false;
  const events = store.db.select({ kind: memberEvents.kind, n: count() }).from(memberEvents)
    .where(and(eq(memberEvents.communityId, member.communityId), eq(memberEvents.contactId, member.contactId)))
    .groupBy(memberEvents.kind).all();
  const joins = events.find((e) => e.kind === 'join')?.n ?? 0;
  const leaves = events.find((e) => e.kind === 'leave')?.n ?? 0;
  return leaves === 0 && joins <= 1;
}

export type RecordInviteResult =
  | { ok: true; invite: Invite }
  | { ok: false; reason: 'self' | 'bot' | 'rejoin' | 'exists' | 'no_inviter' };

/** Inserts the invite unless it is a self-invite, a re-join, or the invitee already has one. */
export function recordInvite(
  store: Store,
  input: { communityId: number; groupId: number | null; inviter: Member; invitee: Member; source: Invite['source']; botContactId?: string | null },
  now: number,
  rules = INVITE_RULES,
): RecordInviteResult {
  const { inviter, invitee } = input;
  if (input.botContactId && (inviter.contactId === input.botContactId || invitee.contactId === input.botContactId)) return { ok: false, reason: 'bot' };
  if (inviter.id === invitee.id || inviter.contactId === invitee.contactId) return { ok: false, reason: 'self' };
  if (!isFirstJoin(store, invitee, now, rules)) return { ok: false, reason: 'rejoin' };
  const invite = store.db.insert(invites).values({
    communityId: input.communityId, inviterMemberId: inviter.id, inviteeMemberId: invitee.id, groupId: input.groupId,
    source: input.source, status: 'pending', joinedAt: Math.min(invitee.joinedAt, now),
  }).onConflictDoNothing({ target: [invites.communityId, invites.inviteeMemberId] }).returning().get();
  if (!invite) return { ok: false, reason: 'exists' };
  if (!invitee.inviterContactId) {
    store.db.update(members).set({ inviterContactId: inviter.contactId }).where(eq(members.id, invitee.id)).run();
  }
  return { ok: true, invite };
}

/** Join notices whose invitee was not a member yet when they arrived (the room-join comes later). */
interface PendingNotice { communityId: number; groupId: number; inviterMemberId: number; name: string; at: number }
const pendingNotices = new WeakMap<Store, PendingNotice[]>();

function sameName(member: Member, name: string): boolean {
  const n = name.normalize('NFKC').trim();
  return member.displayName === n || parseNickname(member.displayName).name === n;
}

/**
 * After recordMembership of a join: records the invite the event reports, or, when it reports none,
 * the one a join notice seen shortly before named.
 */
export function recordJoinInvite(
  store: Store,
  input: { communityId: number; groupId: number; invitee: Member; inviterContactId: string | null; inviterName?: string; botContactId: string | null },
  now: number,
  rules = INVITE_RULES,
): RecordInviteResult {
  const { communityId, invitee } = input;
  if (input.inviterContactId && input.inviterContactId !== input.botContactId) {
    const inviter = memberByContact(store, communityId, input.inviterContactId)
      ?? upsertMember(store, { communityId, contactId: input.inviterContactId, nickname: input.inviterName || input.inviterContactId }, now);
    return recordInvite(store, { communityId, groupId: input.groupId, inviter, invitee, source: 'event', botContactId: input.botContactId }, now, rules);
  }
  const list = (pendingNotices.get(store) ?? []).filter((p) => p.at >= now - rules.maxNoticeLagMinutes * 60_000);
  pendingNotices.set(store, list);
  const i = list.findIndex((p) => p.communityId === communityId && sameName(invitee, p.name));
  if (i < 0) return { ok: false, reason: 'no_inviter' };
  const [notice] = list.splice(i, 1);
  const inviter = store.db.select().from(members).where(eq(members.id, notice!.inviterMemberId)).get();
  if (!inviter) return { ok: false, reason: 'no_inviter' };
  return recordInvite(store, { communityId, groupId: notice!.groupId, inviter, invitee, source: 'system_message', botContactId: input.botContactId }, now, rules);
}

/**
 * A group system message: when it is a join notice, records an invite for each named invitee already
 * known as a member (the others are remembered for a few minutes, until their room-join arrives).
 */
export function recordJoinNotice(
  store: Store,
  input: { communityId: number; groupId: number; text: string; botContactId: string | null },
  now: number,
  rules = INVITE_RULES,
): { notice: JoinNotice | null; results: RecordInviteResult[] } {
  const notice = parseJoinNotice(input.text);
  if (!notice) return { notice: null, results: [] };
  if (notice.inviter === null) return { notice, results: notice.invitees.map(() => ({ ok: false, reason: 'bot' as const })) };
  const inviter = resolveMember(store, input.communityId, [], notice.inviter);
  if (!inviter) return { notice, results: notice.invitees.map(() => ({ ok: false, reason: 'no_inviter' as const })) };
  const results = notice.invitees.map((name): RecordInviteResult => {
    const candidates = store.db.select().from(members).where(eq(members.communityId, input.communityId)).all()
      .filter((m) => sameName(m, name));
    const invitee = candidates.length === 1 ? candidates[0]! : null;
    if (!invitee) {
      const list = pendingNotices.get(store) ?? [];
      list.push({ communityId: input.communityId, groupId: input.groupId, inviterMemberId: inviter.id, name, at: now });
      pendingNotices.set(store, list.slice(-200));
      return { ok: false, reason: 'no_inviter' };
    }
    return recordInvite(store, { communityId: input.communityId, groupId: input.groupId, inviter, invitee, source: 'system_message', botContactId: input.botContactId }, now, rules);
  });
  return { notice, results };
}

// ---------------------------------------------------------------------------------------------
// Validation and the ladder

export interface GrantedReward {
  step: LadderStep;
  inviter: Member;
  validInvites: number;
  coupon?: Coupon;
}

export interface InviteValidation { invite: Invite; inviter: Member; validInvites: number; granted: GrantedReward[] }

// Every order asks this once: a single lookup on the unique (community, invitee) index.
const pendingInviteOf = preparedFor((store: Store) => store.db.select().from(invites)
  .where(and(
    eq(invites.communityId, sql.placeholder('communityId')), eq(invites.inviteeMemberId, sql.placeholder('memberId')),
    eq(invites.status, 'pending'),
  )).prepare());

function couponCode(store: Store): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  for (;;) {
    let code = 'YQ';
    for (let i = 0; i < 8; i++) code += alphabet[randomInt(alphabet.length)];
    if (!store.db.select({ id: coupons.id }).from(coupons).where(eq(coupons.code, code)).get()) return code;
  }
}

export function validInviteCount(store: Store, inviterMemberId: number): number {
  return store.db.select({ n: count() }).from(invites)
    .where(and(eq(invites.inviterMemberId, inviterMemberId), eq(invites.status, 'valid'))).get()!.n;
}

/**
 * Grants every ladder step the inviter has reached and not been granted yet. reward_grants is unique
 * per (member, ladder, step), so a step is granted once, also across restarts and re-evaluations.
 * `ref` names what triggered it (the points row's ref: "invite:<id>").
 */
export function grantLadder(store: Store, inviter: Member, ref: string, now: number, ladder = INVITE_LADDER): GrantedReward[] {
  const valid = validInviteCount(store, inviter.id);
  const granted: GrantedReward[] = [];
  let points = 0;
  for (const step of ladder.steps) {
    if (step.invites > valid) break;
    const row = store.db.insert(rewardGrants).values({
      communityId: inviter.communityId, memberId: inviter.id, ladder: ladder.ladder, step: step.invites,
      reward: step.reward.name, grantedAt: now,
    }).onConflictDoNothing().returning({ id: rewardGrants.id }).get();
    if (!row) continue;
    const g: GrantedReward = { step, inviter, validInvites: valid };
    if (step.reward.kind === 'points') {
      points += step.reward.points;
    } else {
      g.coupon = store.db.insert(coupons).values({
        communityId: inviter.communityId, memberId: inviter.id, kind: step.reward.coupon, name: step.reward.name,
        code: couponCode(store), valueFen: step.reward.valueFen, source: 'ladder', status: 'issued',
        issuedAt: now, expiresAt: now + step.reward.validDays * DAY_MS,
      }).returning().get();
    }
    granted.push(g);
  }
  // One ledger row per trigger (the ledger's (reason, ref) is unique).
  if (points > 0) {
    store.db.insert(pointsLedger).values({
      communityId: inviter.communityId, memberId: inviter.id, delta: points, reason: 'invite', ref, at: now,
    }).onConflictDoNothing().run();
  }
  return granted;
}

/** Whether a pending invite meets the rules now (the invitee still in the group, stayed long enough). */
function meetsRules(invitee: Member | undefined, invite: Invite, now: number, rules: InviteRules): boolean {
  if (!invitee || invitee.leftAt !== null) return false;
  return now - invite.joinedAt >= rules.minStayDays * DAY_MS;
}

/** Turns a pending invite valid (when the rules allow) and grants the inviter's reached ladder steps. */
export function validateInvite(store: Store, invite: Invite, now: number, rules = INVITE_RULES, ladder = INVITE_LADDER): InviteValidation | null {
  const invitee = store.db.select().from(members).where(eq(members.id, invite.inviteeMemberId)).get();
  if (!meetsRules(invitee, invite, now, rules)) return null;
  const changed = store.db.update(invites).set({ status: 'valid', validAt: now })
    .where(and(eq(invites.id, invite.id), eq(invites.status, 'pending'))).run();
  if (changed.changes === 0) return null;
  const inviter = store.db.select().from(members).where(eq(members.id, invite.inviterMemberId)).get()!;
  const granted = grantLadder(store, inviter, `invite:${invite.id}`, now, ladder);
  return { invite: { ...invite, status: 'valid', validAt: now }, inviter, validInvites: validInviteCount(store, inviter.id), granted };
}

/**
 * Called after each order a member places (in the order's transaction): if they are someone's
 * pending invitee and the rule is "first order", the invite becomes valid. Cheap when not.
 */
export function inviteAfterOrder(store: Store, input: { communityId: number; memberId: number }, now: number, rules = INVITE_RULES): InviteValidation | null {
  if (rules.validAfter !== 'first_order') return null;
  const invite = pendingInviteOf(store).get({ communityId: input.communityId, memberId: input.memberId });
  return invite ? validateInvite(store, invite, now, rules, ladderOf(store, invite)) : null;
}

/** The ladder of the group the invitee joined: an invite.ladder experiment's arm there, else the shipped one. */
export function ladderOf(store: Store, invite: Invite): Ladder {
  const steps = armSetting<LadderStep[] | null>(store, invite.groupId, 'invite.ladder', null);
  return steps ? { ladder: INVITE_LADDER.ladder, steps: [...steps].sort((a, b) => a.invites - b.invites) } : INVITE_LADDER;
}

// ---------------------------------------------------------------------------------------------
// Queries

export interface InviteStats { joined: number; valid: number; pending: number; next: LadderStep | null }

export function inviteStats(store: Store, inviterMemberId: number, ladder = INVITE_LADDER): InviteStats {
  const rows = store.db.select({ status: invites.status, n: count() }).from(invites)
    .where(eq(invites.inviterMemberId, inviterMemberId)).groupBy(invites.status).all();
  const by = (s: Invite['status']) => rows.find((r) => r.status === s)?.n ?? 0;
  const valid = by('valid');
  const granted = new Set(store.db.select({ step: rewardGrants.step }).from(rewardGrants)
    .where(and(eq(rewardGrants.memberId, inviterMemberId), eq(rewardGrants.ladder, ladder.ladder))).all().map((r) => r.step));
  const next = ladder.steps.find((s) => s.invites > valid && !granted.has(s.invites)) ?? null;
  return { joined: by('valid') + by('pending') + by('void'), valid, pending: by('pending'), next };
}

/** The invites a member made, oldest first, with the invitee's name. */
export function invitesBy(store: Store, inviterMemberId: number): { invite: Invite; invitee: string }[] {
  return store.db.select({ invite: invites, invitee: members.displayName }).from(invites)
    .innerJoin(members, eq(members.id, invites.inviteeMemberId))
    .where(eq(invites.inviterMemberId, inviterMemberId)).orderBy(asc(invites.id)).all();
}

/** "10 积分", "全年免邮券": the reward as residents read it. */
export function rewardName(reward: LadderReward): string {
  return reward.name;
}
