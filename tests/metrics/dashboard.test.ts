// /看板 through the mock puppet: a leader gets a real PNG of the dashboard in the chat they asked in; its figures are
// the metrics module's, with the previous period's arrows; residents and bad periods get a clear reply.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { startHarness, type Harness } from '../helpers/harness.js';
import { dashboardFigures } from '../../src/metrics/dashboard.js';

let h: Harness;
beforeEach(async () => { h = await startHarness(); });
afterEach(async () => { await h.stop(); });

const files = () => h.store.sqlite.prepare(`SELECT conversation_id AS conv, body, status FROM outbox WHERE kind = 'file'`).all() as { conv: string; body: string; status: string }[];

describe('/看板', () => {
  it('sends the week dashboard as a PNG into the group, with a line naming the missed targets', async () => {
    await h.say('张姐', '苹果2斤');
    await h.say('李叔', '草莓1盒');
    const replies = await h.say('团长', '/看板');
    const text = replies.find((r) => !r.file)!.text;
    const f = dashboardFigures(h.store, h.communityId, h.app.now(), { days: 7 });
    if (!f.ok) throw new Error(f.error);
    const missed = f.figures.figures.filter((x) => x.missed).map((x) => x.label);
    // Three residents of the demo never wrote: 沉默用户占比 is far above 8 %.
    expect(missed).toContain('沉默用户占比');
    expect(text).toBe(`📊 阳光小区 数据看板（近7天）：未达目标 ${missed.join('、')}`);
    const [file] = files();
    expect(file).toMatchObject({ conv: 'demo-main@chatroom', status: 'sent' });
    expect(replies.find((r) => r.file)).toMatchObject({ conversationId: 'demo-main@chatroom', file: path.basename(file!.body) });
    const png = PNG.sync.read(fs.readFileSync(file!.body));
    expect(png.width).toBe(1080);
    expect(png.height).toBeGreaterThan(1200);
    // The week's trend has 7 days, one with orders; the figures came from 2 orders today.
    expect(f.figures.trend.dates).toHaveLength(7);
    expect(f.figures.trend.orders.at(-1)).toBe(2);
    // 苹果 2斤 × ¥6.00 + 草莓 1盒 × ¥25.00 = ¥37.00 over 2 orders.
    expect(f.figures.trend.gmvFen.at(-1)).toBe(3700);
    expect(f.figures.figures.find((x) => x.key === 'avg_order_value_fen')!.display).toBe('¥18.50');
  }, 60_000);

  it('refuses residents and unknown periods; 月 covers 30 days', async () => {
    expect((await h.say('张姐', '/看板')).map((r) => r.text).join()).toContain('只有团长可以使用');
    expect((await h.say('团长', '/看板 年')).map((r) => r.text)).toEqual(['请写「周」或「月」，例如：/看板 月\n用法：/看板 [周|月]']);
    expect(files()).toHaveLength(0);
    const replies = await h.say('团长', '/看板 月');
    expect(replies.map((r) => r.text)[0]).toMatch(/^📊 阳光小区 数据看板（近30天）/);
    expect(files()).toHaveLength(1);
  }, 60_000);
});
