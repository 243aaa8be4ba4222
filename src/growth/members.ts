// Members of a community: who they are, where they live (from the group nickname), their role.
import { and, eq, sql } from 'drizzle-orm';
import type { Store } from '../store/db.js';
import { preparedFor } from '../store/prepared.js';
import { memberEvents, members, type Member, type Role } from '../store/schema.js';

export interface Nickname { building: string | null; unit: string | null; name: string }

// "3-501 张姐", "12-3-1201 李", "5栋302 王姐", "3号楼2单元501室-赵", "张姐 3-501"
const DASHED = /(?<![\d])(\d{1,3})-(\d{1,2}-\d{2,4}|\d{2,4})(?![\d])/;
const CHINESE = /(\d{1,3})\s*(?:栋|号楼|幢|座)\s*((?:\d{1,2}\s*单元\s*)?\d{2,4})\s*(?:室|号)?/;

export function parseNickname(raw: string): Nickname {
  const nick = raw.normalize('NFKC').trim();
  const m = DASHED.exec(nick) ?? CHINESE.exec(nick);
  if (!m) return { building: null, unit: null, name: nick };
  const name = (nick.slice(0, m.index) + ' ' + nick.slice(m.index + m[0].length)).replace(/[\s\-_—·|/]+/g, ' ').trim();
  return { building: m[1]!, unit: m[2]!.replace(/\s+/g, ''), name: name || nick };
}

// A new face's first message runs these (and bursts of new faces happen: a group invite wave).
const memberStatements = preparedFor((store) => {
  const p = sql.placeholder;
  return {
    byContact: store.db.select().from(members)
      .where(and(eq(members.communityId, p('communityId')), eq(members.contactId, p('contactId')))).prepare(),
    insert: store.db.insert(members).values({
      communityId: p('communityId'), contactId: p('contactId'), displayName: p('displayName'), building: p('building'),
      unit: p('unit'), role: p('role'), joinedAt: p('now'), inviterContactId: p('inviter'), lastSeenAt: p('now'),
    }).returning().prepare(),
  };
});

export function memberByContact(store: Store, communityId: number, contactId: string): Member | undefined {
  return memberStatements(store).byContact.get({ communityId, contactId });
}

/** Communities a contact belongs to (for private chats, where no room says which). */
export function membershipsOf(store: Store, contactId: string): Member[] {
  return store.db.select().from(members).where(eq(members.contactId, contactId)).all();
}

/** Creates the member on first sight; refreshes the display name and address when the nickname changed. */
export function upsertMember(
  store: Store,
  input: { communityId: number; contactId: string; nickname: string; role?: Role; inviterContactId?: string | null },
  now: number,
): Member {
  const parsed = parseNickname(input.nickname);
  const existing = memberByContact(store, input.communityId, input.contactId);
  if (existing) {
    const changed = existing.displayName !== input.nickname || existing.leftAt !== null
      || (input.role && input.role !== existing.role);
    if (!changed) return existing;
    return store.db.update(members).set({
      displayName: input.nickname,
      building: parsed.building ?? existing.building,
      unit: parsed.unit ?? existing.unit,
      role: input.role ?? existing.role,
      leftAt: null,
    }).where(eq(members.id, existing.id)).returning().get();
  }
  return memberStatements(store).insert.get({
    communityId: input.communityId, contactId: input.contactId, displayName: input.nickname, building: parsed.building,
    unit: parsed.unit, role: input.role ?? 'resident', now, inviter: input.inviterContactId ?? null,
  })!;
}

export function setRole(store: Store, memberId: number, role: Role): Member {
  return store.db.update(members).set({ role }).where(eq(members.id, memberId)).returning().get();
}

export function touchMember(store: Store, memberId: number, now: number): void {
  store.db.update(members).set({ lastSeenAt: now }).where(eq(members.id, memberId)).run();
}

/** Records a join (with its inviter) or a leave in the append-only log and on the member row. */
export function recordMembership(
  store: Store,
  input: { communityId: number; groupId: number; contactId: string; nickname: string; kind: 'join' | 'leave'; inviterContactId?: string | null },
  now: number,
): Member {
  return store.db.transaction(() => {
    let member = upsertMember(store, {
      communityId: input.communityId, contactId: input.contactId, nickname: input.nickname,
      inviterContactId: input.inviterContactId ?? null,
    }, now);
    if (input.kind === 'leave') {
      member = store.db.update(members).set({ leftAt: now }).where(eq(members.id, member.id)).returning().get();
    } else if (!member.inviterContactId && input.inviterContactId) {
      member = store.db.update(members).set({ inviterContactId: input.inviterContactId }).where(eq(members.id, member.id)).returning().get();
    }
    store.db.insert(memberEvents).values({
      communityId: input.communityId, groupId: input.groupId, contactId: input.contactId,
      kind: input.kind, inviterContactId: input.inviterContactId ?? null, at: now,
    }).run();
    return member;
  });
}

/**
 * The member a leader command is about: an @-mention first, else "@名字" / "名字" matched against
 * the community's nicknames (exact, then unique partial match). Null when none or several fit.
 */
export function resolveMember(store: Store, communityId: number, mentionIds: readonly string[], arg: string | undefined): Member | null {
  for (const id of mentionIds) {
    const m = memberByContact(store, communityId, id);
    if (m) return m;
  }
  const name = (arg ?? '').replace(/^[@＠]/, '').replace(/\u2005/g, '').trim();
  if (!name) return null;
  const all = store.db.select().from(members).where(eq(members.communityId, communityId)).all();
  const exact = all.filter((m) => m.displayName === name || parseNickname(m.displayName).name === name);
  if (exact.length === 1) return exact[0]!;
  const partial = all.filter((m) => m.displayName.includes(name));
  return partial.length === 1 ? partial[0]! : null;
}

export type LeaderChange =
  | { ok: true; member: Member }
  | { ok: false; reason: 'not_member' | 'left' | 'already_leader' | 'not_leader'; member?: Member };

/**
 * /设团长 and /撤团长: makes a member of the community a leader, or a resident again. The role is
 * per community: the change never touches the contact's rows in other communities.
 */
export function changeLeader(store: Store, communityId: number, memberId: number, leader: boolean): LeaderChange {
  const member = store.db.select().from(members)
    .where(and(eq(members.id, memberId), eq(members.communityId, communityId))).get();
  if (!member) return { ok: false, reason: 'not_member' };
  if (leader) {
    if (member.leftAt !== null) return { ok: false, reason: 'left', member };
    if (member.role !== 'resident') return { ok: false, reason: 'already_leader', member };
  } else if (member.role !== 'leader') {
    return { ok: false, reason: 'not_leader', member };
  }
  const updated = store.db.update(members).set({ role: leader ? 'leader' : 'resident' })
    .where(and(eq(members.id, memberId), eq(members.communityId, communityId))).returning().get();
  return { ok: true, member: updated };
}
