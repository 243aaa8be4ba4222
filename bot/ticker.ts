// The one way a periodic check runs: once at start (so a restart catches up at once), then every `everyMs`.
// A failing check is logged and simply tried again at the next tick; every check records what it sent.
import type { App } from '../src/core/types.js';

export function startTicker(app: App, name: string, everyMs: number, check: () => void): () => void {
  const tick = () => {
    try {
      check();
    } catch (err) {
      app.log.error({ err }, `${name} failed`);
    }
  };
  tick();
  const timer = setInterval(tick, everyMs);
  return () => clearInterval(timer);
}
