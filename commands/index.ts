// Every leader/resident command the bot knows, in the order /帮助 lists them.
import type { Command } from '../src/command.js';
import { help } from './help.js';
import { whoami } from './whoami.js';
import { products } from './products.js';
import { bind } from './bind.js';
import { settings } from './settings.js';
import { openSessionCommand } from './open-session.js';
import { closeSessionCommand } from './close-session.js';
import { listProductCommand } from './list-product.js';
import { delistProductCommand } from './delist-product.js';
import { setPriceCommand } from './set-price.js';
import { stockCommand } from './stock.js';
import { assortmentCommand } from './assortment.js';
import { appointLeaderCommand } from './appoint-leader.js';
import { dismissLeaderCommand } from './dismiss-leader.js';
import { stats } from './stats.js';
import { memberOrders } from './member-orders.js';
import { exportCommand } from './export.js';
import { arrived } from './arrived.js';
import { pickup } from './pickup.js';
import { delivered } from './delivered.js';
import { memberTagsCommand } from './member-tags.js';
import { audienceCommand } from './audience.js';
import { silentCommand } from './silent.js';
import { pointsCommand } from './points.js';
import { surveyCommand } from './survey.js';

export const commands: readonly Command[] = [help, whoami, products, listProductCommand, delistProductCommand, setPriceCommand, stockCommand, assortmentCommand, openSessionCommand, closeSessionCommand, stats, memberOrders, memberTagsCommand, audienceCommand, silentCommand, exportCommand, arrived, pickup, delivered, pointsCommand, surveyCommand, settings, bind, appointLeaderCommand, dismissLeaderCommand];
