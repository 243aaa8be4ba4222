// The typed context every handler sees: who said what, where, in which community, with which role.
import type { Group, Member, Role } from '../store/schema.js';
import type { ParseResult } from '../nlu/index.js';
import { enqueue } from '../messaging/outbox.js';
import { noteActivity } from '../growth/activity.js';
import type { App, Chat, IncomingMessage, MessageContext } from './types.js';

export function buildContext(app: App, msg: IncomingMessage): MessageContext {
  const chat: Chat = msg.roomId
    ? { kind: 'room', roomId: msg.roomId, topic: msg.topic ?? '' }
    : { kind: 'private', contactId: msg.contactId };
  let group: Group | null = null;
  let member: Member | null = null;
  if (msg.roomId) {
    group = app.directory.group(msg.roomId);
    if (group) {
      member = app.directory.member(group.communityId, msg.contactId, msg.nickname, msg.receivedAt);
      noteActivity(app.store, group.id, member.id, msg.receivedAt);
    }
  } else {
    member = app.directory.privateMember(msg.contactId);
  }
  const comm = member ? app.directory.community(member.communityId) : null;
  const role: Role = app.config.adminContactIds.includes(msg.contactId) ? 'admin' : (member?.role ?? 'resident');

  let parsed: ParseResult | null | undefined;
  let replies = 0;
  const send = (conversationId: string, conversationKind: 'room' | 'contact', body: string) => {
    // The dedup key ties each reply to its message, so a re-delivered message is never answered twice.
    enqueue(app.store, { conversationId, conversationKind, body, dedupKey: `${msg.messageId}#${replies++}` }, app.now());
    app.notifyOutbox();
  };
  return {
    messageId: msg.messageId,
    text: msg.text,
    receivedAt: msg.receivedAt,
    chat,
    sender: { contactId: msg.contactId, nickname: msg.nickname },
    mentionIds: msg.mentionIds ?? [],
    media: msg.media ?? null,
    community: comm,
    group,
    member,
    role,
    who: member?.displayName ?? msg.nickname,
    where: chat.kind === 'room' ? chat.topic : '私聊',
    parsed() {
      if (parsed === undefined) {
        parsed = comm
          ? app.catalogs.get(comm.id).parser.parse(msg.text, { previous: group?.lastJielong ?? undefined, recent: group?.recentProduct ?? undefined })
          : null;
      }
      return parsed;
    },
    reply(text) {
      if (chat.kind === 'room') send(chat.roomId, 'room', text);
      else send(chat.contactId, 'contact', text);
    },
    replyPrivately(text) { send(msg.contactId, 'contact', text); },
    replyConfidential(text) {
      if (chat.kind === 'room') send(chat.roomId, 'room', '已私聊发给你 📩');
      send(msg.contactId, 'contact', text);
    },
  };
}
