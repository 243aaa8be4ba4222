// Invites wired to the app: room-joins and join notices from bot/, the ladder after each order.
import type { App, MessageContext } from '../core/types.js';
import { eq } from 'drizzle-orm';
import { members, type Member } from '../store/schema.js';
import {
  INVITE_RULES, inviteAfterOrder, ladderOf, recordJoinInvite, recordJoinNotice, validateInvite,
  type InviteValidation, type RecordInviteResult,
} from './invites.js';
import { groupById } from '../community/communities.js';
import { enqueue } from '../messaging/outbox.js';
import { shanghaiDay } from '../time.js';
import { evaluateTier, promotionText } from './tiers.js';
import { logExposure, readArm } from '../experiments/arms.js';
import { logTouchpoint } from '../experiments/attribution/touchpoints.js';

/**
 * A valid invite counts towards the inviter's tier (超级团长 by 3 valid invites): re-evaluated at once,
 * and a promotion is announced with the invite's reward (null when the tier did not go up).
 */
function inviterPromotion(app: App, v: InviteValidation, now: number): string | null {
  const change = evaluateTier(app.store, v.inviter.id, now);
  if (!change.changed) return null;
  app.directory.patchMember(v.inviter.communityId, v.inviter.contactId, { tier: change.to, tierChangedAt: now });
  return change.direction === 'up' ? promotionText(change.to, change.from, v.inviter.displayName) : null;
}

/** What the group reads when an invite earns ladder rewards (null when it earned none). */
export function rewardAnnouncement(v: InviteValidation): string | null {
  if (v.granted.length === 0) return null;
  const names = v.granted.map((g) => `「${g.step.reward.name}」`).join('、');
  const coupon = v.granted.some((g) => g.coupon) ? '，券码已私聊发给 TA' : '';
  return `🎉 感谢 ${v.inviter.displayName} 邀请邻居入群！已有 ${v.validInvites} 位受邀邻居下单，获得${names}${coupon}`;
}

/** The private note to the inviter: what they got, with coupon codes and expiry. */
export function rewardPrivateNote(v: InviteValidation, invitee: string): string | null {
  if (v.granted.length === 0) return null;
  const lines = v.granted.map((g) => (g.coupon
    ? `· ${g.step.reward.name}：券码 ${g.coupon.code}，有效期至 ${shanghaiDay(g.coupon.expiresAt)}`
    : `· ${g.step.reward.name}（已计入积分）`));
  return [`🎁 你邀请的邻居 ${invitee} 已下单，你已有 ${v.validInvites} 位有效邀请，获得：`, ...lines].join('\n');
}

function queuePrivateNote(app: App, v: InviteValidation, invitee: string, dedupKey: string, now: number, promotion: string | null): void {
  const reward = rewardPrivateNote(v, invitee);
  const note = [reward, promotion].filter(Boolean).join('\n') || null;
  if (note) enqueue(app.store, { conversationId: v.inviter.contactId, conversationKind: 'contact', body: note, dedupKey }, now);
}

/**
 * Hook for placeAndConfirm, inside the order's transaction: a resident's order may make them a valid
 * invitee. Returns the group announcement to append to the order confirmation, if a reward was earned.
 */
export function inviteRewardsAfterOrder(app: App, ctx: MessageContext, now: number): string | null {
  const v = inviteAfterOrder(app.store, { communityId: ctx.community!.id, memberId: ctx.member!.id }, now);
  if (!v) return null;
  // The inviter got what their invitee's group's ladder gives (an invite.ladder experiment's arm there).
  if (v.granted.length) {
    const read = readArm(app.store, v.invite.groupId, 'invite.ladder', null);
    logExposure(app.store, read, { memberId: v.inviter.id, shown: `邀请奖励 ${v.granted.map((g) => g.step.reward.name).join('、')}` }, now);
  }
  const promotion = inviterPromotion(app, v, now);
  queuePrivateNote(app, v, ctx.who, `${ctx.messageId}#invite-reward`, now, promotion);
  return [rewardAnnouncement(v), promotion].filter(Boolean).join('\n') || null;
}

/** The rule "valid on joining": validate at once and announce in the group it happened in. */
function validateOnJoin(app: App, result: RecordInviteResult, invitee: Member, now: number): void {
  if (!result.ok || INVITE_RULES.validAfter !== 'join') return;
  const v = validateInvite(app.store, result.invite, now, INVITE_RULES, ladderOf(app.store, result.invite));
  if (!v) return;
  const group = result.invite.groupId ? groupById(app.store, result.invite.groupId) : undefined;
  const promotion = inviterPromotion(app, v, now);
  const text = [rewardAnnouncement(v), promotion].filter(Boolean).join('\n') || null;
  if (group && text) enqueue(app.store, { conversationId: group.roomId, conversationKind: 'room', body: text, dedupKey: `invite:${result.invite.id}:reward` }, now);
  queuePrivateNote(app, v, invitee.displayName, `invite:${result.invite.id}:reward>private`, now, promotion);
  app.notifyOutbox();
}

/** After a room-join was recorded: the invite it reports (or a join notice seen just before reported). */
export function onMemberJoined(
  app: App,
  input: { communityId: number; groupId: number; invitee: Member; inviter: { id: string; name: string } | null; botContactId: string | null },
): RecordInviteResult {
  const now = app.now();
  return app.store.batch.run(() => {
    const r = recordJoinInvite(app.store, {
      communityId: input.communityId, groupId: input.groupId, invitee: input.invitee,
      inviterContactId: input.inviter?.id ?? null, inviterName: input.inviter?.name, botContactId: input.botContactId,
    }, now);
    validateOnJoin(app, r, input.invitee, now);
    // The invitee came in through an invitation: their journey starts with it.
    if (r.ok) logTouchpoint(app.store, { communityId: input.communityId, memberId: input.invitee.id, kind: '邀请' }, now);
    return r;
  });
}

/** A group system message (non-text): records the invites a join notice names. */
export function onGroupNotice(app: App, input: { roomId: string; text: string; botContactId: string | null }): RecordInviteResult[] {
  const group = app.directory.group(input.roomId);
  if (!group || !input.text) return [];
  const now = app.now();
  return app.store.batch.run(() => {
    const { results } = recordJoinNotice(app.store, { communityId: group.communityId, groupId: group.id, text: input.text, botContactId: input.botContactId }, now);
    for (const r of results) {
      if (r.ok) {
        const invitee = app.store.db.select().from(members).where(eq(members.id, r.invite.inviteeMemberId)).get();
        if (invitee) validateOnJoin(app, r, invitee, now);
      }
    }
    return results;
  });
}
