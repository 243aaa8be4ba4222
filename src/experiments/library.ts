// The A/B strategy library (data/experiments.json): 20 ready experiments as data, loaded and validated once.
import fs from 'node:fs';
import path from 'node:path';
import { DATA_DIR } from '../config.js';
import { SETTINGS, settingValueError } from './settings.js';
import type { ExperimentPlan } from './analysis.js';

const DAY = 86_400_000;

/**
 * Metric keys an experiment may name. Issue 15's dashboard metrics (source 'dashboard'), plus the guardrails the issue
 * asks for that the dashboard has no figure for (source 'experiments': computed per group by the experiment review).
 * Every metric is read per group: one observation per group.
 */
export const METRICS: Record<string, { label: string; source: 'dashboard' | 'experiments' }> = {
  nps: { label: 'NPS', source: 'dashboard' },
  silent_share: { label: '沉默成员占比', source: 'dashboard' },
  orders_per_group_day: { label: '每群每天订单数', source: 'dashboard' },
  leader_capacity: { label: '团长人效', source: 'dashboard' },
  sku_sell_through: { label: '动销率', source: 'dashboard' },
  stock_turnover_days: { label: '库存周转天数', source: 'dashboard' },
  next_week_repurchase: { label: '次周复购率', source: 'dashboard' },
  avg_order_value_fen: { label: '客单价', source: 'dashboard' },
  aov_change: { label: '客单价波动', source: 'dashboard' },
  stockout_rate: { label: '断货率', source: 'dashboard' },
  loss_rate: { label: '损耗率', source: 'dashboard' },
  first_order_conversion: { label: '首单转化率', source: 'dashboard' },
  complaint_handling_hours: { label: '投诉处理时长', source: 'dashboard' },
  orders: { label: '订单数', source: 'dashboard' },
  gmv_fen: { label: 'GMV', source: 'dashboard' },
  new_members: { label: '新成员数', source: 'dashboard' },
  repurchase_30d: { label: '30 天复购率', source: 'dashboard' },
  cancel_rate: { label: '取消率（取消的订单 ÷ 下的订单）', source: 'experiments' },
  complaints_per_100_orders: { label: '每百单投诉数', source: 'experiments' },
  session_fail_rate: { label: '未成团率（未成团的团购 ÷ 截单的团购）', source: 'experiments' },
  leave_rate: { label: '退群率（退群人数 ÷ 期初成员数）', source: 'experiments' },
};

/** Words of `/实验 …` itself: a strategy may not be called like a subcommand. */
const RESERVED_NAMES = ['列表', '开始', '状态', '结束', '复盘'];

export interface Arm { name: string; value: unknown }
export interface Strategy {
  name: string;
  hypothesis: string;
  setting: string;
  /** The first arm is the control: what the bot does today. */
  arms: Arm[];
  primaryMetric: string;
  guardrails: string[];
  /** Planned relative change of the primary metric against the control (signed: −0.2 = 20 % lower). */
  plannedEffect: number;
  durationDays: number;
}

export class LibraryError extends Error {
  constructor(readonly problems: string[]) {
    super(`实验库有 ${problems.length} 处错误：\n${problems.join('\n')}`);
  }
}

const isText = (x: unknown): x is string => typeof x === 'string' && x.trim() !== '';
const shortName = (x: unknown): x is string => isText(x) && !/\s/.test(x) && [...x].length <= 8;

/** Checks the parsed file; throws LibraryError listing every problem (Chinese, naming the strategy). */
export function validateLibrary(raw: unknown): Strategy[] {
  const list = (raw as { experiments?: unknown } | null)?.experiments;
  if (!Array.isArray(list)) throw new LibraryError(['缺少 experiments 数组']);
  const problems: string[] = [];
  const seen = new Set<string>();
  list.forEach((e: Partial<Strategy> | null, i) => {
    const where = `第 ${i + 1} 个策略${shortName(e?.name) ? `「${e!.name}」` : ''}`;
    const bad = (what: string) => problems.push(`${where}：${what}`);
    if (!e || typeof e !== 'object') return bad('不是对象');
    if (!shortName(e.name)) bad('name 必须是 1–8 个字、不含空格');
    else if (RESERVED_NAMES.includes(e.name)) bad(`name 不能是「${e.name}」（/实验 的子命令）`);
    else if (seen.has(e.name)) bad('name 和前面的策略重复');
    else seen.add(e.name);
    if (!isText(e.hypothesis)) bad('缺少 hypothesis');
    const def = typeof e.setting === 'string' ? SETTINGS[e.setting] : undefined;
    if (!def) bad(`setting「${String(e.setting)}」不是登记过的设置（src/experiments/settings.ts）`);
    if (!Array.isArray(e.arms) || e.arms.length < 2) bad('arms 至少要有两组');
    else {
      const names = new Set<string>();
      e.arms.forEach((a: Partial<Arm> | null, j) => {
        if (!a || !shortName(a.name)) return bad(`第 ${j + 1} 组的 name 必须是 1–8 个字、不含空格`);
        if (names.has(a.name)) bad(`组名「${a.name}」重复`);
        names.add(a.name);
        if (!('value' in a)) return bad(`组「${a.name}」缺少 value`);
        const err = def ? settingValueError(def, a.value) : null;
        if (err) bad(`组「${a.name}」的值${err}`);
      });
      const values = new Set(e.arms.map((a: Arm) => JSON.stringify(a?.value)));
      if (values.size !== e.arms.length) bad('各组的设置值必须互不相同');
    }
    if (typeof e.primaryMetric !== 'string' || !METRICS[e.primaryMetric]) bad(`primaryMetric「${String(e.primaryMetric)}」不是已知指标`);
    if (!Array.isArray(e.guardrails)) bad('guardrails 必须是数组');
    else for (const g of e.guardrails) {
      if (!METRICS[g]) bad(`护栏指标「${String(g)}」不是已知指标`);
      else if (g === e.primaryMetric) bad(`护栏指标「${g}」就是主指标`);
    }
    if (typeof e.plannedEffect !== 'number' || !Number.isFinite(e.plannedEffect) || e.plannedEffect === 0 || Math.abs(e.plannedEffect) > 1) {
      bad('plannedEffect 必须是不为 0、绝对值不超过 1 的相对变化（0.1 = +10%）');
    }
    if (!Number.isInteger(e.durationDays) || e.durationDays! < 7 || e.durationDays! > 90) bad('durationDays 必须是 7–90 的整数天');
  });
  if (problems.length) throw new LibraryError(problems);
  return list as Strategy[];
}

const SHIPPED = path.join(DATA_DIR, 'experiments.json');
let shipped: Strategy[] | undefined;

/** Reads and validates a library file (a broken file is an error, never a silent skip). */
export function loadExperimentLibrary(file: string): Strategy[] {
  return validateLibrary(JSON.parse(fs.readFileSync(file, 'utf8')));
}

/** The shipped library, validated on first use. */
export function experimentLibrary(): Strategy[] {
  shipped ??= loadExperimentLibrary(SHIPPED);
  return shipped;
}

export function findStrategy(name: string, library = experimentLibrary()): Strategy | undefined {
  return library.find((s) => s.name === name.trim());
}

/**
 * The analysis plan of a strategy started at `startsAt`: the planned end, and the planned effect turned from the
 * library's relative change into a difference in the metric, given the control's baseline level (e.g. last month's).
 */
export function planFor(strategy: Strategy, input: { startsAt: number; baseline: number }): ExperimentPlan {
  return { plannedEffect: Math.abs(strategy.plannedEffect * input.baseline), endsAt: input.startsAt + strategy.durationDays * DAY };
}
