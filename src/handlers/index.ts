import type { Handler } from '../router.js';
import { commandHandler } from './command.js';
import { chooseCommunityHandler } from './choose-community.js';
import { leaderPostHandler } from './leader-post.js';
import { jielongHandler } from './jielong.js';
import { surveyAnswerHandler } from './survey-answer.js';
import { orderHandler } from './order.js';
import { followHandler } from './follow.js';
import { presaleHandler } from './presale.js';
import { cancelHandler } from './cancel.js';
import { modifyHandler } from './modify.js';
import { inquiryHandler } from './inquiry.js';
import { orderQueryHandler } from './order-query.js';
import { pointsQueryHandler } from './points-query.js';
import { tierQueryHandler } from './growth.js';
import { redeemHandler } from './redeem.js';
import { complaintHandler, evidenceHandler, suggestionHandler } from './feedback.js';
import { inviteQueryHandler } from './invite-query.js';
import { traceHandler } from './trace.js';
import { ignoreHandler } from './ignore.js';
import { campaignImageHandler } from './campaign-image.js';

/** Order matters: the first handler that matches is the only one that runs. */
export const handlers: readonly Handler[] = [
  chooseCommunityHandler, evidenceHandler, commandHandler, campaignImageHandler, leaderPostHandler, surveyAnswerHandler, jielongHandler, presaleHandler, followHandler, orderHandler, cancelHandler, modifyHandler, inquiryHandler,
  orderQueryHandler, tierQueryHandler, redeemHandler, pointsQueryHandler, complaintHandler, suggestionHandler, inviteQueryHandler, traceHandler, ignoreHandler,
];
