// Every reaction to a domain event, in the order it runs (the order of the lines it adds to a confirmation).
import type { Reaction } from '../core/types.js';
import { freeShipping } from './free-shipping.js';
import { greenPoints } from './green-points.js';
import { questChapter } from './quest-chapter.js';
import { tierCheck } from './tier-check.js';
import { inviteLadder } from './invite-ladder.js';
import { stockCheck } from './stock-check.js';
import { crisisCheck } from './crisis-check.js';
import { campaignTouchpoint } from './campaign-touchpoint.js';

export const reactions: readonly Reaction[] = [
  freeShipping, greenPoints, questChapter, tierCheck, inviteLadder, stockCheck, crisisCheck, campaignTouchpoint,
] as Reaction[];
