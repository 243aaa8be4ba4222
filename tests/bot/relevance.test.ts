// Complaints and questions are the group-buy's only when the reading says so (src/handlers/service/relevance.ts):
// the model's confident reading as it is; a rule reading with a general sign (the leader addressed, a product named,
// the member's own order within 2 hours for a complaint of a definite type).
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';
import type { ParseResult } from '../../src/nlu/index.js';

let h: Harness | undefined;
afterEach(async () => { await h?.stop(); h = undefined; });

let t = 0;
const tickets = () => h!.store.sqlite.prepare('SELECT type, text FROM tickets ORDER BY id').all();
const MAIN = 'demo-main@chatroom';

async function start(readings: Record<string, ParseResult> = {}) {
  t = Date.parse('2027-03-11T15:00:00+08:00');
  h = await startHarness({ now: () => t });
  const compiled = h.app.catalogs.get(h.communityId);
  const real = compiled.parser;
  compiled.parser = { parse: (text, ctx) => readings[text] ?? real.parse(text, ctx) };
}

describe('whose complaint is it', () => {
  it('takes the model\'s confident reading as it is, with no other sign', async () => {
    await start({ '你们这服务太差了': { intent: 'complaint', items: [], complaintType: '服务态度', confidence: 0.97 } });
    const replies = await h!.say('王妈', '你们这服务太差了');
    expect(replies.find((r) => r.conversationId === MAIN)!.text).toMatch(/^非常抱歉让您不愉快！.*已登记为工单#1并转告团长/);
    expect(tickets()).toEqual([{ type: '服务态度', text: '你们这服务太差了' }]);
  });

  it('reads a typed complaint right after the member\'s own order as about it, and not otherwise', async () => {
    await start();
    expect(await h!.say('李叔', '吃了拉肚子')).toEqual([]);
    expect(tickets()).toEqual([]);
    await h!.say('张姐', '牛奶2瓶');
    t += 30 * 60_000;
    const replies = await h!.say('张姐', '吃了拉肚子');
    expect(replies.find((r) => r.conversationId === MAIN)!.text).toMatch(/^非常抱歉！食品安全是头等大事.*已登记为工单#1/s);
    expect(tickets()).toEqual([{ type: '食品安全', text: '吃了拉肚子' }]);
  });

  it('a complaint that names a product or speaks to the leader is ours', async () => {
    await start();
    await h!.say('张姐', '草莓都烂了，一股酒味');
    await h!.say('李叔', '团长，上次的东西坏了');
    expect(tickets()).toEqual([{ type: '变质不新鲜', text: '草莓都烂了，一股酒味' }, { type: '变质不新鲜', text: '团长，上次的东西坏了' }]);
  });
});
