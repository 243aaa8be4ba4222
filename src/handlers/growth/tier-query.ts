// "我的等级": tier, its benefits and the way to the next one.
import type { Handler } from '../../core/types.js';
import { benefitsOf, benefitsText, evaluateTier, keepText, nextTier, nextTierText, tierRule } from '../../growth/tiers.js';
import { levelOf, levelText } from '../../growth/points.js';
import { yuan } from '../../money.js';

/** "我的等级", "我是几级": the tier question, not the points one. */
const TIER_QUESTION_RE = /等级|级别|几级|身份/;

export const tierQueryHandler: Handler = {
  name: 'tier-query',
  match: (ctx) => ctx.member !== null && ctx.parsed()?.intent === 'points_query'
    && TIER_QUESTION_RE.test(ctx.text) && !/积分/.test(ctx.text),
  handle(ctx, app) {
    const now = app.now();
    // Evaluated afresh so the answer never lags the nightly run.
    const change = evaluateTier(app.store, ctx.member!.id, now);
    if (change.changed) app.directory.patchMember(ctx.member!.communityId, ctx.sender.contactId, { tier: change.to, tierChangedAt: now });
    const stats = change.stats;
    const rule = tierRule(change.to);
    const next = nextTier(change.to, stats);
    const lines = [
      `${ctx.who}，您当前的身份是【${rule.name}】（${rule.service}）`,
      `可享权益：${benefitsText(benefitsOf(rule.name))}`,
      `近30天：下单 ${stats.orders} 单，消费 ${yuan(stats.amountFen)}${stats.validInvites > 0 ? `，有效邀请 ${stats.validInvites} 位` : ''}`,
      next ? `${nextTierText(next)}（${next.tier.service}，新增：${benefitsText(next.tier.benefits)}）` : '您已是最高身份，感谢对社区的支持！',
    ];
    const keep = keepText(change.to);
    if (keep) lines.push(keep);
    lines.push(levelText(levelOf(app.store, ctx.member!.id)));
    ctx.reply(lines.join('\n'));
  },
};
