// A tiny composer: handlers are tried in order and exactly one (the first that matches) runs.
import type { App } from './app.js';
import type { MessageContext } from './context.js';
import { render } from './replies.js';

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

export async function route(app: App, handlers: readonly Handler[], ctx: MessageContext): Promise<void> {
  let name = 'match';
  try {
    const handler = handlers.find((h) => (ctx.media === null || h.media === true) && h.match(ctx, app));
    if (!handler) return;
    name = handler.name;
    if (handler.atomic) app.store.batch.run(() => handler.handle(ctx, app));
    else await handler.handle(ctx, app);
  } catch (err) {
    // One bad message must never take the bot down, and residents never see a stack trace.
    app.log.error({ err, handler: name, messageId: ctx.messageId }, 'handler failed');
    try {
      ctx.reply(render('error_generic'));
    } catch (replyErr) {
      app.log.error({ err: replyErr }, 'could not queue the apology');
    }
  }
}
