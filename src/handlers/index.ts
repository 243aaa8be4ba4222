import type { Handler } from '../router.js';
import { commandHandler } from './command.js';
import { orderHandler } from './order.js';
import { ignoreHandler } from './ignore.js';

/** Order matters: the first handler that matches is the only one that runs. */
export const handlers: readonly Handler[] = [commandHandler, orderHandler, ignoreHandler];
