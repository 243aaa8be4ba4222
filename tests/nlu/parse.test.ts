import { describe, expect, it } from 'vitest';
import { createParser, normalize, type CatalogProduct } from '../../src/nlu/index.js';

const catalog: CatalogProduct[] = [
  { name: '苹果', unit: '斤', price_fen: 500 },
  { name: '草莓', unit: '盒', price_fen: 2000 },
  { name: '香蕉', unit: '把', price_fen: 800 },
  { name: '牛奶', unit: '瓶', price_fen: 500 },
  { name: '鸡蛋', unit: '盒', price_fen: 1500 },
  { name: '五花肉', unit: '斤', price_fen: 1800 },
];
const p = createParser(catalog);
const items = (text: string, ctx = {}) => p.parse(text, ctx).items.map((i) => [i.product, i.qty]);

describe('normalize', () => {
  it('folds full-width, strips invisibles and emoji, collapses punctuation', () => {
    expect(normalize('草莓２盒')).toBe('草莓2盒');
    expect(normalize('草\u200b莓\ufeff2盒')).toBe('草莓2盒');
    expect(normalize('苹果2斤👍🏻')).toBe('苹果2斤');
    expect(normalize('好吃！！！')).toBe('好吃!');
    expect(normalize('ＡＢＣ')).toBe('abc');
  });
});

describe('orders', () => {
  it.each([
    ['苹果2斤', [['苹果', 2]]],
    ['草莓 3盒', [['草莓', 3]]],
    ['要草莓', [['草莓', 1]]],
    ['我要苹果', [['苹果', 1]]],
    ['我要两斤苹果', [['苹果', 2]]],
    ['草莓来3盒', [['草莓', 3]]],
    ['牛奶x4', [['牛奶', 4]]],
    ['牛奶×2', [['牛奶', 2]]],
    ['牛奶*2', [['牛奶', 2]]],
    ['苹果2斤，香蕉一把+牛奶2瓶', [['苹果', 2], ['香蕉', 1], ['牛奶', 2]]],
    ['苹果两斤半', [['苹果', 2.5]]],
    ['一斤半苹果', [['苹果', 1.5]]],
    ['苹果1.5斤', [['苹果', 1.5]]],
    ['苹果1公斤', [['苹果', 2]]],
    ['苹果1kg', [['苹果', 2]]],
    ['苹果500克', [['苹果', 1]]],
    ['苹果500g', [['苹果', 1]]],
    ['五花肉半斤', [['五花肉', 0.5]]],
    ['苹果十二斤', [['苹果', 12]]],
    ['苹果二十斤', [['苹果', 20]]],
    ['牛奶一百瓶', [['牛奶', 100]]],
    ['平果2斤', [['苹果', 2]]],
    ['草梅3盒', [['草莓', 3]]],
    ['鸡旦2盒', [['鸡蛋', 2]]],
  ])('%s', (text, want) => {
    const r = p.parse(text);
    expect(r.intent).toBe('order');
    expect(r.items.map((i) => [i.product, i.qty])).toEqual(want);
  });

  it('takes the address and name in front and the note behind', () => {
    expect(p.parse('3-501 苹果2斤')).toMatchObject({ intent: 'order', address: '3-501', items: [{ product: '苹果', qty: 2, unit: '斤' }] });
    expect(p.parse('5栋302 王姐 草莓2盒')).toMatchObject({ address: '5栋302', name: '王姐', items: [{ product: '草莓', qty: 2 }] });
    expect(p.parse('五花肉2斤 切片')).toMatchObject({ note: '切片', items: [{ product: '五花肉', qty: 2 }] });
    expect(p.parse('苹果2斤 明天自提')).toMatchObject({ note: '明天自提' });
  });

  it('reads +1 / +2 / 我+1 as the most recently posted product', () => {
    expect(items('+1', { recent: '草莓' })).toEqual([['草莓', 1]]);
    expect(items('+2', { recent: '牛奶' })).toEqual([['牛奶', 2]]);
    expect(items('我+1', { recent: '苹果' })).toEqual([['苹果', 1]]);
    expect(p.parse('+1')).toMatchObject({ intent: 'order', items: [], rejected: { reason: 'unknown_product' } });
  });

  it('rejects bad, absurd and unknown orders instead of taking them', () => {
    expect(p.parse('苹果0斤')).toMatchObject({ intent: 'order', items: [], rejected: { reason: 'bad_qty' } });
    expect(p.parse('苹果-2斤')).toMatchObject({ items: [], rejected: { reason: 'bad_qty' } });
    expect(p.parse('苹果10000斤')).toMatchObject({ items: [], rejected: { reason: 'absurd_qty' } });
    expect(p.parse('榴莲2个')).toMatchObject({ intent: 'order', items: [], rejected: { reason: 'unknown_product', term: '榴莲' } });
  });

  it('asks instead of guessing when two products fit equally', () => {
    const q = createParser([
      { name: '红富士苹果', unit: '斤', price_fen: 600 },
      { name: '阿克苏苹果', unit: '斤', price_fen: 800 },
    ]);
    const r = q.parse('苹果2斤');
    expect(r.items).toEqual([]);
    expect(r.ambiguous?.candidates.sort()).toEqual(['红富士苹果', '阿克苏苹果'].sort());
    expect(q.parse('阿克苏2斤').items).toEqual([{ product: '阿克苏苹果', qty: 2, unit: '斤' }]);
    expect(q.parse('苹果2斤', { recent: '红富士苹果' }).items[0].product).toBe('红富士苹果');
  });
});

