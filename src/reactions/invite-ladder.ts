// 裂变激励: a resident's order may make them a valid invitee; the reward is announced with the confirmation.
import { reaction } from '../core/events.js';
import { inviteRewardsAfterOrder } from '../growth/invite-events.js';

export const inviteLadder = reaction({
  name: 'invite-ladder',
  event: 'orderPlaced',
  run(app, { ctx, now }) {
    const text = inviteRewardsAfterOrder(app, ctx, now);
    if (text) return [text];
  },
});
