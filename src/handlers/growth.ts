// Members and growth around an order, and "我的等级": tier, its benefits and the way to the next one.
import type { Handler } from '../router.js';
import type { MessageContext } from '../context.js';
import type { App } from '../app.js';
import type { Order } from '../store/schema.js';
import { benefitsOf, benefitsText, evaluateTier, keepText, nextTier, nextTierText, promotionText, tierRule, tierRules } from '../services/tiers.js';
import { isGreenNote, levelOf, levelText, pointRules } from '../services/points.js';
import { HOME_DELIVERY_RE, useFreeShipping } from '../services/rewards.js';
import { yuan } from '../money.js';
import { questAfterOrderPlaced } from '../quest-events.js';

/**
 * Runs inside placeAndConfirm's transaction right after an order is placed: uses a 免邮券 when the order
 * asks for home delivery, notes the green points a bag-free order will earn, and re-evaluates the tier.
 * Returns the lines to add to the confirmation.
 */
export function afterOrderPlaced(ctx: MessageContext, app: App, order: Order, now: number): string[] {
  const lines: string[] = [];
  if (order.note && HOME_DELIVERY_RE.test(order.note)) {
    const coupon = useFreeShipping(app.store, order.memberId, order.id, now);
    if (coupon) lines.push('🚚 已使用免邮券，免配送费'); // its code is no one else's business (the confirmation may be in a group)
  }
  if (isGreenNote(order.note)) lines.push(`🌱 感谢少用袋子！取货后另得绿色积分 ${pointRules().green.points} 分`);
  // 拼团剧本杀: this order may unlock the member's next chapter (one indexed lookup).
  lines.push(...questAfterOrderPlaced(ctx, app, order, now));
  // An order can only lift a tier (demotion is the nightly pass's job): nothing to do at the top.
  const rules = tierRules();
  if (ctx.member?.tier === rules.tiers[rules.tiers.length - 1]!.name) return lines;
  const change = evaluateTier(app.store, order.memberId, now);
  if (change.changed) {
    app.directory.patchMember(order.communityId, ctx.sender.contactId, { tier: change.to, tierChangedAt: now });
    if (change.direction === 'up') lines.push(promotionText(change.to, change.from));
  }
  return lines;
}

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