describe('接龙', () => {
  const v1 = '#接龙 周六水果团\n例 3-501 王姐 草莓2盒\n1. 5栋302 李姐 草莓2盒\n2. 3-101 张三 苹果3斤';
  const v2 = v1 + '\n3. 7-202 王哥 草莓1盒 香蕉2把';
  it('takes the entries added since the previous version', () => {
    const r = p.parse(v2, { previous: v1 });
    expect(r).toMatchObject({ intent: 'order', address: '7-202', name: '王哥' });
    expect(r.items.map((i) => [i.product, i.qty])).toEqual([['草莓', 1], ['香蕉', 2]]);
  });
  it('takes the last entry when no earlier version is known', () => {
    expect(items(v2)).toEqual([['草莓', 1], ['香蕉', 2]]);
  });
  it('recognizes the shape without #接龙 and with 1、 numbering', () => {
    expect(items('周末团购\n1、3-101 苹果2斤\n2、4-202 牛奶3瓶')).toEqual([['牛奶', 3]]);
  });
  it('reads a 接龙 pasted as one line, its running number telling entry 3 from a decimal ("3.9栋301")', () => {
    const before = '水果接龙 1.王阿姨 草莓2 2.小陈 苹果1.5斤';
    const r = p.parse(before + ' 3.9栋301 苹果2斤 香蕉1把', { previous: before });
    expect(r).toMatchObject({ intent: 'order', address: '9栋301' });
    expect(r.items.map((i) => [i.product, i.qty])).toEqual([['苹果', 2], ['香蕉', 1]]);
  });
});

describe('orders as residents write them (issue 14)', () => {
  it.each([
    ['牛奶我要12瓶', [['牛奶', 12]]],
    ['团长麻烦您，苹果给我来2斤，谢谢', [['苹果', 2]]],
    ['草莓给我留3盒，明天拿', [['草莓', 3]]],
    ['苹果/2斤、香蕉/1把', [['苹果', 2], ['香蕉', 1]]],
  ])('%s: the quantity after 我要 / 给我来 / 给我留 / a slash is the product\'s', (text, want) => {
    expect(p.parse(text).intent).toBe('order');
    expect(items(text)).toEqual(want);
  });
  it('a product named in the story and again with a quantity is one line (爱吃鸡蛋羹 … 两盒鸡蛋 = 2)', () => {
    const r = p.parse('孩子最近爱吃鸡蛋羹，给我来两盒鸡蛋吧');
    expect(r.intent).toBe('order');
    expect(r.items).toEqual([{ product: '鸡蛋', qty: 2, unit: '盒' }]);
  });
  it('a one-line 接龙 whose entries name no product orders the product of its title', () => {
    const before = '接龙 草莓 1.小王 2盒 2.老张 1盒';
    const r = p.parse(`${before} 3.7栋刘 3盒`, { previous: before });
    expect(r).toMatchObject({ intent: 'order', address: '7栋' });
    expect(r.items).toEqual([{ product: '草莓', qty: 3, unit: '盒' }]);
  });
});

