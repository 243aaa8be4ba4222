import type { Command } from '../src/core/types.js';
import { findProduct, listProducts } from '../src/catalog/catalog.js';
import { markTesting, measureFlashTest, runningTest, FLASH_TEST_DAYS, RETIRE_BELOW_PCT, SKUS_PER_TEST } from '../src/campaigns/flash-tests.js';
import { shanghaiClock } from '../src/time.js';

const USAGE = '/测款 [商品…]';

export const flashTestCommand: Command = {
  names: ['测款', 'flashtest'],
  role: 'leader',
  needsCommunity: true,
  usage: USAGE,
  summary: '把新品设为测试中，排进每周的爆款测试（3 天闪电测，兴趣率低于 15% 自动下架）；不带商品则查看测试进度',
  details: `每周爆款测试从测试中的新品里取最早的 ${SKUS_PER_TEST} 款，测 ${FLASH_TEST_DAYS} 天；兴趣率 = 测试期间下单或询问过该商品的居民 ÷ 测试期间在本小区群里发过言的居民，低于 ${RETIRE_BELOW_PCT}% 下架，否则转为正式在售\n`
    + '先用 /上架 添加新品，再：/测款 榴莲 芒果 山竹',
  run(ctx, args, app) {
    const community = ctx.community!;
    const now = app.now();
    if (args.length === 0) {
      const lines: string[] = [];
      const test = runningTest(app.store, community.id);
      if (test) {
        const m = measureFlashTest(app.store, test);
        lines.push(`进行中的闪电测（${shanghaiClock(test.endsAt)} 结束），目前活跃居民 ${m.active} 人：`);
        for (const s of m.skus) lines.push(`· ${s.product.name}：${s.interested} 人感兴趣，兴趣率 ${s.ratePct}%`);
      }
      const waiting = listProducts(app.store, community.id).filter((p) => p.status === 'testing' && !(test && lines.some((l) => l.includes(`· ${p.name}：`))));
      lines.push(waiting.length ? `排队测试的新品：${waiting.map((p) => p.name).join('、')}` : `没有排队测试的新品。用法：${USAGE}`);
      return ctx.reply(lines.join('\n'));
    }
    const found = args.map((n) => ({ n, p: findProduct(app.store, community.id, n) }));
    const missing = found.filter((x) => !x.p).map((x) => x.n);
    if (missing.length) return ctx.reply(`本小区没有「${missing.join('、')}」，先用 /上架 添加新品`);
    markTesting(app.store, community.id, found.map((x) => x.p!.id), now);
    app.catalogs.invalidate(community.id);
    ctx.reply(`已把 ${found.map((x) => x.p!.name).join('、')} 设为测试中，会排进下一次爆款测试（每周 ${SKUS_PER_TEST} 款，测 ${FLASH_TEST_DAYS} 天）`);
  },
};
