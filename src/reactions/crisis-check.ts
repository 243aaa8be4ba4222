// 危机公关: a new ticket may start a crisis (a wave of one type or product, or one food-safety complaint).
import { reaction } from '../core/events.js';
import { maybeStartCrisis } from '../service/crises.js';
import { remindCrisis } from '../service/deadlines.js';

export const crisisCheck = reaction({
  name: 'crisis-check',
  event: 'ticketOpened',
  mayFail: true, // the ticket and its acknowledgement stand; the service ticker re-checks deadlines
  run(app, { ticket, now }) {
    const crisis = maybeStartCrisis(app.store, ticket, { threshold: app.config.crisisThreshold, windowMs: app.config.crisisWindowMinutes * 60_000 }, now);
    if (!crisis) return;
    app.log.warn({ crisisId: crisis.id, key: crisis.key, communityId: ticket.communityId }, 'crisis started');
    remindCrisis(app, crisis, now);
  },
});
