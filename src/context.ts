// The typed context every handler sees: who said what, where, in which community, with which role.
import type { App } from './app.js';
import type { Community, Group, Member, Role } from './store/schema.js';
import type { ParseResult } from './nlu/index.js';
import { enqueue } from './services/outbox.js';
import { noteActivity } from './services/activity.js';

/** What bot/ extracts from a Wechaty message: plain values only. */
export interface IncomingMessage {
  messageId: string;
  text: string;
  receivedAt: number;
  /** Set for room messages. */
  roomId?: string;
  topic?: string;
  contactId: string;
  /** Group nickname when in a room (e.g. "3-501 张姐"), else the contact name. */
  nickname: string;
  /** Contact ids @-mentioned in the message (WeChat reports them unreliably: commands also read "@名字"). */
  mentionIds?: string[];
  /** A photo or video the sender posted, saved by bot/ under the media directory (text is then empty). */
  media?: Media;
}

export interface Media { kind: 'image' | 'video'; path: string }

export type Chat =
  | { kind: 'room'; roomId: string; topic: string }
  | { kind: 'private'; contactId: string };

export interface MessageContext {
  readonly messageId: string;
  readonly text: string;
  readonly receivedAt: number;
  readonly chat: Chat;
  readonly sender: { contactId: string; nickname: string };
  readonly mentionIds: readonly string[];
  /** Set for photo and video messages; only handlers declared `media` see them. */
  readonly media: Media | null;
  readonly community: Community | null;
  readonly group: Group | null;
  readonly member: Member | null;
  readonly role: Role;
  /** How the sender is named to leaders: the member's group nickname. */
  readonly who: string;
  /** Where it was said: the group topic, or 私聊. */
  readonly where: string;
  /** The parse of the text against the community catalog, computed at most once (null without a community). */
  parsed(): ParseResult | null;
  /** Answers in the chat the message came from. */
  reply(text: string): void;
  /** Answers the sender privately. */
  replyPrivately(text: string): void;
  /** For what only the leader should read (pick lists, pickup codes): privately, with a pointer in the group. */
  replyConfidential(text: string): void;
}

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
