import type { Command } from '../src/core/types.js';
import { listProducts, pyramid, TIER_TARGETS, type Tier } from '../src/catalog/catalog.js';

/** What each tier is for, in a leader's words. */
const ROLE_OF: Record<Tier, string> = {
  引流: '低价拉人气',
  利润: '日常走量赚钱',
  爆品: '口碑带动下单',
  体验: '尝鲜试新品',
};

const TARGET_TEXT = (Object.keys(TIER_TARGETS) as Tier[]).map((t) => `${t} ${TIER_TARGETS[t]}%`).join(' · ');

export const assortmentCommand: Command = {
  names: ['选品', 'assortment'],
  role: 'leader',
  needsCommunity: true,
  usage: '/选品',
  summary: `按价值金字塔检查在售商品的层级搭配（目标：${TARGET_TEXT}）`,
  details: '层级在 /上架 时写上（引流、利润、爆品、体验），没写的算利润品\n'
    + '引流品低价拉人气，利润品日常走量赚钱，爆品靠口碑带动下单，体验品让居民尝鲜\n例如：/选品',
  run(ctx, _args, app) {
    const list = listProducts(app.store, ctx.community!.id);
    if (list.length === 0) return ctx.reply('本小区还没有在售商品，先用 /上架 添加');
    const { total, tiers } = pyramid(list);
    const lines = [`「${ctx.community!.name}」在售 ${total} 款，价值金字塔：`];
    for (const t of tiers) {
      const names = list.filter((p) => p.tier === t.tier).map((p) => p.name);
      const shown = names.length > 6 ? `${names.slice(0, 6).join('、')}等` : names.join('、');
      lines.push(`${t.tier}（${ROLE_OF[t.tier]}）${t.count} 款 ${t.percent}%，目标 ${t.target}%${shown ? `：${shown}` : ''}`);
    }
    const advice = tiers.filter((t) => t.gap !== 0).map((t) => t.gap > 0
      ? `${t.tier}${t.count === 0 ? '缺少' : '偏少'}：现在 ${t.percent}%，目标 ${t.target}%，建议再选 ${t.gap} 款`
      : `${t.tier}偏多：现在 ${t.percent}%，目标 ${t.target}%，建议减少 ${-t.gap} 款（可下架，或用 /上架 重写层级）`);
    if (advice.length === 0) lines.push('✅ 层级搭配合理，保持就好');
    else lines.push('建议：', ...advice);
    ctx.reply(lines.join('\n'));
  },
};
