// 拼团剧本杀 around an order: the chapter it unlocks goes into the confirmation; the final reward is also
// announced in the quest's group and the coupon code (if any) sent privately.
import type { App, MessageContext } from '../core/types.js';
import type { Order } from '../store/schema.js';
import { questAfterOrder } from './quests.js';
import { groupById } from '../community/communities.js';
import { enqueue } from '../messaging/outbox.js';
import { campaignText } from './scheduler/content.js';

/** Runs inside the order's transaction; returns the lines to add to the confirmation. */
export function questAfterOrderPlaced(ctx: MessageContext, app: App, order: Order, now: number): string[] {
  const step = questAfterOrder(app.store, order, now);
  if (!step) return [];
  const title = step.story.title;
  const lines = [campaignText('quest', 'chapter', { title, n: step.chapter, text: step.story.chapters[step.chapter - 1] ?? '' })];
  if (step.reward) {
    const final = campaignText('quest', 'final', { who: ctx.who, title, reward: step.reward.name });
    // Ordered in the quest's group: the confirmation itself announces it; elsewhere the quest's group is told.
    const group = groupById(app.store, step.quest.groupId);
    if (ctx.group?.id === step.quest.groupId) lines.push(final);
    else if (group) enqueue(app.store, { conversationId: group.roomId, conversationKind: 'room', body: final, dedupKey: `quest:${step.quest.id}:final:${order.memberId}` }, now);
    enqueue(app.store, { conversationId: ctx.sender.contactId, conversationKind: 'contact',
      body: campaignText('quest', 'final_private', { title, reward: step.reward.name, code: step.reward.coupon ? `，券号 ${step.reward.coupon.code}` : '' }),
      dedupKey: `quest:${step.quest.id}:final-private:${order.memberId}` }, now);
  }
  return lines;
}
