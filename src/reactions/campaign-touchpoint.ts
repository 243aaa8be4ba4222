// Attribution: a scheduled campaign's post into a group is a touchpoint for every resident of that group.
import { reaction } from '../core/events.js';
import { logTouchpoint, type TouchpointKind } from '../experiments/attribution/touchpoints.js';

/** Scenario (scenarios/*.ts name) → the touchpoint kind /归因 credits. Posts of other scenarios are not credited. */
const KIND_OF: Record<string, TouchpointKind> = {
  cutoff_reminder: '截单提醒', live_day: '直播日', flash_test: '爆款测试', morning_digest: '晨报', seasonal: '时令活动', big_sale: '大促',
};

export const campaignTouchpoint = reaction({
  name: 'campaign-touchpoint',
  event: 'campaignPosted',
  mayFail: true,
  run(app, { communityId, groupId, scenario, now }) {
    const kind = KIND_OF[scenario];
    if (kind) logTouchpoint(app.store, { communityId, groupId, kind }, now);
  },
});
