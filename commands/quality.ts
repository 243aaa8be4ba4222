import type { App, Command, MessageContext } from '../src/core/types.js';
import type { Product } from '../src/store/schema.js';
import { QC_STAGES, type Batch } from '../src/store/schema-stock.js';
import { qtyText } from '../src/quantity.js';
import { shanghaiClock } from '../src/time.js';
import { findProduct } from '../src/catalog/catalog.js';
import { LOCATION_NAMES, batchesOf, checksOf, recordQc, type QcStage } from '../src/catalog/warehouse.js';
import { checkCommunity, forgetCommunity } from '../src/catalog/stock-alerts.js';
import { leadersOf } from '../src/messaging/notify.js';
import { enqueue } from '../src/messaging/outbox.js';
import { batchBuyers, noticeFailedBatch } from '../src/catalog/quality-notices.js';

const USAGE = '/质检 商品 [批次 环节 合格|不合格 [备注]]';

const STAGE_WORDS: Record<string, QcStage> = {
  工厂质检: '工厂质检', 工厂: '工厂质检', 出厂: '工厂质检',
  中心仓复检: '中心仓复检', 中心仓: '中心仓复检', 复检: '中心仓复检',
  社区验收: '社区验收', 社区: '社区验收', 验收: '社区验收',
};

const STATUS_NAMES: Record<Batch['status'], string> = { pending: '质检中', passed: '三级质检合格', rejected: '不合格已下架' };

function batchLine(app: App, p: Product, b: Batch): string {
  const checks = checksOf(app.store, b.id);
  const stages = QC_STAGES.map((s) => {
    const c = checks.find((x) => x.stage === s);
    return c ? `${s}${c.passed ? '✅' : '❌'}` : `${s}…`;
  }).join(' → ');
  return `第 ${b.seq} 批　${qtyText(b.qty)}${p.unit} ${shanghaiClock(b.receivedAt)} 入${LOCATION_NAMES[b.location]}　${STATUS_NAMES[b.status]}\n　${stages}`;
}

function list(ctx: MessageContext, app: App, p: Product): void {
  const all = batchesOf(app.store, ctx.community!.id, p.id);
  if (all.length === 0) return ctx.reply(`${p.name} 还没有采购批次。采购入库：/补货 确认 ${p.name} 数量`);
  ctx.reply(`${p.name} 的批次（最近 10 批）：\n${all.slice(-10).map((b) => batchLine(app, p, b)).join('\n')}`);
}

export const qualityCommand: Command = {
  names: ['质检', 'qc'],
  role: 'leader',
  needsCommunity: true,
  usage: USAGE,
  summary: '按批次记录三级质检（工厂质检 → 中心仓复检 → 社区验收）；不合格的批次立即下架，私聊通知买到这一批的居民，并把受影响订单名单私聊发给团长',
  details: '批次由 /补货 确认 生成（第 1 批、第 2 批…）；环节按顺序记录，每个环节只记一次。不合格时按先进先出把这一批剩下的数量从库存里扣掉\n'
    + '例如：/质检 苹果　　　　　　　　　　　（查看批次和质检记录）\n'
    + '　　　/质检 苹果 2 工厂质检 合格\n　　　/质检 苹果 2 中心仓复检 合格 抽检10箱\n　　　/质检 苹果 2 社区验收 不合格 有压伤',
  run(ctx, args, app) {
    const communityId = ctx.community!.id;
    const [name, batchArg, stageArg, resultArg, ...noteWords] = args;
    if (!name) return ctx.reply(`请写商品，例如：/质检 苹果\n用法：${USAGE}`);
    const product = findProduct(app.store, communityId, name);
    if (!product) return ctx.reply(`本小区没有「${name}」这个商品`);
    if (!batchArg) return list(ctx, app, product);
    const seqMatch = /^(?:第|#|B)?(\d{1,6})批?$/i.exec(batchArg.normalize('NFKC'));
    const batch = seqMatch ? batchesOf(app.store, communityId, product.id).find((b) => b.seq === Number(seqMatch[1])) : undefined;
    if (!batch) return ctx.reply(`${product.name} 没有「${batchArg}」这一批，发送 /质检 ${product.name} 查看批次`);
    const stage = stageArg ? STAGE_WORDS[stageArg.normalize('NFKC')] : undefined;
    if (!stage) return ctx.reply(`环节请写 ${QC_STAGES.join('、')} 之一\n用法：${USAGE}`);
    const passed = resultArg === '合格' ? true : resultArg === '不合格' ? false : undefined;
    if (passed === undefined) return ctx.reply(`结果请写「合格」或「不合格」\n用法：${USAGE}`);
    const note = noteWords.join(' ').trim().slice(0, 200) || null;
    const r = recordQc(app.store, { communityId, batch, stage, passed, note, by: ctx.sender.contactId }, app.now());
    if (!r.ok) {
      if (r.reason === 'rejected_before') return ctx.reply(`${product.name} 第 ${batch.seq} 批已判不合格并下架，不再记录质检`);
      if (r.reason === 'already') return ctx.reply(`${product.name} 第 ${batch.seq} 批的${stage}已经记录过（${r.check.passed ? '合格' : '不合格'}，${shanghaiClock(r.check.at)}），没有改动`);
      return ctx.reply(`请先记录${r.missing}：质检按 ${QC_STAGES.join(' → ')} 的顺序进行，没有改动`);
    }
    const u = product.unit;
    if (passed) {
      const next = QC_STAGES[QC_STAGES.indexOf(stage) + 1];
      return ctx.reply(`✅ ${product.name} 第 ${batch.seq} 批 ${stage} 合格${note ? `（${note}）` : ''}\n${next ? `下一步：/质检 ${product.name} ${batch.seq} ${next} 合格|不合格` : '三级质检全部合格'}`);
    }
    // Failed: the rest of the batch is off sale; the alert levels see the lower stock at once.
    app.catalogs.invalidate(communityId);
    forgetCommunity(app.store, communityId);
    checkCommunity(app.store, communityId, app.now());
    // Buyers of the batch are told privately; the leaders get the list of affected orders privately.
    const buyers = batchBuyers(app.store, communityId, r.batch, app.now());
    const people = new Set(buyers.map((b) => b.memberId)).size;
    const text = `❌ ${product.name} 第 ${batch.seq} 批 ${stage} 不合格${note ? `（${note}）` : ''}：这一批剩下的 ${qtyText(r.withdrawn)}${u} 已从库存下架，`
      + `现在前置仓 ${qtyText(r.product.stock)}${u}。`
      + (buyers.length ? `受影响订单 ${buyers.length} 单，已私聊通知 ${people} 位居民，订单名单已私聊发给团长` : '没有居民买到这一批');
    ctx.reply(text);
    for (const l of leadersOf(app.store, communityId)) {
      if (l.contactId === ctx.sender.contactId) continue;
      enqueue(app.store, { conversationId: l.contactId, conversationKind: 'contact', body: `【品控】${text}`, dedupKey: `qc:${batch.id}:${stage}>${l.contactId}` }, app.now());
    }
    noticeFailedBatch(app.store, { communityId, product, batch: r.batch, stage, note, buyers }, app.now());
    app.notifyOutbox();
  },
};
