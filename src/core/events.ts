// The domain-event hook: reactions subscribe by event name; emit runs them in order and collects their lines.
import type { DomainEvents, Events, Reaction } from './types.js';

export function createEvents(reactions: readonly Reaction[]): Events {
  const byEvent = new Map<keyof DomainEvents, Reaction[]>();
  for (const r of reactions) byEvent.set(r.event, [...(byEvent.get(r.event) ?? []), r]);
  return {
    emit(app, event, e) {
      const lines: string[] = [];
      for (const r of byEvent.get(event) ?? []) {
        if (!r.mayFail) {
          lines.push(...((r as Reaction<typeof event>).run(app, e) ?? []));
          continue;
        }
        try {
          // A savepoint: a reaction that fails half-way leaves none of its writes behind.
          lines.push(...(app.store.sqlite.transaction(() => (r as Reaction<typeof event>).run(app, e) ?? [])()));
        } catch (err) {
          app.log.error({ err, reaction: r.name, event }, 'reaction failed (the event stands)');
        }
      }
      return lines;
    },
  };
}

/** A reaction, typed by its event (so `run` gets that event's payload). */
export function reaction<K extends keyof DomainEvents>(r: Reaction<K>): Reaction<K> {
  return r;
}
