// Complaints get the standard first reply of their scenario type at once and go to the leaders;
// suggestions are thanked and forwarded.
import type { Handler } from '../router.js';
import { complaintReply, render } from '../replies.js';
import { notifyLeaders } from '../services/notify.js';
import { aboutUs } from './about-us.js';

export const complaintHandler: Handler = {
  name: 'complaint',
  match: (ctx, app) => ctx.parsed()?.intent === 'complaint' && aboutUs(ctx, app),
  handle(ctx, app) {
    const type = ctx.parsed()!.complaintType ?? '其他';
    notifyLeaders(app.store, ctx.community!.id,
      render('complaint_forward', { type, who: ctx.who, where: ctx.where, text: ctx.text.slice(0, 500) }), ctx.messageId, app.now());
    ctx.reply(render('complaint_ack', { apology: complaintReply(type) }));
  },
};

export const suggestionHandler: Handler = {
  name: 'suggestion',
  match: (ctx, app) => ctx.parsed()?.intent === 'suggestion' && aboutUs(ctx, app),
  handle(ctx, app) {
    notifyLeaders(app.store, ctx.community!.id,
      render('suggestion_forward', { who: ctx.who, where: ctx.where, text: ctx.text.slice(0, 500) }), ctx.messageId, app.now());
    ctx.reply(render('suggestion_thanks'));
  },
};
