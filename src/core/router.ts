// A tiny composer: handlers are tried in order and exactly one (the first that matches) runs.
import { render } from '../messaging/replies.js';
import type { App, Handler, MessageContext } from './types.js';

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
