// Orders typed in chat: parse against the community catalog, place the order, confirm it.
import type { App, Handler, MessageContext } from '../../core/types.js';
import { MAX_WRITTEN, type ParseResult } from '../../nlu/index.js';
import { placeOrder, MAX_LINE_QTY, type ShortLine } from '../../ordering/orders.js';
import { render } from '../../messaging/replies.js';
import { yuan } from '../../money.js';
import { qtyText } from '../../quantity.js';
import { recordSoldOut } from '../../catalog/stock-alerts.js';
import { recordShortfalls } from '../../catalog/stock-records.js';
import { pausedByCrisis } from '../../service/crises.js';

/** The one short question asked when two products fit a word equally. */
export function ambiguityQuestion(ambiguous: NonNullable<ParseResult['ambiguous']>): string {
  return render('order_ambiguous', { candidates: ambiguous.candidates.map((c) => `「${c}」`).join('、') });
}

/** What to tell a resident about the part of their message that could not be ordered, if anything. */
function problemText(ctx: MessageContext, app: App, p: ParseResult): string | null {
  if (p.ambiguous) return ambiguityQuestion(p.ambiguous);
  if (!p.rejected) return null;
  const { reason, term, qty } = p.rejected;
  const catalog = app.catalogs.get(ctx.community!.id);
  if (reason === 'unknown_product') {
    const paused = pausedByCrisis(app.store, ctx.community!.id, term);
    if (paused) return render('order_product_paused', { product: paused.name, catalog: catalog.products.slice(0, 12).map((x) => x.name).join('、') || '暂无商品' });
    return render('order_unknown_product', { term, catalog: catalog.products.slice(0, 12).map((x) => x.name).join('、') || '暂无商品' });
  }
  if (reason === 'unit_mismatch' || reason === 'not_whole') {
    // Never a guess between units that do not convert (鸡蛋30个 is no 30盒): ask in the product's own unit.
    return render(reason === 'unit_mismatch' ? 'order_unit_mismatch' : 'order_not_whole', { product: term, unit: p.rejected.unit ?? '' });
  }
  if (reason === 'absurd_qty') return render('order_absurd_qty', { term, qty: qty ?? '', max: (qty ?? 0) > MAX_WRITTEN ? MAX_WRITTEN : MAX_LINE_QTY });
  const product = catalog.byName.get(term);
  return render('order_bad_qty', { term, example: product ? `${product.name}2${product.unit}` : `${term}2份` });
}

/** Every line that asked for more than is left: what is left, and how to order it. */
function shortLinesText(short: ShortLine[]): string {
  return short.map((s) => s.left > 0
    ? render('order_line_short', { product: s.product.name, left: qtyText(s.left), wanted: qtyText(s.wanted), unit: s.product.unit })
    : render('order_line_sold_out', { product: s.product.name })).join('；');
}

/** 断货率 by line (src/metrics/): the lines not placed for lack of stock, cut from an order or the whole message refused. */
function noteShortLines(ctx: MessageContext, app: App, short: ShortLine[], placed: boolean, now: number): void {
  recordShortfalls(app.store, {
    communityId: ctx.community!.id, sourceMsgId: ctx.messageId, placed,
    lines: short.map((s) => ({ productId: s.product.id, wanted: s.wanted, left: s.left })),
  }, now);
}

