// 「想要+草莓」 / 「想要+草莓2盒」 during a big sale's 蓄水期: a presale order from the sale's presale reserve
// (the presale post asks for exactly this reply). Outside a presale the words go on to the ordinary handlers.
import type { Handler } from '../../core/types.js';
import { yuan } from '../../money.js';
import { qtyText } from '../../quantity.js';
import { shanghaiClock } from '../../time.js';
import { placePresaleOrder, salePresaleNow, saleProducts } from '../../campaigns/big-sales.js';

const PRESALE_RE = /^(?:我)?想要\s*[+＋]\s*(.+)$/;

export const presaleHandler: Handler = {
  name: 'presale',
  atomic: true,
  match: (ctx, app) => ctx.community !== null && ctx.member !== null && PRESALE_RE.test(ctx.text.normalize('NFKC').trim())
    && salePresaleNow(app.store, ctx.community.id, app.now()) !== undefined,
  handle(ctx, app) {
    const now = app.now();
    const communityId = ctx.community!.id;
    const sale = salePresaleNow(app.store, communityId, now)!;
    const rest = PRESALE_RE.exec(ctx.text.normalize('NFKC').trim())![1]!.trim();
    const catalog = app.catalogs.get(communityId);
    const onSale = saleProducts(app.store, sale).filter((p) => p.status !== 'inactive');
    const names = onSale.map((p) => p.name).join('、');
    // The product and quantity as the order parser reads them; a bare product name is one unit.
    const parsed = ctx.parsed()?.items.length ? ctx.parsed()!.items : catalog.parser.parse(rest).items;
    const mentioned = parsed.length ? parsed : catalog.mentions(rest).map((product) => ({ product, qty: 1 }));
    if (mentioned.length !== 1) {
      return ctx.reply(`预售请一次写一款商品，例如「想要+${onSale[0]?.name ?? '草莓'}」或「想要+${onSale[0]?.name ?? '草莓'}2${onSale[0]?.unit ?? '盒'}」。本次「${sale.name}」预售商品：${names}`);
    }
    const { product: name, qty } = mentioned[0]!;
    const product = onSale.find((p) => p.name === name);
    if (!product) return ctx.reply(`「${name}」不在「${sale.name}」的预售商品里，预售商品：${names}`);
    const r = placePresaleOrder(app.store, {
      sale, groupId: ctx.group?.id ?? null, memberId: ctx.member!.id, sourceMsgId: ctx.messageId,
      line: { product: { id: product.id, name: product.name, unit: product.unit, priceFen: product.priceFen }, qty },
    }, now);
    const burst = shanghaiClock(sale.burstAt);
    if (!r.ok) {
      switch (r.reason) {
        case 'duplicate':
        case 'empty':
          return;
        case 'reserve_out':
          return ctx.reply(`抱歉，「${sale.name}」给${product.name}的预售预留${r.left > 0 ? `只剩 ${qtyText(r.left)}${product.unit}` : '已经订完了'}，没有下单。${burst} 正式开抢时还能下单～`);
        case 'bad_qty':
          return ctx.reply(`「${product.name}」的数量看起来不对，请写成正数，例如「想要+${product.name}2${product.unit}」`);
        default:
          return ctx.reply(`${product.name}现在不能预售，请稍后再试或联系团长`);
      }
    }
    app.catalogs.invalidate(communityId);
    const line = r.lines[0]!;
    ctx.reply(`✅ ${ctx.who} 预售下单成功（「${sale.name}」蓄水期，从预售预留里给您留好了）：${product.name} ${qtyText(line.qty)}${product.unit} ${yuan(line.amountFen)}，`
      + `合计 ${yuan(r.order.totalFen)}（订单号 #${r.order.id}）。${burst} 开抢后优先安排，取货码到货时私聊发给您`);
  },
};
