// 会员成长: an order can lift the member's tier (demotion is the nightly pass's job).
import { reaction } from '../core/events.js';
import { evaluateTier, promotionText, tierRules } from '../growth/tiers.js';

export const tierCheck = reaction({
  name: 'tier-check',
  event: 'orderPlaced',
  run(app, { ctx, order, now }) {
    const rules = tierRules();
    if (ctx.member?.tier === rules.tiers[rules.tiers.length - 1]!.name) return; // nothing above the top
    const change = evaluateTier(app.store, order.memberId, now);
    if (!change.changed) return;
    app.directory.patchMember(order.communityId, ctx.sender.contactId, { tier: change.to, tierChangedAt: now });
    if (change.direction === 'up') return [promotionText(change.to, change.from)];
  },
});