describe('pointing back to the product just posted', () => {
  const q = createParser([{ name: '纯牛奶', unit: '瓶', price_fen: 500, packs: { 箱: 12 } }, ...catalog.slice(0, 3)]);
  it('"同上 一箱" is that product, by its declared pack; never an unknown product called 同上', () => {
    const r = q.parse('同上 一箱', { recent: '纯牛奶' });
    expect(r.intent).toBe('order');
    expect(r.rejected).toBeUndefined();
    expect(r.items).toEqual([{ product: '纯牛奶', qty: 12, unit: '瓶', pack: '1箱' }]);
  });
});

describe('cancel / modify', () => {
  it.each([
    ['取消苹果', [['苹果', 1]]],
    ['苹果不要了', [['苹果', 1]]],
    ['取消订单', []],
    ['取消', []],
  ])('%s', (text, want) => {
    const r = p.parse(text);
    expect(r.intent).toBe('cancel');
    expect(r.items.map((i) => [i.product, i.qty])).toEqual(want);
  });
  it('does not cancel everything for a product it does not know', () => {
    expect(p.parse('取消榴莲')).toMatchObject({ intent: 'cancel', items: [], rejected: { reason: 'unknown_product' } });
  });
  it('reads the new quantity', () => {
    expect(p.parse('苹果改成3斤')).toMatchObject({ intent: 'modify', items: [{ product: '苹果', qty: 3 }] });
    expect(p.parse('牛奶换成4瓶')).toMatchObject({ intent: 'modify', items: [{ product: '牛奶', qty: 4 }] });
  });
});

describe('other intents', () => {
  it.each([
    ['苹果多少钱一斤', 'inquiry'],
    ['2斤苹果多少钱', 'inquiry'],
    ['今天买了2斤苹果回家', 'chitchat'],
    ['我家孩子2岁了', 'chitchat'],
    ['上次买的苹果2斤都坏了', 'complaint'],
    ['我的积分', 'points_query'],
    ['我的等级', 'points_query'],
    ['我的订单', 'order_query'],
    ['我邀请了几个人', 'invite_query'],
    ['谢谢团长', 'chitchat'],
    ['很快，好吃', 'chitchat'],
    ['送餐太慢了', 'complaint'],
    ['菜都凉了', 'complaint'],
    ['味道一般，不会再点', 'complaint'],
    ['建议多进点当季水果', 'suggestion'],
  ])('%s → %s', (text, intent) => {
    expect(p.parse(text).intent).toBe(intent);
  });
  it('sets inquiry topic and product', () => {
    expect(p.parse('苹果多少钱')).toMatchObject({ inquiryTopic: 'price', inquiryProduct: '苹果' });
    expect(p.parse('草莓还有吗')).toMatchObject({ inquiryTopic: 'stock', inquiryProduct: '草莓' });
    expect(p.parse('今天几点到')).toMatchObject({ inquiryTopic: 'delivery_time' });
    expect(p.parse('自提点在哪')).toMatchObject({ inquiryTopic: 'pickup_place' });
    expect(p.parse('几点截单')).toMatchObject({ inquiryTopic: 'cutoff' });
  });
  it('extracts redeem target and trace code', () => {
    expect(p.parse('兑换 物业费券')).toMatchObject({ intent: 'redeem', redeemTarget: '物业费券' });
    expect(p.parse('溯源 AB12cd')).toMatchObject({ intent: 'trace', traceCode: 'AB12cd' });
  });
  it('reads the code written before the word 溯源, with a question behind it, as a trace', () => {
    const r = p.parse('T20261130-0077 溯源，这鲈鱼是野生的吗');
    expect(r).toMatchObject({ intent: 'trace', traceCode: 'T20261130-0077', items: [] });
  });
  it.each([
    ['鸡蛋碎了三个', '破损'],
    ['称了一下只有一斤八两', '缺斤少两'],
    ['等了两个小时还没送到', '配送延迟'],
    ['我的草莓没收到', '未送达'],
    ['送错了，不是我订的', '错发漏发'],
    ['吃了拉肚子', '食品安全'],
    ['草莓一半都是烂的', '变质不新鲜'],
    ['太贵了，比超市贵', '价格'],
    ['团长态度太差了', '服务态度'],
    ['申请退款三天了没人管', '退款'],
  ])('complaint type: %s → %s', (text, type) => {
    expect(p.parse(text)).toMatchObject({ intent: 'complaint', complaintType: type });
  });
});

