import type { Command } from '../src/core/types.js';
import { yuan } from '../src/money.js';
import { qtyText } from '../src/quantity.js';
import {
  aliasesOf, listProduct, listProducts, packsOf, parsePriceFen, parseStock, parseTier, productByName,
  type PriceParse, type Tier,
} from '../src/catalog/catalog.js';

const USAGE = '/上架 名称 价格 单位 库存 [引流|利润|爆品|体验] [1箱=12瓶…] [别名…]';

/** Why a written price was refused, in words a leader understands (shared with /改价). */
export function priceProblem(written: string, r: Extract<PriceParse, { ok: false }>): string {
  if (r.reason === 'not_positive') return `价格「${written}」不对：价格要大于 0`;
  if (r.reason === 'too_high') return `价格「${written}」太高了（最高 ¥100000），请检查是不是多写了几位`;
  return `没看懂价格「${written}」，请写元，例如 6、6.5 或 ¥6.50`;
}

// "1箱=12瓶" / "箱=12": a pack of the product's unit.
const PACK_RE = /^1?([\u4e00-\u9fff]{1,2})[=＝](\d+)([\u4e00-\u9fff]{1,2})?$/;

const hasDigits = (s: string) => /\d/.test(s.normalize('NFKC'));

export const listProductCommand: Command = {
  names: ['上架', 'listing'],
  role: 'leader',
  needsCommunity: true,
  usage: USAGE,
  summary: '上架新商品，或重新上架/更新同名商品的价格、单位、库存',
  details: '价格按元写（6、6.5、¥6.50 都可以），库存按单位计；层级不写时新商品为「利润」，已有商品保持原层级；别名不写时保持原别名\n'
    + '整箱/整提等包装写「1箱=12瓶」（居民说「来一箱」就按 12瓶 下单）；不写时保持原包装\n'
    + '例如：/上架 苹果 6.5 斤 200 利润 红富士 富士苹果\n　　　/上架 榴莲 ¥39.9/个 10 爆品\n　　　/上架 牛奶 6.5 瓶 150 1箱=12瓶',
  run(ctx, args, app) {
    const communityId = ctx.community!.id;
    // "6.5元/斤" is the price and the unit in one word.
    const split = args[1] ? /^(.*\d.*?)\/(\D+)$/.exec(args[1].normalize('NFKC')) : null;
    const words = split ? [args[0]!, split[1]!, split[2]!, ...args.slice(2)] : args;
    const [rawName, rawPrice, rawUnit, rawStock, ...rest] = words;
    if (!rawName || !rawPrice) return ctx.reply(`用法：${USAGE}`);
    const name = rawName.normalize('NFKC').trim();
    if (name.length > 20 || /^[\d.¥]+$/.test(name)) return ctx.reply(`商品名称「${rawName}」不对，请先写名称再写价格\n用法：${USAGE}`);

    const price = parsePriceFen(rawPrice);
    if (!price.ok) return ctx.reply(`${priceProblem(rawPrice, price)}\n用法：${USAGE}`);
    const unit = rawUnit?.normalize('NFKC').trim() ?? '';
    if (!unit || hasDigits(unit) || unit.length > 6) {
      return ctx.reply(`缺少单位（斤、盒、个、瓶…），单位写在价格后面\n例如：/上架 ${name} ${rawPrice} 斤 100\n用法：${USAGE}`);
    }
    if (rawStock === undefined) return ctx.reply(`请写上库存数量\n例如：/上架 ${name} ${rawPrice} ${unit} 100\n用法：${USAGE}`);
    const stock = parseStock(rawStock, unit);
    if (stock === null) return ctx.reply(`库存「${rawStock}」不对，请写 0 或正数（最多 1000000）\n用法：${USAGE}`);

    let tier: Tier | undefined;
    const aliasWords: string[] = [];
    const packs: Record<string, number> = {};
    for (const token of rest) {
      const t = parseTier(token);
      const pack = PACK_RE.exec(token.normalize('NFKC'));
      if (pack) {
        const n = Number(pack[2]);
        if (pack[3] && pack[3] !== unit) return ctx.reply(`包装「${token}」的单位要和商品单位「${unit}」一致，例如 1${pack[1]}=${n}${unit}`);
        if (!Number.isInteger(n) || n < 2 || n > 1000) return ctx.reply(`包装「${token}」不对：一${pack[1]}要写 2 到 1000 的整数${unit}，例如 1${pack[1]}=12${unit}`);
        if (pack[1] === unit) return ctx.reply(`包装「${token}」不对：包装名不能和单位「${unit}」相同`);
        packs[pack[1]!] = n;
      } else if (t && !tier) tier = t;
      else aliasWords.push(...token.replace(/^别名[:：]?/, '').split(/[、,，]/));
    }
    const aliases = [...new Set(aliasWords.map((a) => a.normalize('NFKC').trim()).filter((a) => a && a !== name))];
    if (aliases.some((a) => a.length > 20) || aliases.length > 10) return ctx.reply('别名最多 10 个，每个不超过 20 个字');

    // A name or alias that already means another product would make residents' orders ambiguous.
    const others = listProducts(app.store, communityId).filter((p) => p.name !== name);
    const owner = others.find((p) => aliasesOf(p).includes(name));
    if (owner) return ctx.reply(`「${name}」已经是「${owner.name}」的别名。要修改${owner.name}请写 /上架 ${owner.name} …，或换一个名称`);
    const taken = aliases.filter((a) => others.some((p) => p.name === a || aliasesOf(p).includes(a)));
    const kept = aliases.filter((a) => !taken.includes(a));

    const existed = productByName(app.store, communityId, name);
    const r = listProduct(app.store, communityId, {
      name, unit, priceFen: price.fen, stock, tier,
      aliases: kept.length ? kept : undefined, packs: Object.keys(packs).length ? packs : undefined,
    }, app.now());
    app.catalogs.invalidate(communityId);

    const p = r.product;
    const head = { created: '已上架', reactivated: '已重新上架', updated: '已更新' }[r.outcome];
    const lines = [`${head}：${p.name} ${yuan(p.priceFen)}/${p.unit}，库存 ${qtyText(p.stock)}${p.unit}，层级：${p.tier}`];
    if (existed && r.outcome === 'updated' && existed.priceFen !== p.priceFen) lines.push(`价格 ${yuan(existed.priceFen)} → ${yuan(p.priceFen)}`);
    const shownAliases = aliasesOf(p);
    if (shownAliases.length) lines.push(`别名：${shownAliases.join('、')}`);
    const shownPacks = Object.entries(packsOf(p));
    if (shownPacks.length) lines.push(`包装：${shownPacks.map(([k, n]) => `1${k}=${n}${p.unit}`).join('、')}`);
    if (p.reserved > 0) lines.push(`预售预留 ${qtyText(p.reserved)}${p.unit}，可售 ${qtyText(Math.max(0, p.stock - p.reserved))}${p.unit}`);
    if (taken.length) lines.push(`别名「${taken.join('、')}」已被其他商品使用，没有添加`);
    ctx.reply(lines.join('\n'));
  },
};
