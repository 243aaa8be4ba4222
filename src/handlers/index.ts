import type { Handler } from '../core/types.js';
import { commandHandler } from './command.js';
import { chooseCommunityHandler } from './choose-community.js';
import { leaderPostHandler } from './ordering/leader-post.js';
import { jielongHandler } from './ordering/jielong.js';
import { surveyAnswerHandler } from './growth/survey-answer.js';
import { npsAnswerHandler } from './growth/nps-answer.js';
import { orderHandler } from './ordering/order.js';
import { followHandler } from './ordering/follow.js';
import { presaleHandler } from './ordering/presale.js';
import { cancelHandler } from './ordering/cancel.js';
import { modifyHandler } from './ordering/modify.js';
import { inquiryHandler } from './service/inquiry.js';
import { orderQueryHandler } from './ordering/order-query.js';
import { pointsQueryHandler } from './growth/points-query.js';
import { tierQueryHandler } from './growth/tier-query.js';
import { redeemHandler } from './growth/redeem.js';
import { complaintHandler, evidenceHandler, suggestionHandler } from './service/feedback.js';
import { inviteQueryHandler } from './growth/invite-query.js';
import { traceHandler } from './service/trace.js';
import { heldHandler } from './held.js';
import { ignoreHandler } from './ignore.js';
import { campaignImageHandler } from './campaign-image.js';

/** Order matters: the first handler that matches is the only one that runs. */
export const handlers: readonly Handler[] = [
  chooseCommunityHandler, evidenceHandler, commandHandler, campaignImageHandler, leaderPostHandler, surveyAnswerHandler, npsAnswerHandler, jielongHandler, presaleHandler, followHandler, orderHandler, cancelHandler, modifyHandler, inquiryHandler,
  orderQueryHandler, tierQueryHandler, redeemHandler, pointsQueryHandler, complaintHandler, suggestionHandler, inviteQueryHandler, traceHandler, heldHandler, ignoreHandler,
];
