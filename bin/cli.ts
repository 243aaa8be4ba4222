// `lintuan` command line: start, migrate, seed-demo, parse, calendar.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import dotenv from 'dotenv';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const USAGE = `用法：lintuan <命令>
  start              启动机器人（默认内置模拟器；WECHATY_PUPPET=wechaty-puppet-wechat4u 连接真实微信）
  migrate            执行数据库迁移
  seed-demo          写入演示小区、群和商品
  parse --catalog F  从标准输入读取 JSON 行，输出解析结果
  calendar 年份      打印该年的时令营销日历`;

export async function main(argv: string[]): Promise<number> {
  dotenv.config({ path: path.join(process.cwd(), '.env'), quiet: true });
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case 'start': {
      const { start } = await import('../bot/main.js');
      return start(ROOT);
    }
    case 'migrate':
    case 'seed-demo': {
      const { loadConfig } = await import('../src/config.js');
      const { openStore } = await import('../src/store/db.js');
      const config = loadConfig(process.env, process.cwd());
      const store = openStore(config.databasePath);
      if (cmd === 'seed-demo') {
        const { seedDemo } = await import('../src/services/demo.js');
        const { clockFromEnv } = await import('../src/clock.js');
        const { communityId } = seedDemo(store, undefined, clockFromEnv(process.env)());
        process.stdout.write(`演示小区已写入（community_id=${communityId}）：${config.databasePath}\n`);
      } else {
        process.stdout.write(`数据库已迁移到最新：${config.databasePath}\n`);
      }
      store.close();
      return 0;
    }
    case 'parse': {
      const { runParseCli } = await import('../src/nlu/cli.js');
      return runParseCli(rest, process.stdin, process.stdout);
    }
    case 'calendar': {
      const { runCalendarCli } = await import('../src/calendar/cli.js');
      return runCalendarCli(rest, process.stdout);
    }
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      process.stdout.write(USAGE + '\n');
      return cmd === undefined ? 2 : 0;
    default:
      process.stderr.write(`未知命令「${cmd}」\n${USAGE}\n`);
      return 2;
  }
}
