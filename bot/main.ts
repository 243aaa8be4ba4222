// `lintuan start`: open the store, build the core, pick the puppet, run.
import path from 'node:path';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/log.js';
import { openStore } from '../src/store/db.js';
import { createApp } from '../src/core/app.js';
import { clockFromEnv, movableClock, simStartFromEnv, systemClock } from '../src/clock.js';
import { handlers } from '../src/handlers/index.js';
import { loadDemo, seedDemo } from '../src/community/demo.js';
import { commands } from '../commands/index.js';
import { choosePuppet } from './puppet.js';
import { createBot } from './bot.js';
import { buildWorld, runSimulator } from './simulator.js';

export async function start(root: string): Promise<number> {
  const config = loadConfig(process.env, process.cwd());
  const log = createLogger(config.logLevel);
  const store = openStore(config.databasePath);
  const choice = choosePuppet(config, path.join(root, 'data'));
  // The simulator's clock can be moved forward by clock lines (from LINTUAN_SIM_START, else from the real time).
  const simClock = choice.kind === 'mock' ? movableClock(simStartFromEnv(process.env) ?? systemClock()) : null;
  const app = createApp({ store, config, log, commands, now: simClock?.now ?? clockFromEnv(process.env) });
  // Last line of defence: whatever escapes a handler is logged, and the bot keeps running.
  process.on('unhandledRejection', (err) => log.error({ err }, 'unhandled rejection'));
  process.on('uncaughtException', (err) => log.error({ err }, 'uncaught exception'));
  const bot = createBot(app, handlers, choice);
  // The local web console; /后台 hands out its login links. It starts beside the bot (fastify is imported only when
  // the console is on), so the first messages do not wait for it.
  const web = config.consolePort === null ? Promise.resolve(null)
    : import('../web/server.js').then((m) => m.startConsole(app, config.consolePort!))
      .catch((err) => { log.error({ err }, 'web console failed to start'); return null; });

  if (choice.kind === 'mock' && simClock) {
    const demo = loadDemo();
    seedDemo(store, demo, app.now());
    const world = buildWorld(choice.mocker, demo);
    await bot.start();
    choice.mocker.login(world.botUser);
    await runSimulator(bot, world, process.stdin, process.stdout, { clock: simClock, notes: process.stderr });
    await (await web)?.close();
    await bot.stop();
    store.close();
    return 0;
  }

  await bot.start();
  log.info({ puppet: config.puppet }, '邻团已启动');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await (await web)?.close();
  await bot.stop();
  store.close();
  return 0;
}
