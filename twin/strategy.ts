// A leader's strategy for the twin (data/twin/*.json): when sessions open and close, with which products and
// 成团门槛, when stock is topped up and goods arrive, campaigns on or off, NPS days, and (for later) an experiment arm.
import fs from 'node:fs';

export interface SessionPlan {
  /** ISO weekdays (1 = Monday … 7 = Sunday); "每天" in the file is all seven. */
  days: number[];
  open: number; // minutes after midnight
  cutoff: number;
  /** Product names, or null for all products on sale. */
  products: string[] | null;
  minMembers: number;
}

export interface Strategy {
  name: string;
  sessions: SessionPlan[];
  /** Each morning the leader tops every product back up to `level` × its catalog stock × (residents / 300). */
  restock: { at: number; level: number } | null;
  /** Goods of a session arrive this many minutes after midnight of the day after its cut-off. */
  arrival: number;
  campaigns: boolean;
  /** Days of the run (1-based) on which the leader posts the NPS question. */
  nps: number[];
  /** An experiment arm this strategy stands for (recorded with the results; the arm's setting is not applied yet). */
  experiment: { name: string; arm: string } | null;
}

export class StrategyError extends Error {}

const clock = (v: unknown, where: string): number => {
  const m = typeof v === 'string' ? /^(\d{1,2}):(\d{2})$/.exec(v.trim()) : null;
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) throw new StrategyError(`${where} 应写成「20:00」这样的时间，现在是 ${JSON.stringify(v)}`);
  return Number(m[1]) * 60 + Number(m[2]);
};

/** Reads and checks a strategy file; a problem is a StrategyError with a Chinese message naming the file and the field. */
export function loadStrategy(file: string, productNames: readonly string[]): Strategy {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new StrategyError(e.code === 'ENOENT' ? `找不到策略文件 ${file}` : `策略文件 ${file} 不是有效的 JSON：${e.message}`);
  }
  try {
    return parseStrategy(raw, productNames);
  } catch (err) {
    if (err instanceof StrategyError) throw new StrategyError(`策略文件 ${file}：${err.message}`);
    throw err;
  }
}

export function parseStrategy(raw: unknown, productNames: readonly string[]): Strategy {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new StrategyError('应是一个 JSON 对象');
  const s = raw as Record<string, unknown>;
  const known = new Set(['name', 'sessions', 'restock', 'arrival', 'campaigns', 'nps', 'experiment', 'about']);
  for (const k of Object.keys(s)) if (!known.has(k)) throw new StrategyError(`不认识的字段「${k}」（可用：${[...known].join('、')}）`);
  if (typeof s.name !== 'string' || !s.name.trim()) throw new StrategyError('缺少策略名称 name');
  if (!Array.isArray(s.sessions) || s.sessions.length === 0) throw new StrategyError('sessions 应是至少一项的数组（何时开团）');
  const sessions = s.sessions.map((x, i): SessionPlan => {
    const where = `sessions[${i}]`;
    if (typeof x !== 'object' || x === null) throw new StrategyError(`${where} 应是对象`);
    const p = x as Record<string, unknown>;
    const days = p.days === '每天' ? [1, 2, 3, 4, 5, 6, 7] : p.days;
    if (!Array.isArray(days) || days.length === 0 || !days.every((d) => Number.isInteger(d) && d >= 1 && d <= 7)) {
      throw new StrategyError(`${where}.days 应是「每天」或星期几的数组（1 = 周一 … 7 = 周日）`);
    }
    const open = clock(p.open, `${where}.open`);
    const cutoff = clock(p.cutoff, `${where}.cutoff`);
    if (cutoff <= open) throw new StrategyError(`${where} 的截单时间 cutoff 应晚于开团时间 open`);
    let products: string[] | null = null;
    if (p.products !== '全部') {
      if (!Array.isArray(p.products) || p.products.length === 0 || !p.products.every((n) => typeof n === 'string')) {
        throw new StrategyError(`${where}.products 应是「全部」或商品名的数组`);
      }
      const unknown = (p.products as string[]).filter((n) => !productNames.includes(n));
      if (unknown.length) throw new StrategyError(`${where}.products 里没有这些商品：${unknown.join('、')}（有：${productNames.join('、')}）`);
      products = p.products as string[];
    }
    const min = p.minMembers ?? 0;
    if (!Number.isInteger(min) || (min as number) < 0 || (min as number) > 500) throw new StrategyError(`${where}.minMembers（成团人数）应是 0 到 500 的整数`);
    return { days: days as number[], open, cutoff, products, minMembers: min as number };
  });
  let restock: Strategy['restock'] = null;
  if (s.restock !== undefined && s.restock !== null) {
    const r = s.restock as Record<string, unknown>;
    if (typeof r.level !== 'number' || !(r.level > 0) || r.level > 20) throw new StrategyError('restock.level（补货到目录库存的几倍）应是 0 到 20 之间的数');
    restock = { at: clock(r.at, 'restock.at'), level: r.level };
  }
  const arrivalText = typeof s.arrival === 'string' ? s.arrival.replace(/^次日\s*/, '') : '10:00';
  const arrival = clock(arrivalText, 'arrival');
  if (s.campaigns !== undefined && typeof s.campaigns !== 'boolean') throw new StrategyError('campaigns 应是 true 或 false');
  const nps = s.nps ?? [];
  if (!Array.isArray(nps) || !nps.every((d) => Number.isInteger(d) && d >= 1)) throw new StrategyError('nps 应是第几天发推荐度调查的数组，例如 [25]');
  let experiment: Strategy['experiment'] = null;
  if (s.experiment !== undefined) {
    const e = s.experiment as Record<string, unknown>;
    if (typeof e?.name !== 'string' || typeof e?.arm !== 'string') throw new StrategyError('experiment 应写成 { "name": 实验名, "arm": 组名 }');
    experiment = { name: e.name, arm: e.arm };
  }
  return { name: s.name.trim(), sessions, restock, arrival, campaigns: s.campaigns === true, nps: nps as number[], experiment };
}
