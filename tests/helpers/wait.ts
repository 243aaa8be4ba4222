// The one polling helper, for state that a puppet event or a ticker changes with no promise to await.
// It fails loudly: a condition that never holds is a test failure naming what was awaited, not a silent pass.

/** Waits (real time) until `cond` holds; throws `timed out waiting for <what>` after `ms`. */
export async function waitUntil(cond: () => boolean, what: string, ms = 5000): Promise<void> {
  const end = performance.now() + ms;
  while (!cond()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