/** Places the parsed items as one order and queues the confirmation (or the reason it was not taken). */
export function placeAndConfirm(ctx: MessageContext, app: App, p: ParseResult): void {
  const problem = problemText(ctx, app, p);
  if (p.items.length === 0) {
    if (problem) ctx.reply(problem);
    return;
  }
  // Orders are taken only for what an open session offers.
  const now = app.now();
  const open = app.sessions.get(ctx.community!.id, now);
  if (open.length === 0) return ctx.reply(render('order_no_session'));
  const catalog = app.catalogs.get(ctx.community!.id);
  const sessionOf = (name: string) => {
    const product = catalog.byName.get(name);
    return product ? open.find((s) => s.productIds.has(product.id)) : undefined;
  };
  const outside = [...new Set(p.items.filter((i) => !sessionOf(i.product)).map((i) => i.product))];
  if (outside.length) {
    const offer = [...new Set(open.flatMap((s) => catalog.products.filter((x) => s.productIds.has(x.id)).map((x) => x.name)))];
    return ctx.reply(render('order_not_in_session', { products: outside.join('、'), offer: offer.join('、') }));
  }
  const input = {
    communityId: ctx.community!.id,
    sessionId: sessionOf(p.items[0]!.product)!.session.id,
    groupId: ctx.group?.id ?? null,
    memberId: ctx.member!.id,
    sourceMsgId: ctx.messageId,
    note: p.note ?? null,
    address: p.address ?? null,
    recipientName: p.name ?? null,
  };
  const linesFrom = (c: typeof catalog) => p.items.map((i) => ({ product: c.byName.get(i.product)!, qty: i.qty }));
  let result = placeOrder(app.store, { ...input, lines: linesFrom(catalog) }, now);
  if (!result.ok && result.reason === 'stale_price') {
    // The leader changed a price behind the cache: read the catalog again and charge the new price.
    app.catalogs.invalidate(ctx.community!.id);
    const fresh = app.catalogs.get(ctx.community!.id);
    if (p.items.every((i) => fresh.byName.has(i.product))) result = placeOrder(app.store, { ...input, lines: linesFrom(fresh) }, now);
  }
  if (!result.ok) {
    switch (result.reason) {
      case 'duplicate':
      case 'empty':
        return; // a re-delivered message was answered the first time
      case 'stale_price':
        return ctx.reply(render('order_price_changed', { product: result.name }));
      case 'sold_out':
        // 断货率: the refused attempt is counted (once per message).
        recordSoldOut(app.store, ctx.community!.id, result.product.id, ctx.messageId, now);
        noteShortLines(ctx, app, result.short, false, now);
        return ctx.reply(render('order_sold_out', { lines: shortLinesText(result.short) }));
      case 'unknown_product':
        app.catalogs.invalidate(ctx.community!.id); // the catalog changed under us
        return ctx.reply(render('order_unknown_product', { term: result.name, catalog: app.catalogs.get(ctx.community!.id).products.map((x) => x.name).join('、') }));
      case 'bad_qty':
        return ctx.reply(render('order_bad_qty', { term: result.name, example: `${result.name}2` }));
    }
  }
  const packOf = (name: string) => p.items.find((i) => i.product === name)?.pack;
  const lines = result.lines.map((l) => render('order_line', {
    product: l.product.name, qty: qtyText(l.qty), unit: l.product.unit, amount: yuan(l.amountFen),
    pack: packOf(l.product.name) ? `（${packOf(l.product.name)}）` : '',
  })).join('；');
  const total = yuan(result.order.totalFen);
  const orderId = `#${result.order.orderNo}`;
  const code = result.order.pickupCode ?? '';
  // Pickup codes never go in a group: there it says the code went privately, and it does.
  const inRoom = ctx.chat.kind === 'room';
  const parts = [render('order_confirmed', { name: ctx.who, lines, total, orderId, code: inRoom ? '取货码已私聊发给你' : `取货码 ${code}` })];
  if (p.address || p.name) parts.push(render('order_deliver_to', { to: [p.address, p.name].filter(Boolean).join(' ') }));
  if (p.note) parts.push(render('order_note', { note: p.note }));
  // Reactions (src/reactions/: 免邮券, green points, quest chapter, tier, invite ladder) add their lines.
  parts.push(...app.events.emit(app, 'orderPlaced', { ctx, order: result.order, now }));
  if (result.short.length) {
    // Partly placed: an order served (the refused-message rate of /补货 counts refused messages only).
    noteShortLines(ctx, app, result.short, true, now);
    parts.push(render('order_not_placed', { lines: shortLinesText(result.short) }));
  }
  if (problem) parts.push(problem);
  ctx.reply(parts.join('\n'));
  if (inRoom) ctx.replyPrivately(render('order_code_private', { orderId, lines, total, code }));
  app.events.emit(app, 'orderConfirmed', { ctx, order: result.order, lines: result.lines.map((l) => ({ productId: l.product.id, qty: l.qty })), now });
}

export const orderHandler: Handler = {
  name: 'order',
  atomic: true,
  match(ctx) {
    if (!ctx.community || !ctx.member) return false;
    const p = ctx.parsed();
    return p !== null && (p.intent === 'order' || (p.ambiguous !== undefined && p.intent !== 'cancel' && p.intent !== 'modify'));
  },
  handle: (ctx, app) => placeAndConfirm(ctx, app, ctx.parsed()!),
};
