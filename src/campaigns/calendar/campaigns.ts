// Seasonal marketing calendar (时令营销日历): solar terms + festivals → themed promotions.
//
// data/calendar/campaigns.json says, per term/festival, which theme to run, how many days
// ahead to post, which catalog categories to feature and the post text template. This module
// loads/validates that file and lays the campaigns out on a year's dates.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DATA_DIR } from '../../config.js';
import {
  FESTIVAL_NAMES,
  MAX_YEAR,
  SOLAR_TERM_NAMES,
  addDays,
  assertSupportedYear,
  listFestivals,
  listSolarTerms,
  parseYmd,
} from './terms.js';

/** Default location of the campaign table (repo-relative, independent of the cwd). */
export const DEFAULT_CAMPAIGNS_PATH = path.join(DATA_DIR, 'calendar', 'campaigns.json');

/** Placeholders a template may use (see renderCampaignPost). */
export const TEMPLATE_PLACEHOLDERS = ['key', 'theme', 'date', 'products'] as const;

/** Largest allowed lead time, in days. */
export const MAX_LEAD_DAYS = 60;

export type CampaignKind = 'solar_term' | 'festival';

/** One entry of campaigns.json. */
export interface CampaignDef {
  /** Solar-term or festival name, e.g. '清明', '中秋'. */
  key: string;
  /** Theme title, e.g. '青团节'. */
  theme: string;
  /** Days before the event the promotion post goes out (0 = on the day). */
  leadDays: number;
  /** Catalog categories to feature, e.g. ['糕点', '生鲜']. */
  categories: string[];
  /**
   * When given, only products of those categories whose name or an alias contains one of these words
   * fit the theme (火锅季: 肥牛, 丸, 滑…; never 西红柿 just for being a 蔬菜).
   */
  keywords?: string[];
  /** Post text with {key} {theme} {date} {products} placeholders. */
  template: string;
}

/** A campaign placed on the calendar. */
export interface CalendarCampaign {
  key: string;
  kind: CampaignKind;
  /** Event date, 'YYYY-MM-DD' (Asia/Shanghai). */
  date: string;
  theme: string;
  leadDays: number;
  /** date − leadDays, 'YYYY-MM-DD'; may fall in the previous year. */
  postDate: string;
  categories: string[];
  keywords?: string[];
  template: string;
}

export class CampaignConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CampaignConfigError';
  }
}

const TERM_SET: ReadonlySet<string> = new Set(SOLAR_TERM_NAMES);
const FESTIVAL_SET: ReadonlySet<string> = new Set(FESTIVAL_NAMES);
const ENTRY_FIELDS = new Set(['key', 'theme', 'leadDays', 'categories', 'keywords', 'template']);

