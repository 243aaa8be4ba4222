import type { Command } from '../src/core/types.js';
import type { Session } from '../src/store/schema.js';
import { yuan } from '../src/money.js';
import { qtyText } from '../src/quantity.js';
import { shanghaiClock } from '../src/time.js';
import { pickLists, purchaseList } from '../src/ordering/summary.js';
import {
  buildingLabel, recipientLabel, reportLines, reportScope, reportTotals, SESSION_STATUS_NAMES, type ReportScope,
} from '../src/ordering/export.js';

const USAGE = '/统计 [团购标题或编号]';

/** "#3 周五草莓团（在团，截单 11-26 20:00）" */
export function sessionLabel(s: Session): string {
  const when = s.status === 'open' ? `截单 ${shanghaiClock(s.cutoffAt)}` : `${shanghaiClock(s.closedAt ?? s.cutoffAt)} 截单`;
  return `#${s.id}「${s.title}」（${SESSION_STATUS_NAMES[s.status]}，${when}）`;
}

/** The reply when a report has nothing to cover: no such session, or no session at all. */
export function scopeProblem(scope: Exclude<ReportScope, { ok: true }>): string {
  if (scope.reason === 'none') return '还没有开过团购，用 /开团 开一期吧';
  const recent = scope.recent.map((s) => sessionLabel(s)).join('\n');
  return `没有找到团购「${scope.key}」${recent ? `，最近的几期：\n${recent}` : ''}`;
}

export const stats: Command = {
  names: ['统计', 'stats'],
  role: 'leader',
  needsCommunity: true,
  usage: USAGE,
  summary: '本期采购单（每种商品的总数和金额）和按楼栋的分拣单',
  details: '不写标题时统计正在进行的团购；没有在团的就统计最近截单的一期。可写标题或编号（#3）指定某一期\n例如：/统计、/统计 周五草莓团、/统计 #3',
  run(ctx, args, app) {
    const community = ctx.community!;
    const scope = reportScope(app.store, community.id, args.join(' '));
    if (!scope.ok) return ctx.reply(scopeProblem(scope));
    const lines = reportLines(app.store, community.id, scope.sessions);
    const head = scope.sessions.map(sessionLabel).join('\n');
    if (lines.length === 0) return ctx.reply(`📊 ${head}\n还没有订单`);
    const t = reportTotals(lines);
    const purchase = purchaseList(lines).map((p) => `· ${p.product} ${qtyText(p.qty)}${p.unit}　${yuan(p.amountFen)}（${p.orders}单）`);
    const pick = pickLists(lines).flatMap((g) => [
      `▍${buildingLabel(g.building)}（${g.entries.length}户）`,
      ...g.entries.map((e) => {
        const items = e.items.map((i) => `${i.product} ${qtyText(i.qty)}${i.unit}`).join('、');
        const codes = e.pickupCodes.length ? `　取货码 ${e.pickupCodes.join('、')}` : '';
        return `  ${recipientLabel(e.unit, e.who)}：${items}　${yuan(e.amountFen)}${codes}`;
      }),
    ]);
    ctx.replyConfidential([
      `📊 ${head}`,
      `订单 ${t.orders} 笔 · 下单 ${t.buyers} 人 · 合计 ${yuan(t.totalFen)}`,
      '',
      '【采购单】',
      ...purchase,
      '',
      '【分拣单】',
      ...pick,
    ].join('\n'));
  },
};
