import { describe, it, expect } from 'vitest';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEFAULT_CAMPAIGNS_PATH,
  CampaignConfigError,
  campaignCalendar,
  campaignsDueOn,
  loadCampaigns,
  renderCampaignPost,
  validateCampaigns,
} from '../../src/campaigns/calendar/campaigns.js';
import { FESTIVAL_NAMES, SOLAR_TERM_NAMES } from '../../src/campaigns/calendar/terms.js';

const raw = (): { version: number; campaigns: Array<Record<string, unknown>> } =>
  JSON.parse(readFileSync(DEFAULT_CAMPAIGNS_PATH, 'utf8'));

describe('campaigns.json', () => {
  it('covers all 24 solar terms and all festivals, once each', () => {
    const defs = loadCampaigns();
    const keys = defs.map((d) => d.key);
    for (const t of SOLAR_TERM_NAMES) expect(keys, t).toContain(t);
    for (const f of FESTIVAL_NAMES) expect(keys, f).toContain(f);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toHaveLength(SOLAR_TERM_NAMES.length + FESTIVAL_NAMES.length);
  });

  it('has the playbook themes', () => {
    const theme = Object.fromEntries(loadCampaigns().map((d) => [d.key, d.theme]));
    expect(theme).toMatchObject({
      清明: '青团节', 端午: '粽子节', 中秋: '月饼季', 冬至: '饺子季', 腊八: '腊八粥',
      立秋: '贴秋膘', 立春: '咬春（春卷）', 立夏: '立夏蛋', 大暑: '消暑冷饮',
      春节: '年货节', 元宵: '汤圆', 重阳: '重阳糕',
    });
  });

  it('rejects broken entries, naming them', () => {
    const bad = (mutate: (d: ReturnType<typeof raw>) => void): (() => unknown) => {
      const d = raw();
      mutate(d);
      return () => validateCampaigns(d);
    };
    expect(bad((d) => { d.campaigns[6]!.leadDays = -1; })).toThrow(/第7条（key=清明）.*leadDays/);
    expect(bad((d) => { d.campaigns[6]!.leadDays = '3'; })).toThrow(CampaignConfigError);
    expect(bad((d) => { d.campaigns[0]!.categories = []; })).toThrow(/第1条（key=小寒）.*categories/);
    expect(bad((d) => { d.campaigns[1]!.key = '大寒节'; })).toThrow(/大寒节.*不是已知的节气或节日/);
    expect(bad((d) => { d.campaigns[2]!.key = '小寒'; })).toThrow(/第3条（key=小寒）.*重复/);
    expect(bad((d) => { d.campaigns[3]!.template = '{theme} {price}'; })).toThrow(/\{price\}/);
    expect(bad((d) => { delete d.campaigns[4]!.theme; })).toThrow(/第5条.*theme/);
    expect(bad((d) => { d.campaigns[5]!.leadday = 3; })).toThrow(/未知字段 "leadday"/);
    expect(bad((d) => { (d.campaigns as unknown[])[7] = 'oops'; })).toThrow(/第8条/);
    expect(() => validateCampaigns([])).toThrow(CampaignConfigError);
  });

  it('loadCampaigns reports unreadable / invalid files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lintuan-cal-'));
    const p = join(dir, 'c.json');
    writeFileSync(p, '{ not json');
    expect(() => loadCampaigns(p)).toThrow(/不是合法 JSON/);
    expect(() => loadCampaigns(join(dir, 'missing.json'))).toThrow(/无法读取/);
    const d = raw();
    d.campaigns[10]!.theme = '';
    writeFileSync(p, JSON.stringify(d));
    expect(() => loadCampaigns(p)).toThrow(/第11条（key=芒种）.*theme/);
  });
});

describe('campaignCalendar', () => {
  it('is sorted by date and computes postDate = date − leadDays', () => {
    const cal = campaignCalendar(2027);
    for (let i = 1; i < cal.length; i++) expect(cal[i]!.date >= cal[i - 1]!.date).toBe(true);
    const qm = cal.find((c) => c.key === '清明')!;
    expect(qm).toMatchObject({ kind: 'solar_term', date: '2027-04-05', theme: '青团节', postDate: '2027-04-02' });
    const zq = cal.find((c) => c.key === '中秋')!;
    expect(zq.kind).toBe('festival');
    expect(zq.postDate).toBe('2027-09-01');
  });

  it('handles year boundaries', () => {
    const cal2027 = campaignCalendar(2027);
    // 元旦 2027's post goes out in December 2026 but belongs to 2027
    const yd = cal2027.find((c) => c.key === '元旦')!;
    expect(yd.date).toBe('2027-01-01');
    expect(yd.postDate).toBe('2026-12-28');
    // 腊八 of 2028-01-04 is not in 2027
    expect(cal2027.filter((c) => c.key === '腊八').map((c) => c.date)).toEqual(['2027-01-15']);
    expect(cal2027.every((c) => c.date.startsWith('2027-'))).toBe(true);
    // leap-year arithmetic
    expect(campaignCalendar(2028).find((c) => c.key === '惊蛰')!.postDate).toBe('2028-03-02');
  });

  it('campaignsDueOn finds posts across the year boundary', () => {
    expect(campaignsDueOn('2027-04-02').map((c) => c.key)).toEqual(['清明']);
    expect(campaignsDueOn('2026-12-28').map((c) => `${c.key}@${c.date}`)).toContain('元旦@2027-01-01');
    expect(campaignsDueOn('2027-07-01')).toEqual([]);
    const all = campaignCalendar(2027);
    for (const c of all) expect(campaignsDueOn(c.postDate)).toContainEqual(c);
    expect(() => campaignsDueOn('2027-4-2')).toThrow();
  });

  it('renders post text', () => {
    const qm = campaignCalendar(2027).find((c) => c.key === '清明')!;
    const text = renderCampaignPost(qm, ['艾草青团', '春笋']);
    expect(text).toContain('4月5日');
    expect(text).toContain('青团节');
    expect(text).toContain('艾草青团、春笋');
    expect(text).not.toMatch(/\{\w+\}/);
  });
});
