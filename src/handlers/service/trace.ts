// "溯源 CODE": product, batch, QC checkpoints and delivery of one order line, within the asker's community.
import type { Handler } from '../../core/types.js';
import { render } from '../../messaging/replies.js';
import { qtyText } from '../../quantity.js';
import { shanghaiClock } from '../../time.js';
import { parseTraceCode, traceItem, type TraceView } from '../../catalog/trace.js';
import { ORDER_STATUS_NAMES } from '../../ordering/orders.js';
import { LOCATION_NAMES } from '../../catalog/warehouse.js';
import { slotWindow } from '../../service/logistics.js';
import { QC_STAGES } from '../../store/schema-stock.js';

/** The code when the parser did not capture one (too short, odd characters): whatever follows the keyword. */
const KEYWORD_RE = /^[#/／]?\s*(?:溯源码|查询溯源|查溯源|溯源|追溯)\s*[:：]?\s*/;

function checksText(v: NonNullable<TraceView['batch']>): string {
  return QC_STAGES.map((stage) => {
    const c = v.checks.find((x) => x.stage === stage);
    if (!c) return `${stage} 待检`;
    return `${stage} ${c.passed ? '✅ 合格' : '❌ 不合格'}（${shanghaiClock(c.at)}${c.note ? `，${c.note}` : ''}）`;
  }).join(' → ');
}

function deliveryText(v: TraceView): string {
  const o = v.order;
  const slot = v.slot ? `，配送时段 ${slotWindow(v.slot)}（${v.slot.providerName}）` : '';
  if (o.status === 'delivered') return `已送达（${shanghaiClock(o.updatedAt)}）${slot}`;
  if (o.status === 'picked_up') return `已自提（${shanghaiClock(o.updatedAt)}）`;
  if (o.status === 'done') return `已完成${slot}`;
  if (o.status === 'cancelled' || o.status === 'refunded') return ORDER_STATUS_NAMES[o.status];
  return `待${v.slot ? '送达' : '取货'}${slot}`;
}

export function traceText(v: TraceView): string {
  const lines = [
    render('trace_head', { code: v.code, product: v.product.name, qty: `${qtyText(v.qty)}${v.product.unit}`, category: v.product.category }),
    render('trace_order', { orderId: v.order.orderNo, at: shanghaiClock(v.order.createdAt), status: v.cancelled ? '这件已取消' : ORDER_STATUS_NAMES[v.order.status] }),
  ];
  if (v.batch) {
    const b = v.batch.batch;
    const state = b.status === 'rejected' ? '（⚠️ 该批次质检不合格，已下架）' : b.status === 'passed' ? '（三级质检全部合格）' : '';
    lines.push(render('trace_batch', { seq: b.seq, at: shanghaiClock(b.receivedAt), location: LOCATION_NAMES[b.location], state }));
    lines.push(render('trace_checks', { checks: checksText(v.batch) }));
  } else {
    lines.push(render('trace_no_batch'));
  }
  lines.push(render('trace_delivery', { delivery: deliveryText(v) }));
  return lines.join('\n');
}

export const traceHandler: Handler = {
  name: 'trace',
  match: (ctx) => ctx.community !== null && ctx.parsed()?.intent === 'trace',
  handle(ctx, app) {
    const raw = ctx.parsed()!.traceCode ?? ctx.text.normalize('NFKC').trim().replace(KEYWORD_RE, '').trim();
    if (!raw) return ctx.reply(render('trace_ask'));
    const parsed = parseTraceCode(raw);
    if (!parsed.ok) return ctx.reply(render('trace_malformed', { code: raw.slice(0, 20) }));
    const view = traceItem(app.store, ctx.community!.id, parsed.itemId);
    if (!view) return ctx.reply(render('trace_unknown', { code: parsed.code }));
    ctx.reply(traceText(view));
  },
};
