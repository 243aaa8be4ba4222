// The bot's core, free of Wechaty: plain incoming messages in, outbox rows out.
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/db.js';
import { Directory } from './directory.js';
import { CatalogCache } from './catalog-cache.js';
import { SessionCache } from './session-cache.js';
import { buildContext } from './context.js';
import { route } from './router.js';
import { systemClock } from '../clock.js';
import { createEvents } from './events.js';
import { reactions as allReactions } from '../reactions/index.js';
import type { App, Command, Handler, IncomingMessage, Reaction } from './types.js';

export function createApp(deps: { store: Store; config: Config; log: Logger; commands: readonly Command[]; now?: () => number; reactions?: readonly Reaction[] }): App {
  const { store, config, log, commands } = deps;
  return {
    store, config, log, commands,
    directory: new Directory(deps.store),
    catalogs: new CatalogCache(deps.store),
    sessions: new SessionCache(deps.store),
    events: createEvents(deps.reactions ?? allReactions),
    now: deps.now ?? systemClock,
    notifyOutbox: () => {},
    console: { url: null },
  };
}

/** Turns one incoming message into a context and lets the router pick its handler. */
export async function handleIncoming(app: App, handlers: readonly Handler[], msg: IncomingMessage): Promise<void> {
  const ctx = buildContext(app, msg);
  await route(app, handlers, ctx);
}