describe('quantity contract on every path', () => {
  it('never turns "+0" into an item', () => {
    const p = createParser([{ name: '草莓', unit: '盒', price_fen: 100 }]);
    for (const text of ['+0', '我+0', '草莓+0']) {
      const r = p.parse(text, { recent: '草莓' });
      expect(r.items).toEqual([]);
      expect(r.rejected?.reason).toBe('bad_qty');
    }
  });
});

describe('forms read on an unseen catalog (issue 14, corpus C)', () => {
  const shop = createParser([
    { name: '香水百合', unit: '束', price_fen: 3900, aliases: ['百合'] },
    { name: '绿萝', unit: '盆', price_fen: 1990 },
    { name: '法棍', unit: '根', price_fen: 1200 },
    { name: '黄油牛角包', unit: '个', price_fen: 800, aliases: ['牛角包'], packs: { 袋: 4 } },
    { name: '酱牛肉', unit: '斤', price_fen: 6800 },
    { name: '花蛤', unit: '斤', price_fen: 1300 },
    { name: '扇贝', unit: '斤', price_fen: 2200 },
  ]);
  const read = (text: string, ctx = {}) => {
    const r = shop.parse(text, ctx);
    return [r.intent, r.items.map((i) => [i.product, i.qty]), r.rejected?.reason];
  };
  it.each([
    ['百合两束', ['order', [['香水百合', 2]], undefined]],
    ['绿萝改成3盆', ['modify', [['绿萝', 3]], undefined]],
    ['百合来3枝', ['order', [], 'unit_mismatch']],
    ['lvluo 2盆', ['order', [['绿萝', 2]], undefined]],
    ['来俩法棍', ['order', [['法棍', 2]], undefined]],
    ['酱牛肉一斤二两', ['order', [['酱牛肉', 1.2]], undefined]],
    ['牛角包一袋半', ['order', [['黄油牛角包', 6]], undefined]],
    ['法棍要500根', ['order', [], 'absurd_qty']],
    ['有带鱼吗？来两斤', ['order', [], 'unknown_product']],
    ['扇贝多加一斤，一共3斤', ['modify', [['扇贝', 3]], undefined]],
    ['花蛤要两斤，扇贝不要了', ['cancel', [['扇贝', 1]], undefined]],
  ] as const)('%s', (text, want) => {
    expect(read(text)).toEqual(want);
  });
  it('a +1 with a quantity behind it orders that quantity of the product just posted', () => {
    expect(read('+1 两袋', { recent: '黄油牛角包' })).toEqual(['order', [['黄油牛角包', 8]], undefined]);
    expect(read('也给我来一斤', { recent: '花蛤' })).toEqual(['order', [['花蛤', 1]], undefined]);
  });
  it('an exchange asked for is a redeem, a question about one\'s own order is an order query', () => {
    expect(shop.parse('把我的积分都换成优惠券吧')).toMatchObject({ intent: 'redeem', redeemTarget: '优惠券' });
    expect(shop.parse('我那单花蛤发货了吗').intent).toBe('order_query');
    expect(shop.parse('我的券').intent).toBe('points_query');
  });
  it('neighbourhood complaints that name nothing of the group-buy are no action', () => {
    for (const t of ['垃圾站那边好臭啊，夏天受不了', '真的假的', '水管爆了！7栋门口全是水']) {
      expect(['order', 'cancel', 'modify', 'complaint', 'redeem']).not.toContain(shop.parse(t).intent);
    }
  });
});
