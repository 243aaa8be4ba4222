// The local web console in a real headless browser: a leader gets a one-time link by private chat (/后台), the
// link opens their own community once, the figures on the page equal `lintuan metrics --json`, and community B
// stays closed to a link from community A.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startHarness, TEST_CLOCK_ENV, type Harness } from '../helpers/harness.js';
import { launchBrowser } from '../helpers/browser.js';
import { startConsole, type ConsoleServer } from '../../web/server.js';
import { createLoginLink, LINK_TTL_MS } from '../../src/console/links.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
let h: Harness;
let web: ConsoleServer;
let browser: Browser;
let b: { communityId: number; roomTopic: string; leaderName: string };

beforeAll(async () => {
  h = await startHarness({ env: { ADMIN_CONTACT_IDS: 'the-admin' } });
  const admin = h.world.mocker.createContact({ id: 'the-admin', name: '管理员' });
  h.world.people.set('管理员', admin);
  b = h.addCommunity('翠苑');
  web = (await startConsole(h.app, 0))!;
  browser = await launchBrowser();
  // Some life to show: two orders and a complaint ticket in 阳光小区, one order in 翠苑.
  await h.say('张姐', '苹果2斤');
  await h.say('李叔', '草莓1盒');
  await h.say('王妈', '昨天的苹果烂了好几个，太差了');
  await h.say(b.leaderName, '/开团 翠苑水果团 苹果', b.roomTopic);
}, 60_000);
afterAll(async () => { await browser?.close(); await web?.close(); await h?.stop(); });

const linkIn = (texts: string[]) => {
  const m = texts.join('\n').match(/http:\/\/127\.0\.0\.1:\d+\/login\?token=[\w-]+/);
  if (!m) throw new Error(`no login link in ${JSON.stringify(texts)}`);
  return m[0];
};

const metricsJson = (community: string) => {
  const res = spawnSync(process.execPath, [path.join(ROOT, 'bin/lintuan.js'), 'metrics', '--community', community, '--json'], {
    cwd: ROOT, env: { ...process.env, ...TEST_CLOCK_ENV, DATABASE_PATH: h.dbPath, LOG_LEVEL: 'silent' }, encoding: 'utf8',
  });
  expect(res.stderr).toBe('');
  return JSON.parse(res.stdout) as Record<string, number | null>;
};

describe('web console', () => {
  it('only a leader gets a link, and it comes by private chat', async () => {
    const refused = await h.say('张姐', '/后台');
    expect(refused.map((s) => s.text).join('\n')).toContain('只有团长可以使用');
    const sent = await h.say('团长', '/后台');
    const leaderId = h.world.people.get('团长')!.id;
    expect(sent.find((s) => s.conversationId === leaderId)?.text).toMatch(/网页后台登录链接（「阳光小区」/);
    expect(sent.filter((s) => s.conversationId !== leaderId).map((s) => s.text)).toEqual(['已私聊发给你 📩']);
  });

  it('a link opens its own community once; the figures equal lintuan metrics --json; B stays closed', async () => {
    const link = linkIn((await h.say('团长', '/后台')).map((s) => s.text));
    const page = await (await browser.newContext()).newPage();
    await page.goto(link);
    expect(new URL(page.url()).pathname).toBe(`/c/${h.communityId}`);
    await page.waitForSelector('body[data-chart="ready"]');
    const shown = await page.$$eval('[data-metric]', (els) => els.map((e) => [e.getAttribute('data-metric'), JSON.parse(e.getAttribute('data-value')!)]));
    const cli = metricsJson('阳光小区');
    expect(Object.fromEntries(shown)).toEqual(Object.fromEntries(Object.keys(Object.fromEntries(shown)).map((k) => [k, cli[k]])));
    expect(shown.map(([k]) => k)).toEqual(expect.arrayContaining(['nps', 'silent_share', 'orders_per_group_day', 'leader_capacity', 'sku_sell_through',
      'stock_turnover_days', 'next_week_repurchase', 'avg_order_value_fen', 'stockout_rate', 'loss_rate', 'first_order_conversion', 'complaint_handling_hours']));
    expect(await page.locator('[data-order]').count()).toBe(2);
    expect(await page.locator('[data-ticket]').count()).toBe(1);
    expect(await page.textContent('body')).not.toContain('翠苑');

    // Another community's page, its API, and the same link a second time.
    const other = await page.goto(`${web.url}/c/${b.communityId}`);
    expect(other!.status()).toBe(403);
    expect((await page.request.get(`${web.url}/api/c/${b.communityId}`)).status()).toBe(403);
    const again = await (await browser.newContext()).newPage();
    const reused = await again.goto(link);
    expect(reused!.status()).toBe(403);
    expect(await again.textContent('body')).toContain('已经用过');
  });

  it('a link from community B opens only B; an expired link and no link open nothing', async () => {
    const bLink = linkIn((await h.say(b.leaderName, '/后台', b.roomTopic)).map((s) => s.text));
    const page = await (await browser.newContext()).newPage();
    await page.goto(bLink);
    expect(new URL(page.url()).pathname).toBe(`/c/${b.communityId}`);
    expect((await page.goto(`${web.url}/c/${h.communityId}`))!.status()).toBe(403);

    const old = createLoginLink(h.store, { contactId: 'demo-leader', memberId: null, communityId: h.communityId }, h.app.now() - LINK_TTL_MS - 1000);
    const stale = await (await browser.newContext()).newPage();
    expect((await stale.goto(`${web.url}/login?token=${old.token}`))!.status()).toBe(403);
    expect(await stale.textContent('body')).toContain('已过期');
    expect((await stale.goto(`${web.url}/c/${h.communityId}`))!.status()).toBe(401);
  });

  it('an admin link opens every community', async () => {
    const link = linkIn((await h.sayPrivately('管理员', '/后台')).map((s) => s.text));
    const page = await (await browser.newContext()).newPage();
    await page.goto(link);
    expect(await page.$$eval('li a', (as) => as.map((a) => a.textContent))).toEqual(['阳光小区', '翠苑']);
    expect((await page.goto(`${web.url}/c/${b.communityId}`))!.status()).toBe(200);
  });
});
