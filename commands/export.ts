import path from 'node:path';
import type { Command } from '../src/core/types.js';
import { yuan } from '../src/money.js';
import { enqueue } from '../src/messaging/outbox.js';
import {
  buildWorkbook, exportFileName, reportLines, reportScope, reportTotals, saveWorkbook, SHEET_NAMES,
} from '../src/ordering/export.js';
import { scopeProblem, sessionLabel } from './stats.js';

const USAGE = '/导出 [团购标题或编号]';

export const exportCommand: Command = {
  names: ['导出', 'export'],
  role: 'leader',
  needsCommunity: true,
  usage: USAGE,
  summary: '把采购汇总、分拣单和订单明细导出成 Excel，私聊发给你',
  details: `表格有三页：${Object.values(SHEET_NAMES).join('、')}；不写标题时导出正在进行的团购，没有就导出最近截单的一期。在群里发也只私聊回复，群里看不到\n例如：/导出、/导出 周五草莓团`,
  async run(ctx, args, app) {
    const community = ctx.community!;
    const now = app.now();
    const scope = reportScope(app.store, community.id, args.join(' '));
    if (!scope.ok) return ctx.replyPrivately(scopeProblem(scope));
    const lines = reportLines(app.store, community.id, scope.sessions);
    const head = scope.sessions.map(sessionLabel).join('、');
    if (lines.length === 0) return ctx.replyPrivately(`${head} 还没有订单，没有可导出的内容`);
    const titles = scope.sessions.map((s) => s.title);
    const wb = buildWorkbook(lines, { title: `${community.name} ${titles.join('、')}`, createdAt: now });
    // Next to the database: data/exports/ by default (git-ignored).
    const dir = path.join(path.dirname(app.config.databasePath), 'exports');
    const file = await saveWorkbook(wb, dir, exportFileName([community.name, ...titles], now));
    const t = reportTotals(lines);
    ctx.replyPrivately(`📎 已导出 ${head}：订单 ${t.orders} 笔，下单 ${t.buyers} 人，合计 ${yuan(t.totalFen)}。Excel 文件「${path.basename(file)}」随后发给你`);
    enqueue(app.store, {
      conversationId: ctx.sender.contactId, conversationKind: 'contact', kind: 'file', body: file, dedupKey: `${ctx.messageId}#export`,
    }, app.now());
    app.notifyOutbox();
  },
};
