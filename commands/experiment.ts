import path from 'node:path';
import type { Command, MessageContext, App } from '../src/core/types.js';
import { experimentLibrary, findStrategy } from '../src/experiments/library.js';
import { endExperiment, experimentsOf, findExperiment, startExperiment } from '../src/experiments/registry.js';
import { isWired } from '../src/experiments/arms.js';
import { experimentReport } from '../src/experiments/review/review.js';
import { reviewWorkbook } from '../src/experiments/review/review-workbook.js';
import { reviewSummary, statusText } from '../src/experiments/review/review-text.js';
import { exportFileName, saveWorkbook } from '../src/ordering/export.js';
import { communityById, listCommunities } from '../src/community/communities.js';
import { enqueue } from '../src/messaging/outbox.js';
import { shanghaiDay } from '../src/time.js';
import type { Experiment } from '../src/store/schema-experiments.js';

const USAGE = '/实验 [列表|开始 名称 [群…]|状态 名称|结束 名称|复盘 名称]';

const short = (v: unknown) => {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return [...s].length > 24 ? `${[...s].slice(0, 24).join('')}…` : s;
};

/** The communities the sender may look into: their own, and every community for an admin. */
function scope(ctx: MessageContext, app: App): number[] {
  return ctx.role === 'admin' ? [ctx.community!.id, ...listCommunities(app.store).map((c) => c.id).filter((id) => id !== ctx.community!.id)] : [ctx.community!.id];
}

function lookup(ctx: MessageContext, app: App, name: string | undefined, sub: string): Experiment | null {
  if (!name) {
    ctx.reply(`请写实验名称，例如 /实验 ${sub} 成团门槛\n用法：${USAGE}`);
    return null;
  }
  const e = findExperiment(app.store, scope(ctx, app), name);
  if (!e) ctx.reply(findStrategy(name) ? `「${name}」还没有开始过，先 /实验 开始 ${name}` : `没有叫「${name}」的实验，/实验 列表 看看有哪些`);
  return e ?? null;
}

export const experimentCommand: Command = {
  names: ['实验', 'experiment'],
  role: 'leader',
  needsCommunity: true,
  usage: USAGE,
  summary: '灰度实验：从 20 个策略里挑一个，按群随机分组（居民不会在同一个群里被分开），看状态、结束、复盘',
  details: '列表：策略库和正在进行的实验；开始 名称 [群…]：把本小区的群（或写出的群）按人数分层随机分到各组，记下随机种子；'
    + '状态：每组的群数、人数、曝光和主指标（95% 区间），计划结束前只有 Haybittle–Peto（p < 0.001）才提前下结论；'
    + '结束：各群恢复默认做法；复盘：私聊发 Excel（假设验证、数据解读、策略迭代）和一段小结。管理员可以看所有小区的实验\n'
    + '例如：/实验 开始 成团门槛\n　　　/实验 状态 成团门槛\n　　　/实验 复盘 成团门槛',
  async run(ctx, args, app) {
    const community = ctx.community!;
    const now = app.now();
    const [sub = '列表', name, ...rest] = args;
    if (sub === '列表') {
      const lines = experimentLibrary().map((s) => `· ${s.name}${isWired(s.setting) ? '' : '（暂不能开始）'}：${s.hypothesis}\n　组别：${s.arms.map((a) => `${a.name}=${short(a.value)}`).join(' / ')}`);
      const running = experimentsOf(app.store, scope(ctx, app)).filter((e) => e.status === 'running');
      const runningLines = running.map((e) => `· ${e.strategy}${e.communityId === community.id ? '' : `（${communityById(app.store, e.communityId)?.name}）`}：${shanghaiDay(e.startsAt)} 开始，计划到 ${shanghaiDay(e.plannedEndAt)}`);
      return ctx.reply([`🧪 策略库（${lines.length} 个）：`, ...lines, running.length ? '正在进行：' : '现在没有进行中的实验', ...runningLines].join('\n'));
    }
    if (sub === '开始') {
      if (!name) return ctx.reply(`请写策略名称，/实验 列表 看看有哪些\n用法：${USAGE}`);
      const strategy = findStrategy(name);
      if (!strategy) return ctx.reply(`策略库里没有「${name}」，/实验 列表 看看有哪些`);
      const r = startExperiment(app.store, { communityId: community.id, strategy, groupTopics: rest, startedBy: ctx.sender.contactId }, now);
      if (!r.ok) return ctx.reply(`没有开始：${r.detail}`);
      const byArm = strategy.arms.map((a) => `· ${a.name}：${r.groups.filter((g) => g.arm === a.name).map((g) => `${g.topic}（${g.size}人）`).join('、')}`);
      // Residents should not read which group got which arm: the assignment and the status go to the leader privately.
      return ctx.replyConfidential([`🧪 实验「${strategy.name}」已开始，计划到 ${shanghaiDay(r.experiment.plannedEndAt)}（随机种子 ${r.experiment.seed}）`, `假设：${strategy.hypothesis}`, ...byArm].join('\n'));
    }
    if (sub === '状态' || sub === '结束' || sub === '复盘') {
      const e = lookup(ctx, app, name, sub);
      if (!e) return;
      if (sub === '状态') return ctx.replyConfidential(statusText(experimentReport(app.store, e, now), now));
      if (sub === '结束') {
        if (!endExperiment(app.store, e.id, now)) return ctx.reply(`实验「${e.strategy}」已经结束了（${shanghaiDay(e.endedAt!)}）`);
        const early = now < e.plannedEndAt ? `，比计划（${shanghaiDay(e.plannedEndAt)}）提前` : '';
        return ctx.reply(`实验「${e.strategy}」已结束${early}，各群恢复默认做法。/实验 复盘 ${e.strategy} 看结果`);
      }
      const report = experimentReport(app.store, e, now);
      const dir = path.join(path.dirname(app.config.databasePath), 'exports');
      const file = await saveWorkbook(reviewWorkbook(report, now), dir, exportFileName([`实验复盘`, e.strategy], now));
      ctx.replyPrivately(`${reviewSummary(report)}\nExcel 文件「${path.basename(file)}」随后发给你`);
      enqueue(app.store, { conversationId: ctx.sender.contactId, conversationKind: 'contact', kind: 'file', body: file, dedupKey: `${ctx.messageId}#experiment-review` }, app.now());
      app.notifyOutbox();
      return;
    }
    ctx.reply(`没有「${sub}」这个用法\n用法：${USAGE}`);
  },
};