function kindOf(key: string): CampaignKind {
  return TERM_SET.has(key) ? 'solar_term' : 'festival';
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Validates the parsed content of campaigns.json and returns its campaigns.
 * Throws CampaignConfigError naming the bad entry (position and key) and the problem.
 * Top-level keys starting with '_' are comments. Not every term/festival must be present
 * (an operator may drop a campaign), but keys must be known and unique.
 */
export function validateCampaigns(raw: unknown, source = 'campaigns.json'): CampaignDef[] {
  if (!isPlainObject(raw)) throw new CampaignConfigError(`${source}：顶层必须是 JSON 对象`);
  for (const k of Object.keys(raw)) {
    if (k !== 'version' && k !== 'campaigns' && !k.startsWith('_')) {
      throw new CampaignConfigError(`${source}：未知的顶层字段 "${k}"`);
    }
  }
  if (raw.version !== 1) throw new CampaignConfigError(`${source}：version 必须为 1`);
  const list = raw.campaigns;
  if (!Array.isArray(list)) throw new CampaignConfigError(`${source}：campaigns 必须是数组`);

  const seen = new Set<string>();
  const out: CampaignDef[] = [];
  list.forEach((entry: unknown, i: number) => {
    const keyLabel = isPlainObject(entry) && typeof entry.key === 'string' ? `（key=${entry.key}）` : '';
    const where = `${source} 第${i + 1}条${keyLabel}`;
    const fail = (msg: string): never => {
      throw new CampaignConfigError(`${where}：${msg}`);
    };
    if (!isPlainObject(entry)) return fail('必须是 JSON 对象');
    for (const f of Object.keys(entry)) if (!ENTRY_FIELDS.has(f)) fail(`未知字段 "${f}"`);

    const { key, theme, leadDays, categories, keywords, template } = entry;
    if (typeof key !== 'string' || key.trim() === '') return fail('key 必须是非空字符串');
    if (!TERM_SET.has(key) && !FESTIVAL_SET.has(key)) {
      fail(`key "${key}" 不是已知的节气或节日（节日可选：${FESTIVAL_NAMES.join('、')}）`);
    }
    if (seen.has(key)) fail(`key "${key}" 重复`);
    seen.add(key);
    if (typeof theme !== 'string' || theme.trim() === '') return fail('theme 必须是非空字符串');
    if (typeof leadDays !== 'number' || !Number.isInteger(leadDays) || leadDays < 0 || leadDays > MAX_LEAD_DAYS) {
      return fail(`leadDays 必须是 0–${MAX_LEAD_DAYS} 的整数（当前：${JSON.stringify(leadDays)}）`);
    }
    if (
      !Array.isArray(categories) ||
      categories.length === 0 ||
      !categories.every((c): c is string => typeof c === 'string' && c.trim() !== '')
    ) {
      return fail('categories 必须是非空的字符串数组');
    }
    if (new Set(categories).size !== categories.length) fail('categories 有重复品类');
    if (keywords !== undefined && (!Array.isArray(keywords) || keywords.length === 0
      || !keywords.every((w): w is string => typeof w === 'string' && w.trim() !== ''))) {
      return fail('keywords 必须是非空的字符串数组（或不写）');
    }
    if (typeof template !== 'string' || template.trim() === '') return fail('template 必须是非空字符串');
    for (const m of template.matchAll(/\{([^{}]*)\}/g)) {
      if (!(TEMPLATE_PLACEHOLDERS as readonly string[]).includes(m[1]!)) {
        fail(`template 含未知占位符 {${m[1]}}（可用：${TEMPLATE_PLACEHOLDERS.map((p) => `{${p}}`).join(' ')}）`);
      }
    }
    out.push({ key, theme, leadDays, categories: [...categories], ...(keywords ? { keywords: [...(keywords as string[])] } : {}), template });
  });
  return out;
}

/** Reads and validates campaigns.json (default: data/calendar/campaigns.json). */
export function loadCampaigns(path: string = DEFAULT_CAMPAIGNS_PATH): CampaignDef[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new CampaignConfigError(`无法读取营销日历配置 ${path}：${(e as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new CampaignConfigError(`营销日历配置 ${path} 不是合法 JSON：${(e as Error).message}`);
  }
  return validateCampaigns(raw, path);
}

let cachedDefault: CampaignDef[] | undefined;
function defaultCampaigns(): CampaignDef[] {
  cachedDefault ??= loadCampaigns();
  return cachedDefault;
}

/**
 * All campaigns whose event date falls in Gregorian `year`, sorted by date, then postDate,
 * then solar terms before festivals, then key.
 *
 * An event in early January of year+1 belongs to year+1's calendar even though its postDate
 * may fall in `year`; likewise an event of `year` whose postDate falls in year-1 is listed here.
 */
export function campaignCalendar(year: number, defs: CampaignDef[] = defaultCampaigns()): CalendarCampaign[] {
  assertSupportedYear(year);
  const byKey = new Map(defs.map((d) => [d.key, d]));
  const events: Array<{ key: string; date: string }> = [
    ...listSolarTerms(year).map((t) => ({ key: t.name as string, date: t.date })),
    ...listFestivals(year).map((f) => ({ key: f.name as string, date: f.date })),
  ];
  const out: CalendarCampaign[] = [];
  for (const ev of events) {
    const def = byKey.get(ev.key);
    if (!def) continue;
    out.push({
      key: def.key,
      kind: kindOf(def.key),
      date: ev.date,
      theme: def.theme,
      leadDays: def.leadDays,
      postDate: addDays(ev.date, -def.leadDays),
      categories: [...def.categories],
      ...(def.keywords ? { keywords: [...def.keywords] } : {}),
      template: def.template,
    });
  }
  const kindRank = (k: CampaignKind): number => (k === 'solar_term' ? 0 : 1);
  return out.sort(
    (a, b) =>
      a.date.localeCompare(b.date) ||
      a.postDate.localeCompare(b.postDate) ||
      kindRank(a.kind) - kindRank(b.kind) ||
      a.key.localeCompare(b.key, 'zh-Hans-CN'),
  );
}

/**
 * Campaigns whose post goes out on `dateYmd` ('YYYY-MM-DD', Asia/Shanghai date). Looks at the
 * calendars of that year and the next (a January event's post may be due in December).
 */
export function campaignsDueOn(dateYmd: string, defs: CampaignDef[] = defaultCampaigns()): CalendarCampaign[] {
  const year = parseYmd(dateYmd).getYear();
  const years = year + 1 <= MAX_YEAR ? [year, year + 1] : [year];
  return years.flatMap((y) => campaignCalendar(y, defs)).filter((c) => c.postDate === dateYmd);
}

/** 'YYYY-MM-DD' → 'M月D日'. */
export function formatChineseDate(ymd: string): string {
  const d = parseYmd(ymd);
  return `${d.getMonth()}月${d.getDay()}日`;
}

/**
 * Fills a campaign's template. {date} renders as 'M月D日'; {products} joins the given
 * product names with '、' (when none fit, the product part of the sentence is left out).
 */
export function renderCampaignPost(c: Pick<CalendarCampaign, 'key' | 'theme' | 'date' | 'template'>, products: string[] = []): string {
  const values: Record<string, string> = {
    key: c.key,
    theme: c.theme,
    date: formatChineseDate(c.date),
    products: products.join('、'),
  };
  // No product fits the theme: the post names none rather than something unrelated ("：{products}，" → "，").
  const template = products.length > 0 ? c.template
    : c.template.replace(/[：:]\{products\}([，,])/g, '$1').replace(/\{products\}[，,]?/g, '').replace(/[：:](?=[，,。～~！!]|$)/g, '');
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** The catalog products that fit a campaign: of its categories and, when it lists keywords, named by one. */
export function productsForCampaign<P extends { name: string; category: string | null }>(
  c: Pick<CalendarCampaign, 'categories' | 'keywords'>, list: readonly P[], aliases: (p: P) => string[] = () => [],
): P[] {
  return list.filter((p) => p.category !== null && c.categories.includes(p.category)
    && (!c.keywords || [p.name, ...aliases(p)].some((n) => c.keywords!.some((w) => n.includes(w)))));
}
