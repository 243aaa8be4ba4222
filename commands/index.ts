// Every leader/resident command the bot knows, in the order /帮助 lists them.
import type { Command } from '../src/command.js';
import { help } from './help.js';
import { whoami } from './whoami.js';
import { products } from './products.js';
import { bind } from './bind.js';
import { settings } from './settings.js';
import { openSessionCommand } from './open-session.js';
import { closeSessionCommand } from './close-session.js';

export const commands: readonly Command[] = [help, whoami, products, openSessionCommand, closeSessionCommand, settings, bind];
