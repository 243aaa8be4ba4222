import type { Handler } from '../core/types.js';

/** Everything no other handler claims: group chatter the bot must stay out of. */
export const ignoreHandler: Handler = {
  name: 'ignore',
  match: () => true,
  handle: () => {},
};
