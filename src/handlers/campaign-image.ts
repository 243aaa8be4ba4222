// A photo a leader sends (privately or in a group) is kept for the campaigns: /素材 活动名 then attaches it.
import type { Handler } from '../core/types.js';
import { savePendingImage } from '../campaigns/campaign-images.js';

export const campaignImageHandler: Handler = {
  name: 'campaign-image',
  media: true,
  match: (ctx) => ctx.media?.kind === 'image' && ctx.community !== null && ctx.role !== 'resident',
  handle(ctx, app) {
    savePendingImage(app.store, { communityId: ctx.community!.id, contactId: ctx.sender.contactId, path: ctx.media!.path }, app.now());
    // In a group a leader's photo is usually for the residents: stay quiet there.
    if (ctx.chat.kind === 'private') ctx.reply('收到图片 👍 要用在定时活动里，请发 /素材 活动名（例如 /素材 时令营销），最多用最近 3 张');
  },
};
