// The bot's core, free of Wechaty: plain incoming messages in, outbox rows out.
import type { Config } from './config.js';
import type { Logger } from './log.js';
import type { Store } from './store/db.js';
import type { Command } from './command.js';
import { Directory } from './directory.js';
import { CatalogCache } from './catalog-cache.js';
import { SessionCache } from './session-cache.js';
import { buildContext, type IncomingMessage } from './context.js';
import { route, type Handler } from './router.js';
import { systemClock } from './clock.js';

export interface App {
  store: Store;
  config: Config;
  log: Logger;
  commands: readonly Command[];
  directory: Directory;
  catalogs: CatalogCache;
  sessions: SessionCache;
  now(): number;
  /** Wakes the outbox sender after a row was queued (set by bot/, a no-op in pure tests). */
  notifyOutbox(): void;
}

export function createApp(deps: { store: Store; config: Config; log: Logger; commands: readonly Command[]; now?: () => number }): App {
  return {
    ...deps,
    directory: new Directory(deps.store),
    catalogs: new CatalogCache(deps.store),
    sessions: new SessionCache(deps.store),
    now: deps.now ?? systemClock,
    notifyOutbox: () => {},
  };
}

/** Turns one incoming message into a context and lets the router pick its handler. */
export async function handleIncoming(app: App, handlers: readonly Handler[], msg: IncomingMessage): Promise<void> {
  const ctx = buildContext(app, msg);
  await route(app, handlers, ctx);
}
