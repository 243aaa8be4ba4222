// The types the whole core shares: the app, an incoming message, the context a handler sees, a handler, a
// command, and the domain events. Nothing here imports another core module's code, so the core has no circle.
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/db.js';
import type { Community, Group, Member, Order, Role } from '../store/schema.js';
import type { Ticket } from '../store/schema-service.js';
import type { ParseResult } from '../nlu/index.js';
import type { Directory } from './directory.js';
import type { CatalogCache } from './catalog-cache.js';
import type { SessionCache } from './session-cache.js';

export interface App {
  store: Store;
  config: Config;
  log: Logger;
  commands: readonly Command[];
  directory: Directory;
  catalogs: CatalogCache;
  sessions: SessionCache;
  events: Events;
  now(): number;
  /** Wakes the outbox sender after a row was queued (set by bot/, a no-op in pure tests). */
  notifyOutbox(): void;
  /** The local web console's address once it listens (set by web/server.ts), else null. */
  console: { url: string | null };
}

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

export interface Handler {
  name: string;
  match(ctx: MessageContext, app: App): boolean;
  handle(ctx: MessageContext, app: App): void | Promise<void>;
  /**
   * A synchronous handler whose writes and replies commit together (a savepoint in the store's
   * write batch): a crash never keeps an order without its confirmation, or the reverse.
   */
  atomic?: boolean;
  /** Also offered photo and video messages (their text is empty); text-only handlers never see them. */
  media?: boolean;
}

export interface Command {
  /** First the Chinese name, then ASCII aliases: `/帮助` = `/help`. */
  names: readonly [string, ...string[]];
  /** The lowest role that may run it. */
  role: Role;
  /** Whether it only makes sense inside a bound community. */
  needsCommunity: boolean;
  usage: string;
  summary: string;
  /** Longer help shown by `/帮助 命令`. */
  details?: string;
  run(ctx: MessageContext, args: string[], app: App): void | Promise<void>;
}

/**
 * What happens in the domain that other parts react to. Each reaction is its own file in src/reactions/ and
 * subscribes in src/reactions/index.ts; the code that emits knows none of them.
 */
export interface DomainEvents {
  /** An order was placed; runs inside the order's transaction, before the confirmation: a reaction may return lines for it. */
  orderPlaced: { ctx: MessageContext; order: Order; now: number };
  /** The confirmation was queued (same transaction): what should reach the resident first is out of the way. */
  orderConfirmed: { ctx: MessageContext; order: Order; lines: readonly { productId: number; qty: number }[]; now: number };
  /** A complaint opened a new ticket (its acknowledgement is queued). */
  ticketOpened: { ctx: MessageContext; ticket: Ticket; now: number };
  /** A scheduled campaign posted into a group (inside its run's transaction): `scenario` is its ASCII name. */
  campaignPosted: { communityId: number; groupId: number; scenario: string; now: number };
}

export interface Reaction<K extends keyof DomainEvents = keyof DomainEvents> {
  name: string;
  event: K;
  /**
   * True when a failure must not undo what happened (a campaign notice, a stock alert): it is logged and the other
   * reactions still run. Otherwise a failure rolls back the whole transaction, the order included.
   */
  mayFail?: boolean;
  run(app: App, e: DomainEvents[K]): readonly string[] | void;
}

export interface Events {
  /** Runs the event's reactions in registration order; returns the lines they gave, in that order. */
  emit<K extends keyof DomainEvents>(app: App, event: K, e: DomainEvents[K]): string[];
}
