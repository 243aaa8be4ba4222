import { describe, expect, it } from 'vitest';
import { createParser, normalize, type CatalogProduct } from '../../src/nlu/index.js';
import { sentiment } from '../../src/nlu/models/sentiment.js';

const catalog: CatalogProduct[] = [
  { name: '苹果', unit: '斤', price_fen: 500 },
  { name: '草莓', unit: '盒', price_fen: 2000 },
  { name: '牛奶', unit: '瓶', price_fen: 500 },
  { name: '酸奶', unit: '盒', price_fen: 1200 },
];
const p = createParser(catalog);
const score = (s: string) => sentiment(normalize(s)).score;

describe('sentiment lexicon', () => {
  it('negation flips a positive word', () => {
    expect(score('不新鲜')).toBeLessThan(0);
    expect(score('很新鲜')).toBeGreaterThan(0);
    expect(score('不太新鲜')).toBeLessThan(0);
    expect(score('一点都不甜')).toBeLessThan(0);
  });
  it('a negated negative word is mildly positive', () => {
    expect(score('不贵')).toBeGreaterThan(0);
    expect(score('没有坏的，很新鲜')).toBeGreaterThan(0);
  });
  it('comparisons with the past or the picture are negative', () => {
    expect(score('没有想象中好吃')).toBeLessThan(0);
    expect(score('没有上次好')).toBeLessThan(0);
    expect(score('不如上次的甜')).toBeLessThan(0);
  });
  it('degree adverbs scale, 好 before an adjective is a degree adverb', () => {
    expect(score('非常新鲜')).toBeGreaterThan(score('新鲜'));
    expect(score('好慢')).toBeLessThan(score('慢'));
    expect(score('挺好')).toBeGreaterThan(0);
  });
  it('the clause after 但是/不过/就是 weighs more', () => {
    expect(score('好吃，但是太慢了')).toBeLessThan(0);
    expect(score('有点慢，不过很好吃')).toBeGreaterThan(0);
  });
  it('words that contain a polarity character are not polarity words', () => {
    expect(score('酸奶')).toBe(0);
    expect(score('冷藏的')).toBe(0);
    expect(score('小区门口')).toBe(0);
  });
  it('silent on neutral text', () => {
    expect(score('苹果2斤')).toBe(0);
    expect(score('几点到?')).toBe(0);
  });
});

describe('review-style messages', () => {
  it.each([
    '不新鲜', '不太新鲜', '没有想象中好吃', '味道一般，不会再点了', '没有上次的甜', '好吃是好吃，可惜太咸了',
    '一般般吧', '个头好小，跟图片差太多', '等了一个多小时，饭都凉了', '这是人吃的吗?怎么这么难吃',
    '上次买的苹果3斤，一半都坏了', '说是2斤，称了只有1斤6两',
  ])('%s → complaint', (text) => {
    expect(p.parse(text).intent).toBe('complaint');
  });
  it.each([
    '很新鲜', '不错，下次还买', '草莓很甜，孩子很喜欢', '没有坏的，个个都新鲜', '送得很快，谢谢团长', '酸奶很好喝',
  ])('%s → not a complaint', (text) => {
    expect(p.parse(text).intent).not.toBe('complaint');
  });
  it('a review with a product and a number never becomes an order', () => {
    for (const t of ['买了苹果2斤，很甜', '草莓3盒收到了，不太新鲜', '牛奶2瓶都漏了']) expect(p.parse(t).intent).not.toBe('order');
  });
  it('orders are untouched by the lexicon', () => {
    expect(p.parse('苹果2斤').intent).toBe('order');
    expect(p.parse('要新鲜的草莓2盒').intent).toBe('order');
  });
});
