// "兑换 物业费券": spend points on a reward from the community's catalog; "我的券": the coupons held.
import type { Handler } from '../../core/types.js';
import type { Reward } from '../../store/schema.js';
import { redeem, rewardCatalog, usableCoupons } from '../../growth/rewards.js';
import { pointsBalance } from '../../growth/points.js';
import { evaluateTier, nextTier, nextTierText, tierForReward, tierRules } from '../../growth/tiers.js';
import { yuan } from '../../money.js';
import { shanghaiDay } from '../../time.js';

function rewardLine(r: Reward): string {
  const value = r.valueFen > 0 ? `（面值 ${yuan(r.valueFen)}）` : '';
  const stock = r.stock > 0 ? `剩 ${r.stock} 张` : '已兑完';
  const tier = tierForReward(r.kind);
  const who = tier.name === tierRules().tiers[0]!.name ? '' : `，${tier.name}及以上可兑`;
  return `· ${r.name}${value}：${r.pointsCost} 积分，${stock}，有效期 ${r.validDays} 天${who}`;
}

const MY_COUPONS_RE = /^(?:#|\/)?(?:我的(?:优惠)?券|我的卡券|我有(?:什么|哪些|几张)券|查(?:一下)?(?:我的)?券)[?？]?$/;

export const redeemHandler: Handler = {
  name: 'redeem',
  atomic: true,
  match: (ctx) => ctx.community !== null && ctx.member !== null
    && (ctx.parsed()?.intent === 'redeem' || MY_COUPONS_RE.test(ctx.text.trim())),
  handle(ctx, app) {
    const { store } = app;
    const now = app.now();
    const member = ctx.member!;
    if (ctx.parsed()?.intent !== 'redeem') {
      const list = usableCoupons(store, member.id, now);
      if (list.length === 0) return ctx.reply(`${ctx.who}，您还没有可用的券。发送「兑换」查看可用积分兑换的券`);
      // Coupon codes are as good as money: the list goes privately.
      return ctx.replyConfidential([`${ctx.who} 的可用券（${list.length} 张）：`,
        ...list.map((c) => `· ${c.name} 券号 ${c.code}${c.valueFen > 0 ? `，面值 ${yuan(c.valueFen)}` : ''}，${shanghaiDay(c.expiresAt)} 前有效`)].join('\n'));
    }
    const target = ctx.parsed()!.redeemTarget ?? '';
    const catalogText = (rewards: Reward[]) => rewards.map(rewardLine).join('\n');
    if (!target) {
      const catalog = rewardCatalog(store, member.communityId);
      return ctx.reply([`可兑换的券（您当前积分 ${pointsBalance(store, member.id)} 分）：`, catalogText(catalog), '发送「兑换 券名」即可，例如：兑换 免邮券'].join('\n'));
    }
    // The tier afresh (it may lag the nightly pass): the benefit table decides which rewards it opens.
    const tier = evaluateTier(store, member.id, now);
    if (tier.changed) app.directory.patchMember(member.communityId, ctx.sender.contactId, { tier: tier.to, tierChangedAt: now });
    const r = redeem(store, { communityId: member.communityId, memberId: member.id, tier: tier.to, target }, now);
    if (r.ok) {
      const value = r.coupon.valueFen > 0 ? `，面值 ${yuan(r.coupon.valueFen)}` : '';
      const use = r.coupon.kind === '免邮券' ? '\n下单时备注「送货上门」即自动使用，免配送费'
        : r.coupon.kind === '物业费抵扣券' ? '\n缴物业费时出示券号即可抵扣' : '\n下单时出示券号给团长即可抵扣';
      const full = `🎁 ${ctx.who} 兑换成功：${r.coupon.name}${value}，券号 ${r.coupon.code}，${shanghaiDay(r.coupon.expiresAt)} 前有效。消耗 ${r.reward.pointsCost} 积分，剩余 ${r.balance} 分${use}`;
      if (ctx.chat.kind !== 'room') return ctx.reply(full);
      ctx.reply(`🎁 ${ctx.who} 兑换成功：${r.coupon.name}${value}，券号已私聊发给你。消耗 ${r.reward.pointsCost} 积分，剩余 ${r.balance} 分`);
      return ctx.replyPrivately(full);
    }
    switch (r.reason) {
      case 'unknown':
        return ctx.reply([`没有找到「${target}」这个兑换项目，可兑换的有（您当前积分 ${r.balance} 分）：`, catalogText(r.catalog), '发送「兑换 券名」即可，例如：兑换 免邮券'].join('\n'));
      case 'ambiguous':
        return ctx.reply([`「${target}」对应多个兑换项目，请写完整名称：`, catalogText(r.candidates)].join('\n'));
      case 'tier': {
        const next = nextTier(tier.to, tier.stats);
        const how = next && next.tier.name === r.needed ? `，${nextTierText(next)}` : '';
        return ctx.reply(`${ctx.who}，${r.reward.name}是${r.needed}及以上的权益，您当前是${tier.to}${how}（发送「我的等级」查看）。积分未扣除，当前 ${r.balance} 分`);
      }
      case 'insufficient':
        return ctx.reply(`${ctx.who}，积分不足，暂时不能兑换${r.reward.name}：需要 ${r.reward.pointsCost} 分，您当前 ${r.balance} 分，还差 ${r.shortfall} 分`);
      case 'out_of_stock':
        return ctx.reply(`${r.reward.name}已兑完，请联系团长补充，或兑换其他项目（发送「兑换」查看）。积分未扣除，当前 ${r.balance} 分`);
    }
  },
};
