import type { Command } from '../src/core/types.js';
import { yuan } from '../src/money.js';
import { shanghaiClock, shanghaiDay } from '../src/time.js';
import { TAG_RULES, silentMembers } from '../src/growth/tags.js';

const USAGE = '/沉默 [天数]';
const LIMIT = 50;
/** 沉默用户占比 target from the playbook. */
const TARGET_SHARE = 0.08;

export const silentCommand: Command = {
  names: ['沉默', 'silent'],
  role: 'leader',
  needsCommunity: true,
  usage: USAGE,
  summary: `列出 ${TAG_RULES.silentDays} 天没说话也没下单的沉默成员，附一条唤醒话术（目标：沉默占比 <8%）`,
  details: `天数可选，7～365，默认 ${TAG_RULES.silentDays}\n例如：/沉默、/沉默 14`,
  run(ctx, args, app) {
    let days = TAG_RULES.silentDays;
    if (args.length > 1) return ctx.reply(`只需要写一个天数\n用法：${USAGE}`);
    if (args[0] !== undefined) {
      const n = Number(args[0].replace(/天$/, ''));
      if (!Number.isInteger(n) || n < 7 || n > 365) return ctx.reply(`天数要写 7～365 之间的整数，例如：/沉默 30\n用法：${USAGE}`);
      days = n;
    }
    const now = app.now();
    const communityId = ctx.community!.id;
    const { silent, residents, newcomers } = silentMembers(app.store, communityId, now, days);
    const share = residents > 0 ? silent.length / residents : 0;
    const pct = `${(share * 100).toFixed(1)}%`;
    // Newcomers who have not written or ordered yet are not silent, but neither "都有发言或下单".
    const fresh = newcomers.length
      ? `；${newcomers.length} 位入群不满 ${days} 天、还没发言也没下单（不算沉默）：${newcomers.slice(0, LIMIT).map((m) => m.displayName).join('、')}` : '';
    if (silent.length === 0) {
      const active = residents - newcomers.length;
      return ctx.reply(newcomers.length
        ? `近 ${days} 天没有沉默成员：${residents} 位居民里 ${active} 位有发言或下单${fresh}`
        : `近 ${days} 天没有沉默成员，${residents} 位居民都有发言或下单 👍`);
    }

    const lines = [`近 ${days} 天没发言也没下单的成员 ${silent.length} 人，占居民 ${pct}（目标 <8%${share >= TARGET_SHARE ? '，需要唤醒' : '，达标'}）：`];
    for (const s of silent.slice(0, LIMIT)) {
      const seen = s.lastSeenAt ? `最后发言 ${shanghaiDay(s.lastSeenAt)}` : '从未发言';
      const ordered = s.lastOrderAt ? `最后下单 ${shanghaiDay(s.lastOrderAt)}` : '从未下单';
      lines.push(`· ${s.member.displayName}（${seen}，${ordered}）`);
    }
    if (silent.length > LIMIT) lines.push(`……另有 ${silent.length - LIMIT} 人`);
    if (fresh) lines.push(`另有${fresh.slice(1)}`);

    // The wake-up message: what is on offer right now, cheap hooks (引流/爆品) first.
    const open = app.sessions.get(communityId, now);
    const catalog = app.catalogs.get(communityId);
    const rank = { 引流: 0, 爆品: 1, 利润: 2, 体验: 3 } as const;
    const offer = catalog.products
      .filter((p) => open.some((s) => s.productIds.has(p.id)))
      .sort((a, b) => rank[a.tier] - rank[b.tier]);
    let wake: string;
    if (open.length > 0 && offer.length > 0) {
      const s = open[0]!.session;
      const goods = offer.slice(0, 3).map((p) => `${p.name} ${yuan(p.priceFen)}/${p.unit}`).join('、');
      wake = `好久不见呀～本期「${s.title}」正在团：${goods}，${shanghaiClock(s.cutoffAt)} 截单，直接在群里回复「${offer[0]!.name}1${offer[0]!.unit}」就能下单 😊`;
    } else {
      wake = '好久不见呀～最近在忙什么？下期团购马上开始，想吃什么水果蔬菜在群里说一声，我们优先安排 😊';
    }
    lines.push('', '建议唤醒话术（@ 对方后发送）：', wake);
    ctx.replyConfidential(lines.join('\n'));
  },
};
