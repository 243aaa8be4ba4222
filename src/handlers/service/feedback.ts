// Complaints open a ticket (工单) and get the community's standard reply of their scenario type at once;
// the leaders hear of it, and a wave of them (or any 食品安全 complaint) starts a crisis. A photo or
// video the resident then posts is stored with the ticket as inspection evidence. Suggestions are
// recorded for the weekly digest, thanked and forwarded.
import type { Handler } from '../../core/types.js';
import { render } from '../../messaging/replies.js';
import { enqueue } from '../../messaging/outbox.js';
import { leadersOf, notifyLeaders } from '../../messaging/notify.js';
import { replyFor } from '../../service/complaint-replies.js';
import { attachEvidence, openTicket, ticketAwaitingEvidence } from '../../service/tickets.js';
import { recordSuggestion } from '../../service/suggestions.js';
import { complaintIsOurs } from './relevance.js';

/** Delivery complaints are about us even when they name nothing ("送得太慢了"): the group-buy delivers. */

export const complaintHandler: Handler = {
  name: 'complaint',
  atomic: true,
  // A complaint needs a target in the group-buy (a product, a delivery, the pickup, the leader's service …):
  // property and neighbours' matters are neighbourhood life (see relevance.ts).
  // Right after the member's own order, a complaint of a definite type ("吃了拉肚子": 食品安全) is about it.
  match(ctx, app) {
    const p = ctx.parsed();
    if (p?.intent !== 'complaint' || ctx.member === null) return false;
    const type = p.complaintType ?? '其他';
    return complaintIsOurs(ctx, app, type);
  },
  handle(ctx, app) {
    const communityId = ctx.community!.id;
    const type = ctx.parsed()!.complaintType ?? '其他';
    const catalog = app.catalogs.get(communityId);
    // The product complained about, when the message names exactly one.
    const named = [...new Set([...ctx.parsed()!.items.map((i) => i.product), ...catalog.mentions(ctx.text)])];
    const productId = named.length === 1 ? catalog.byName.get(named[0]!)?.id ?? null : null;
    const now = app.now();
    const { ticket, created } = openTicket(app.store, {
      communityId, memberId: ctx.member!.id, groupId: ctx.group?.id ?? null,
      conversationId: ctx.chat.kind === 'room' ? ctx.chat.roomId : ctx.chat.contactId, conversationKind: ctx.chat.kind === 'room' ? 'room' : 'contact',
      sourceMsgId: ctx.messageId, type, productId, text: ctx.text,
    }, now);
    notifyLeaders(app.store, communityId,
      render('complaint_forward', { type, ticket: ticket.id, who: ctx.who, where: ctx.where, text: ctx.text.slice(0, 500) }), ctx.messageId, now);
    const apology = replyFor(app.store, communityId, type);
    // When the standard reply already asks for a photo ("麻烦拍一下…"), only say by when and where to send it.
    const evidence = ticket.needsEvidence ? render(/拍|照片|视频/.test(apology) ? 'complaint_evidence_when' : 'complaint_evidence_ask') : '';
    ctx.reply(render('complaint_ack', { apology, ticket: ticket.id, evidence }));
    if (created) app.events.emit(app, 'ticketOpened', { ctx, ticket, now });
  },
};

const KIND_NAMES = { image: '照片', video: '视频' } as const;

/** A photo or video from a resident whose ticket waits for one; any other media is left alone. */
export const evidenceHandler: Handler = {
  name: 'complaint-evidence',
  media: true,
  atomic: true,
  match: (ctx, app) => ctx.media !== null && ctx.community !== null && ctx.member !== null
    && ticketAwaitingEvidence(app.store, ctx.community.id, ctx.member.id) !== undefined,
  handle(ctx, app) {
    const media = ctx.media!;
    const ticket = ticketAwaitingEvidence(app.store, ctx.community!.id, ctx.member!.id)!;
    const now = app.now();
    if (!attachEvidence(app.store, ticket.id, media, now)) return;
    const kind = KIND_NAMES[media.kind];
    notifyLeaders(app.store, ticket.communityId, render('complaint_evidence_forward', { ticket: ticket.id, type: ticket.type, who: ctx.who, kind }), ctx.messageId, now);
    for (const l of leadersOf(app.store, ticket.communityId)) {
      enqueue(app.store, { conversationId: l.contactId, conversationKind: 'contact', kind: 'file', body: media.path, dedupKey: `${ctx.messageId}:file>${l.contactId}` }, now);
    }
    ctx.reply(render('complaint_evidence_thanks', { kind, ticket: ticket.id }));
  },
};

export const suggestionHandler: Handler = {
  name: 'suggestion',
  // The parser's reading alone: a suggestion costs a thank-you and a note to the leader, never a ticket.
  match: (ctx) => ctx.parsed()?.intent === 'suggestion' && ctx.community !== null,
  handle(ctx, app) {
    if (ctx.member) recordSuggestion(app.store, { communityId: ctx.community!.id, memberId: ctx.member.id, sourceMsgId: ctx.messageId, text: ctx.text }, app.now());
    notifyLeaders(app.store, ctx.community!.id,
      render('suggestion_forward', { who: ctx.who, where: ctx.where, text: ctx.text.slice(0, 500) }), ctx.messageId, app.now());
    ctx.reply(render('suggestion_thanks'));
  },
};
