// `lintuan` command line: start, migrate, seed-demo, parse, calendar, attribution, metrics, forecast, simulate.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import dotenv from 'dotenv';
import { parseFlags } from '../src/core/cli-args.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const USAGE = `用法：lintuan <命令>
  start              启动机器人（默认内置模拟器；WECHATY_PUPPET=wechaty-puppet-wechat4u 连接真实微信）
  migrate            执行数据库迁移
  seed-demo [--history 天数]  写入演示小区、群和商品；--history 让数字孪生在演示小区里过完到今天为止的那些天（看板和热力图有数据）
  parse --catalog F  从标准输入读取 JSON 行，输出解析结果
  calendar 年份      打印该年的时令营销日历
  attribution --journeys F  读取触点旅程（JSON 行），输出每个触点的 Shapley 转化贡献
  metrics --community 小区 [--from 日期 --to 日期] [--json]  数据看板的核心指标（默认最近 30 天）
  forecast --history H.csv --future F.csv | --backtest H.csv [--cutoffs 5 --horizon 28]  需求预测 / 回测
  simulate --strategy F [--strategy G] [--days 30] [--residents 300] [--seeds 3] [--json]  数字孪生：虚拟小区和真实机器人，预演策略`;

/** Exit codes: 0 done, 1 could not run (database, configuration), 2 bad usage. */
export async function main(argv: string[]): Promise<number> {
  dotenv.config({ path: path.join(process.cwd(), '.env'), quiet: true });
  // Only the command name is read here; each command parses its own flags.
  const [cmd, ...rest] = argv;
  if (cmd === undefined || cmd === 'help' || cmd === '-h' || cmd === '--help') {
    process.stdout.write(USAGE + '\n');
    return cmd === undefined ? 2 : 0;
  }
  try {
    return await run(cmd, rest);
  } catch (err) {
    // Configuration and database problems carry a Chinese message; anything else is still no stack trace.
    const { StoreOpenError } = await import('../src/store/db.js');
    const known = err instanceof StoreOpenError || /[\u4e00-\u9fff]/.test((err as Error)?.message ?? '');
    process.stderr.write(known ? `错误：${(err as Error).message}\n` : `邻团运行出错：${(err as Error)?.message ?? String(err)}\n`);
    if (!known && process.env.LOG_LEVEL === 'debug') process.stderr.write(`${(err as Error)?.stack}\n`);
    return 1;
  }
}

/** `seed-demo --history N`: the demo community with N days of twin life ending today (twin/cli.ts). */
async function seedDemoHistory(rest: string[]): Promise<number> {
  const parsed = parseFlags({ args: rest, options: { history: { type: 'string' } }, allowPositionals: false });
  const days = parsed.ok ? Number(parsed.value.values.history) : NaN;
  if (!parsed.ok || !Number.isInteger(days) || days < 1 || days > 120) {
    process.stderr.write(`lintuan seed-demo：${parsed.ok ? '--history 应是 1 到 120 的天数' : parsed.error}\n${USAGE}\n`);
    return 2;
  }
  const { seedDemoHistory: run } = await import('../twin/cli.js');
  return await run(days, process.env, process.stdout);
}

/** Commands that take no flags: anything after the name is a usage error. */
function noFlags(cmd: string, args: string[]): boolean {
  const parsed = parseFlags({ args, options: {}, allowPositionals: false });
  if (!parsed.ok) process.stderr.write(`lintuan ${cmd}：${parsed.error}\n${USAGE}\n`);
  return parsed.ok;
}

async function run(cmd: string, rest: string[]): Promise<number> {
  switch (cmd) {
    case 'start': {
      if (!noFlags(cmd, rest)) return 2;
      const { start } = await import('../bot/main.js');
      return await start(ROOT);
    }
    case 'migrate':
    case 'seed-demo': {
      if (cmd === 'seed-demo' && rest.length > 0) return await seedDemoHistory(rest);
      if (!noFlags(cmd, rest)) return 2;
      const { loadConfig } = await import('../src/config.js');
      const { openStore } = await import('../src/store/db.js');
      const config = loadConfig(process.env, process.cwd());
      const store = openStore(config.databasePath);
      if (cmd === 'seed-demo') {
        const { seedDemo } = await import('../src/community/demo.js');
        const { clockFromEnv } = await import('../src/clock.js');
        const { communityId } = seedDemo(store, undefined, clockFromEnv(process.env)());
        process.stdout.write(`演示小区已写入（community_id=${communityId}）：${config.databasePath}\n`);
      } else {
        process.stdout.write(`数据库已迁移到最新：${config.databasePath}\n`);
      }
      store.close();
      return 0;
    }
    case 'simulate': {
      const { runSimulateCli } = await import('../twin/cli.js');
      return await runSimulateCli(rest, process.stdout);
    }
    case 'parse': {
      const { runParseCli } = await import('../src/nlu/cli.js');
      return await runParseCli(rest, process.stdin, process.stdout);
    }
    case 'calendar': {
      const { runCalendarCli } = await import('../src/campaigns/calendar/cli.js');
      return await runCalendarCli(rest, process.stdout);
    }
    case 'attribution': {
      const { runAttributionCli } = await import('../src/experiments/attribution/cli.js');
      return runAttributionCli(rest, process.stdout);
    }
    case 'metrics': {
      const { runMetricsCli } = await import('../src/metrics/cli.js');
      return await runMetricsCli(rest, process.stdout);
    }
    case 'forecast': {
      const { runForecastCli } = await import('../src/forecast/cli.js');
      return await runForecastCli(rest, process.stdout);
    }
    default:
      process.stderr.write(`未知命令「${cmd}」\n${USAGE}\n`);
      return 2;
  }
}
