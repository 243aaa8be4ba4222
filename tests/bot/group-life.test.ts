// Acceptance (issue 14): a 200-line group script through the mock puppet, mostly neighbourhood life. The bot replies
// only to the lines meant for it, opens tickets only for group-buy complaints, and places exactly the orders asked for.
// Every line is checked and all that go wrong are listed together, so one run shows each line the parser misreads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';
import { NEIGHBOURHOOD } from './group-life.lines.js';

/** A line meant for the bot: what its reply says, and what it does to orders and tickets. */
interface ForBot {
  who: string;
  text: string;
  reply: RegExp;
  /** Places one order. */
  order?: true;
  /** Opens one ticket (of this type, when given). */
  ticket?: string | true;
}

const FOR_BOT: ForBot[] = [
  { who: '张姐', text: '苹果2斤', reply: /✅ 3-501 张姐 下单成功：苹果 2斤 ¥12\.00/, order: true },
  { who: '李叔', text: '草莓2盒', reply: /下单成功：草莓 2盒 ¥50\.00/, order: true },
  { who: '王妈', text: '团长，我要牛奶3瓶', reply: /下单成功：牛奶 3瓶 ¥19\.50/, order: true },
  { who: '小刘', text: '鸡蛋1盒，西红柿2斤', reply: /下单成功：鸡蛋 1盒 ¥18\.00；西红柿 2斤 ¥9\.00/, order: true },
  { who: '陈阿姨', text: '5栋302 陈阿姨 五花肉2斤', reply: /下单成功：五花肉 2斤 ¥39\.60[\s\S]*送到：5栋302 陈阿姨/, order: true },
  { who: '张姐', text: '我的订单', reply: /已私聊发给你 📩[\s\S]*您最近的订单：[\s\S]*苹果 2斤/ },
  { who: '赵哥', text: '大米1袋', reply: /下单成功：大米 1袋 ¥59\.90/, order: true },
  { who: '李叔', text: '我的积分', reply: /您当前积分 \d+ 分/ },
  { who: '小雨妈妈', text: '纸尿裤2包', reply: /下单成功：纸尿裤 2包 ¥178\.00/, order: true },
  { who: '王妈', text: '几点截单', reply: /截单时间：「阳光小区日常团购」\d\d-\d\d \d\d:\d\d 截单/ },
  { who: '孙姐', text: '香蕉一把', reply: /下单成功：香蕉 1把 ¥9\.00/, order: true },
  { who: '张姐', text: '昨天的苹果都是烂的，一股酒味', reply: /已登记为工单#\d+并转告团长/, ticket: '变质不新鲜' },
  { who: '周叔', text: '青团2盒', reply: /下单成功：青团 2盒 ¥44\.00/, order: true },
  { who: '吴姐', text: '帮我订两盒草莓', reply: /下单成功：草莓 2盒 ¥50\.00/, order: true },
  { who: '王妈', text: '+1', reply: /下单成功：草莓 1盒 ¥25\.00/, order: true },
  { who: '周叔', text: '能不能多上点有机蔬菜', reply: /谢谢您的建议！已转告团长 🙏/ },
  { who: '郑哥', text: '麻烦给我来3斤苹果', reply: /下单成功：苹果 3斤 ¥18\.00/, order: true },
  { who: '李叔', text: '草莓都压坏了', reply: /已登记为工单#\d+并转告团长/, ticket: '破损' },
  { who: '李叔', text: '草莓不要了', reply: /已取消：草莓 2盒/ },
  { who: '小刘', text: '自提点在哪', reply: /自提点/ },
  { who: '张姐', text: '再来一盒草莓', reply: /下单成功：草莓 1盒 ¥25\.00/, order: true },
  { who: '王妈', text: '你们这服务太差了', reply: /已登记为工单#\d+并转告团长/, ticket: '服务态度' },
  { who: '刘奶奶', text: '牛奶2瓶 明天自提', reply: /下单成功：牛奶 2瓶 ¥13\.00[\s\S]*明天自提/, order: true },
  { who: '王妈', text: '牛奶改成2瓶', reply: /已把牛奶从 3瓶 改为 2瓶/ },
  { who: '周叔', text: '草莓多少钱一盒', reply: /草莓 ¥25\.00\/盒，目前还有 \d+盒/ },
  { who: '小刘', text: '上次的草莓不错，这次要3盒', reply: /下单成功：草莓 3盒 ¥75\.00/, order: true },
  { who: '陈阿姨', text: '我还有几分', reply: /您当前积分 \d+ 分/ },
  { who: '赵哥', text: '取消订单', reply: /已取消您的全部未完成订单：大米 1袋/ },
  { who: '林阿姨', text: '孩子要草莓2盒', reply: /下单成功：草莓 2盒 ¥50\.00/, order: true },
  { who: '孙姐', text: '配送太慢了，等了一下午', reply: /已登记为工单#\d+并转告团长/, ticket: '配送延迟' },
  { who: '郑哥', text: '帮我看看订单', reply: /您最近的订单：[\s\S]*苹果 3斤/ },
  { who: '老王', text: '团长 给我留两斤五花肉', reply: /下单成功：五花肉 2斤 ¥39\.60/, order: true },
  { who: '吴姐', text: '截单时间能不能晚一点，下班赶不上', reply: /谢谢您的建议！已转告团长 🙏/ },
  { who: '孙姐', text: '香蕉改成2把', reply: /已把香蕉从 1把 改为 2把/ },
  { who: '黄姐', text: '西红柿３斤，鸡蛋两盒', reply: /下单成功：西红柿 3斤 ¥13\.50；鸡蛋 2盒 ¥36\.00/, order: true },
  { who: '赵哥', text: '兑换', reply: /可兑换的券（您当前积分 \d+ 分）/ },
  { who: '刘奶奶', text: '牛奶送来的时候已经过期了', reply: /已登记为工单#\d+并转告团长/, ticket: true },
  { who: '吴姐', text: '我的券', reply: /您还没有可用的券/ },
  { who: '郑哥', text: '取消苹果', reply: /已取消：苹果 3斤/ },
  { who: '小刘', text: '吃了拉肚子', reply: /食品安全是头等大事[\s\S]*已登记为工单#\d+并转告团长/, ticket: '食品安全' },
  { who: '老王', text: '鸡蛋还有吗', reply: /鸡蛋 ¥18\.00\/盒，目前还有 \d+盒/ },
  { who: '陈阿姨', text: '五花肉改成3斤', reply: /已把五花肉从 2斤 改为 3斤/ },
  { who: '黄姐', text: '苹果多少钱一斤', reply: /苹果 ¥6\.00\/斤，目前还有/ },
  { who: '周叔', text: '鸡蛋碎了好几个', reply: /已登记为工单#\d+并转告团长/, ticket: '破损' },
  { who: '林阿姨', text: '我的等级', reply: /您当前的身份是【/ },
  { who: '小雨妈妈', text: '建议以后多上点水果', reply: /谢谢您的建议！已转告团长 🙏/ },
  { who: '老王', text: '我邀请了几个人', reply: /你还没有邀请过邻居入群哦/ },
  { who: '黄姐', text: '今天几点截单呀', reply: /截单时间：「阳光小区日常团购」/ },
  { who: '林阿姨', text: '我的订单', reply: /已私聊发给你 📩[\s\S]*草莓 2盒/ },
];

const NEIGHBOURS = ['张姐', '李叔', '王妈', '小刘', '陈阿姨', '赵哥', '孙姐', '周叔', '吴姐', '郑哥', '刘奶奶', '林阿姨', '老王', '黄姐', '小雨妈妈'];

type Step = { kind: 'life'; who: string; text: string; id: string } | ({ kind: 'bot' } & ForBot);

/** Three lines of neighbourhood life before each line for the bot, the rest at the end: 200 lines. */
function script(): Step[] {
  const life = NEIGHBOURHOOD.map(([id, , text], i) => ({ kind: 'life' as const, who: NEIGHBOURS[(i * 7) % NEIGHBOURS.length]!, text, id }));
  const out: Step[] = [];
  let n = 0;
  for (const line of FOR_BOT) {
    out.push(...life.slice(n, n + 3), { kind: 'bot', ...line });
    n += 3;
  }
  out.push(...life.slice(n));
  return out;
}

let h: Harness;
const problems: string[] = [];
const count = (table: string) => (h.store.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const rows = <T>(sql: string) => h.store.sqlite.prepare(sql).all() as T[];

beforeAll(async () => {
  h = await startHarness();
  const steps = script();
  expect(steps).toHaveLength(200);
  for (const step of steps) {
    const orders = count('orders');
    const tickets = count('tickets');
    const sent = await h.say(step.who, step.text);
    const newOrders = count('orders') - orders;
    const newTickets = rows<{ type: string }>(`SELECT type FROM tickets WHERE id > ${tickets} ORDER BY id`).map((t) => t.type);
    const said = sent.map((s) => s.text).join(' ⏎ ');
    const line = `${step.kind === 'life' ? step.id : 'bot'} ${step.who}「${step.text}」`;
    if (step.kind === 'life') {
      if (sent.length) problems.push(`${line}: replied ${said}`);
      if (newOrders) problems.push(`${line}: placed ${newOrders} order(s)`);
      if (newTickets.length) problems.push(`${line}: opened ticket ${newTickets.join(',')}`);
      continue;
    }
    if (!step.reply.test(said)) problems.push(`${line}: reply ${JSON.stringify(said)} does not match ${step.reply}`);
    if (newOrders !== (step.order ? 1 : 0)) problems.push(`${line}: placed ${newOrders} order(s), expected ${step.order ? 1 : 0}`);
    const wanted = step.ticket === undefined ? [] : [step.ticket];
    if (newTickets.length !== wanted.length || (typeof step.ticket === 'string' && newTickets[0] !== step.ticket)) {
      problems.push(`${line}: opened tickets [${newTickets.join(',')}], expected [${wanted.join(',')}]`);
    }
  }
}, 180_000);
afterAll(async () => { await h?.stop(); });

describe('a day in a real group', () => {
  it('answers only the lines meant for the bot, tickets only group-buy complaints, orders exactly as asked', () => {
    expect(problems).toEqual([]);
  });

  it('ends with exactly the orders and tickets the script asked for', () => {
    expect(count('orders')).toBe(FOR_BOT.filter((l) => l.order).length);
    expect(count('orders')).toBe(18);
    expect(rows<{ text: string }>('SELECT text FROM tickets ORDER BY id').map((t) => t.text))
      .toEqual(FOR_BOT.filter((l) => l.ticket).map((l) => l.text));
    const live = rows<{ who: string; name: string; qty: number }>(
      `SELECT m.display_name AS who, p.name, i.qty_milli / 1000.0 AS qty FROM order_items i JOIN orders o ON o.id = i.order_id
       JOIN products p ON p.id = i.product_id JOIN members m ON m.id = o.member_id WHERE i.cancelled_at IS NULL ORDER BY i.id`)
      .map((r) => `${r.who.replace(/^\S+ /, '')} ${r.name}${r.qty}`);
    expect(live).toEqual([
      '张姐 苹果2', '王妈 牛奶2', '小刘 鸡蛋1', '小刘 西红柿2', '陈阿姨 五花肉3', '小雨妈妈 纸尿裤2', '孙姐 香蕉2', '周叔 青团2',
      '吴姐 草莓2', '王妈 草莓1', '张姐 草莓1', '刘奶奶 牛奶2', '小刘 草莓3', '林阿姨 草莓2', '老王 五花肉2', '黄姐 西红柿3', '黄姐 鸡蛋2',
    ]);
  });
});
