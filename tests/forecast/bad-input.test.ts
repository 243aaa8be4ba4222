// Bad input to the real CLI: a Chinese message naming the file and the line, exit 2, nothing on stdout.
import { describe, expect, it } from 'vitest';
import { FUTURE_HEADER, HISTORY_HEADER } from './generator.js';
import { runCli, runInProcess, tempDir, writeFile } from './cli-helpers.js';

const H = HISTORY_HEADER;
const F = FUTURE_HEADER;
/** 30 good history days of one product, from 2026-03-01. */
const goodHistory = [H, ...Array.from({ length: 30 }, (_, i) => `2026-03-${String(i + 1).padStart(2, '0')},青菜,${10 + (i % 7)},350,0,15,0,0`)].join('\n');
const goodFuture = `${F}\n2026-04-01,青菜,350,0,16,0\n`;

interface Case { name: string; history?: string; future?: string; args?: (h: string, f: string) => string[]; error: RegExp }

const cases: Case[] = [
  { name: 'missing column', history: goodHistory.replace(',stockout', '').replace(/,0$/gm, ''), error: /h\.csv 第 1 行：表头缺少列 stockout/ },
  { name: 'impossible date', history: goodHistory.replace('2026-03-03,', '2026-02-30,'), error: /h\.csv 第 4 行：date 不是有效日期 YYYY-MM-DD（“2026-02-30”）/ },
  { name: 'not a date', history: goodHistory.replace('2026-03-05,', '2026/03/05,'), error: /h\.csv 第 6 行：date 不是有效日期/ },
  { name: 'date outside the calendar', history: goodHistory.replace('2026-03-05,', '2150-03-05,'), error: /h\.csv 第 6 行：date 超出节假日日历支持的年份/ },
  { name: 'negative units', history: goodHistory.replace('2026-03-07,青菜,16', '2026-03-07,青菜,-3'), error: /h\.csv 第 8 行：units 不能是负数（“-3”）/ },
  { name: 'non-numeric field', history: goodHistory.replace('2026-03-09,青菜,11,350,0,15', '2026-03-09,青菜,11,350,0,暖和'), error: /h\.csv 第 10 行：temp_max_c 不是数字（“暖和”）/ },
  { name: 'flag not 0/1', history: goodHistory.replace('2026-03-10,青菜,12,350,0', '2026-03-10,青菜,12,350,2'), error: /h\.csv 第 11 行：promo 只能是 0 或 1/ },
  { name: 'price not integer fen', history: goodHistory.replace('2026-03-11,青菜,13,350', '2026-03-11,青菜,13,3.5'), error: /h\.csv 第 12 行：price_fen 应为正整数/ },
  { name: 'short row', history: goodHistory.replace('2026-03-12,青菜,14,350,0,15,0,0', '2026-03-12,青菜,14'), error: /h\.csv 第 13 行：有 3 列，表头有 8 列/ },
  { name: 'duplicate day', history: `${goodHistory}\n2026-03-02,青菜,9,350,0,15,0,0`, error: /h\.csv 第 32 行：2026-03-02 的「青菜」与第 3 行重复/ },
  { name: 'empty history', history: '', error: /h\.csv 是空文件/ },
  { name: 'header only', history: `${H}\n`, error: /h\.csv 只有表头，没有数据行/ },
  { name: 'empty plan', future: '\n', error: /f\.csv 是空文件/ },
  { name: 'plan product not in history', future: `${F}\n2026-04-01,青菜,350,0,16,0\n2026-04-01,菠菜,350,0,16,0\n`, error: /f\.csv 第 3 行：商品「菠菜」不在历史文件里/ },
  { name: 'plan inside the history', future: `${F}\n2026-03-30,青菜,350,0,16,0\n`, error: /f\.csv 第 2 行：2026-03-30 不晚于「青菜」历史的最后一天/ },
  { name: 'plan missing column', future: 'date,product,price_fen,promo,temp_max_c\n2026-04-01,青菜,350,0,16\n', error: /f\.csv 第 1 行：表头缺少列 rain_mm/ },
  { name: 'missing file', args: (h) => ['--history', h, '--future', '/nonexistent/f.csv'], error: /读不到文件 \/nonexistent\/f\.csv/ },
  { name: 'no plan', args: (h) => ['--history', h], error: /需要 --history 和 --future/ },
  { name: 'bad --cutoffs', args: (h) => ['--backtest', h, '--cutoffs', '0'], error: /--cutoffs 应为 1–52 的整数/ },
  { name: 'backtest on too short a history', args: (h) => ['--backtest', h], error: /历史只有 30 天：.*至少 532 天/ },
  { name: 'unknown flag', args: (h) => ['--history', h, '--futur', h], error: /不认识的参数 --futur/ },
];

describe('lintuan forecast on bad input', () => {
  it('accepts the good files the cases below spoil', async () => {
    const dir = tempDir();
    const res = await runCli(['--history', writeFile(dir, 'h.csv', goodHistory), '--future', writeFile(dir, 'f.csv', goodFuture)]);
    expect(res.stderr).toBe('');
    expect(res.stdout).toMatch(/^date,product,units\n2026-04-01,青菜,\d+\.\d\d\n$/);
  }, 60_000);

  const argsOf = (c: Case) => {
    const dir = tempDir();
    const h = writeFile(dir, 'h.csv', c.history ?? goodHistory);
    const f = writeFile(dir, 'f.csv', c.future ?? goodFuture);
    return c.args ? c.args(h, f) : ['--history', h, '--future', f];
  };
  const expectRefused = (c: Case, res: { status: number | null; stdout: string; stderr: string }) => {
    expect(res.stderr, c.name).toMatch(c.error);
    expect(res.stderr, c.name).not.toMatch(/at .*\.ts:\d+/);
    expect(res.status, c.name).toBe(2);
    expect(res.stdout, c.name).toBe('');
  };

  it.each(cases.map((c) => [c.name, c] as const))('%s: names the file and line, exit 2, nothing on stdout', async (_, c) => {
    expectRefused(c, await runInProcess(argsOf(c)));
  });

  // The same through the real binary for a few of them (its exit code and streams, not just the function's).
  it('refuses them the same way through bin/lintuan.js', async () => {
    const picked = cases.filter((c) => ['missing column', 'negative units', 'plan product not in history'].includes(c.name));
    const results = await Promise.all(picked.map(async (c) => ({ c, res: await runCli(argsOf(c)) })));
    for (const { c, res } of results) expectRefused(c, res);
  }, 60_000);
});
