// Photos and videos reach the core as saved files; text handlers never see them.
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';
import { handlers } from '../../src/handlers/index.js';
import type { Handler } from '../../src/core/types.js';

let h: Harness;
beforeEach(async () => { h = await startHarness(); });
afterEach(async () => { await h.stop(); });

describe('media messages', () => {
  it('saves a photo under the media directory and stays silent when no handler takes media', async () => {
    const replies = await h.sendMedia('张姐', 'apple.jpg');
    expect(replies).toEqual([]);
    const files = fs.readdirSync(h.app.config.mediaDir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/\.jpg$/);
    expect(fs.readFileSync(`${h.app.config.mediaDir}/${files[0]}`, 'utf8')).toBe('media apple.jpg');
  });

  it('offers a video only to handlers declared for media, with its kind and path', async () => {
    const seen: { kind: string; path: string; text: string }[] = [];
    const probe: Handler = { name: 'probe', media: true, match: (ctx) => ctx.media !== null, handle: (ctx) => { seen.push({ ...ctx.media!, text: ctx.text }); ctx.reply('收到视频'); } };
    // Prepend the probe to the live handler list for this bot only.
    (handlers as Handler[]).unshift(probe);
    try {
      const replies = await h.sendMedia('张姐', 'rotten.mp4');
      expect(seen).toHaveLength(1);
      expect(seen[0]!.kind).toBe('video');
      expect(seen[0]!.text).toBe('');
      expect(fs.existsSync(seen[0]!.path)).toBe(true);
      expect(replies.map((r) => r.text)).toEqual(['收到视频']);
      // A text message still goes past the probe's media-only match to the order handler.
      const [order] = await h.say('张姐', '苹果2斤');
      expect(order!.text).toContain('苹果');
      expect(seen).toHaveLength(1);
    } finally {
      (handlers as Handler[]).shift();
    }
  });
});
