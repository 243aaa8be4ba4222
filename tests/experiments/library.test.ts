// The shipped strategy library and its validation.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { experimentLibrary, findStrategy, LibraryError, loadExperimentLibrary, METRICS, planFor, validateLibrary, type Strategy } from '../../src/experiments/library.js';
import { SETTINGS } from '../../src/experiments/settings.js';
import { render } from '../../src/messaging/replies.js';
import { campaignText } from '../../src/campaigns/scheduler/content.js';
import { INVITE_LADDER } from '../../src/growth/invites.js';
import { FLASH_TEST_DAYS, RETIRE_BELOW_PCT } from '../../src/campaigns/flash-tests.js';
import { QUEST_ORDERS } from '../../src/campaigns/quests.js';
import { DEFAULT_RESERVE_PCT } from '../../src/campaigns/big-sales.js';
import { loadConfig } from '../../src/config.js';

const shipped = () => JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../data/experiments.json'), 'utf8')) as { experiments: Strategy[] };
const problemsOf = (mutate: (s: Strategy, all: Strategy[]) => void): string[] => {
  const raw = shipped();
  mutate(raw.experiments[0]!, raw.experiments);
  try {
    validateLibrary(raw);
    return [];
  } catch (e) {
    expect(e).toBeInstanceOf(LibraryError);
    return (e as LibraryError).problems;
  }
};

describe('strategy library', () => {
  it('ships 20 valid strategies with unique names usable after /实验 开始', () => {
    const lib = experimentLibrary();
    expect(lib).toHaveLength(20);
    expect(new Set(lib.map((s) => s.name)).size).toBe(20);
    for (const s of lib) {
      expect(s.name).toMatch(/^\S{1,8}$/);
      expect(findStrategy(` ${s.name} `)).toBe(s);
      expect(SETTINGS[s.setting]).toBeTruthy();
      expect(METRICS[s.primaryMetric]).toBeTruthy();
    }
    // The examples are all there.
    for (const setting of ['session.min_members', 'session.cutoff_time', 'campaign.flash_test_cron', 'copy.session_notice', 'promo.kind',
      'coupon.first_order_fen', 'invite.ladder', 'campaign.quest_enabled', 'campaign.live_reminder', 'price.ending', 'flash_test.days']) {
      expect(lib.map((s) => s.setting)).toContain(setting);
    }
  });

  it('keeps each control arm equal to what the bot does today where the setting exists', () => {
    const lib = experimentLibrary();
    const control = (setting: string) => lib.find((s) => s.setting === setting)!.arms[0]!.value;
    const fill = (t: unknown) => String(t).replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k as keyof typeof vars]));
    const vars = { title: 'T', products: 'P', cutoff: 'C', extra: 'E', example: 'X', buyers: 3 };
    // The control copies are the shipped templates, so the A arm really is today's text.
    expect(fill(control('copy.session_notice'))).toBe(render('session_notice', vars));
    expect(fill(control('copy.cutoff_reminder'))).toBe(campaignText('cutoff_reminder', 'main', vars));
    expect(control('invite.ladder')).toEqual(INVITE_LADDER.steps);
    expect(control('flash_test.days')).toBe(FLASH_TEST_DAYS);
    expect(control('flash_test.retire_below_pct')).toBe(RETIRE_BELOW_PCT);
    expect(control('quest.orders')).toBe(QUEST_ORDERS);
    expect(control('big_sale.reserve_pct')).toBe(DEFAULT_RESERVE_PCT);
    const defaults = loadConfig({}, '/tmp').campaigns;
    expect(control('campaign.live_day_cron')).toBe(defaults.liveDay);
    expect(control('campaign.flash_test_cron')).toBe(defaults.flashTest);
  });

  it('names every problem, with the strategy', () => {
    expect(problemsOf((s, all) => { s.name = all[1]!.name; })).toEqual([`第 2 个策略「${shipped().experiments[1]!.name}」：name 和前面的策略重复`]);
    expect(problemsOf((s) => { s.name = '开始'; })[0]).toContain('不能是「开始」');
    expect(problemsOf((s) => { s.name = '成团 门槛'; })[0]).toContain('不含空格');
    expect(problemsOf((s) => { s.setting = 'session.nope'; })[0]).toContain('不是登记过的设置');
    expect(problemsOf((s) => { s.arms = [s.arms[0]!]; })[0]).toContain('至少要有两组');
    expect(problemsOf((s) => { s.arms[1]!.value = 'five'; })[0]).toContain('组「5人」的值必须是 0–50 的整数');
    expect(problemsOf((s) => { s.arms[1]!.value = 3; })[0]).toContain('互不相同');
    expect(problemsOf((s) => { s.primaryMetric = 'happiness'; })[0]).toContain('不是已知指标');
    expect(problemsOf((s) => { s.guardrails = ['orders_per_group_day']; })[0]).toContain('就是主指标');
    expect(problemsOf((s) => { s.plannedEffect = 0; })[0]).toContain('plannedEffect');
    expect(problemsOf((s) => { s.durationDays = 3; })[0]).toContain('durationDays');
    expect(problemsOf((s) => { delete (s as Partial<Strategy>).hypothesis; s.durationDays = 100; })).toHaveLength(2);
  });

  it('checks arm values by the kind of setting', () => {
    const raw = shipped();
    const by = (setting: string) => raw.experiments.find((s) => s.setting === setting)!;
    by('session.cutoff_time').arms[1]!.value = '25:00';
    by('campaign.flash_test_cron').arms[1]!.value = 'every day';
    by('copy.session_notice').arms[1]!.value = '开团啦 {titel}';
    by('promo.kind').arms[1]!.value = { kind: '满减', thresholdFen: 1000, offFen: 2000 };
    by('invite.ladder').arms[1]!.value = [{ invites: 3, reward: { kind: 'points', name: 'x' } }, { invites: 2, reward: { kind: 'points', name: 'y' } }];
    by('price.ending').arms[1]!.value = '.8';
    let problems: string[] = [];
    try { validateLibrary(raw); } catch (e) { problems = (e as LibraryError).problems; }
    expect(problems).toHaveLength(6);
    expect(problems.join('\n')).toMatch(/HH:MM[\s\S]*cron[\s\S]*\{titel\}[\s\S]*减额小于门槛[\s\S]*递增[\s\S]*\.9 \/ 整数/);
  });

  it('reads another file through the same validation', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lintuan-lib-')), 'x.json');
    fs.writeFileSync(file, JSON.stringify({ experiments: [{ name: '坏' }] }));
    expect(() => loadExperimentLibrary(file)).toThrow(LibraryError);
  });

  it('turns a strategy into an analysis plan: planned end and the effect in metric units', () => {
    const s = findStrategy('成团门槛')!;
    const startsAt = Date.parse('2027-03-01T09:00:00+08:00');
    expect(planFor(s, { startsAt, baseline: 12 })).toEqual({ plannedEffect: 12 * s.plannedEffect, endsAt: Date.parse('2027-03-29T09:00:00+08:00') });
    // A planned decrease is still a positive difference to detect.
    expect(planFor(findStrategy('大促预留')!, { startsAt, baseline: 0.08 }).plannedEffect).toBeCloseTo(0.02, 12);
  });
});
