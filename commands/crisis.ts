import type { App, Command } from '../src/core/types.js';
import { shanghaiClock } from '../src/time.js';
import { delistProduct } from '../src/catalog/catalog.js';
import { closeCrisis, confirmCrisis, crisisProductName, crisisSubject, findCrisis, openCrises } from '../src/service/crises.js';
import type { Crisis } from '../src/store/schema-service.js';

const USAGE = '/危机 [确认|结束] [编号] [商品]';

const productName = (app: App, c: Crisis) => crisisProductName(app.store, c);

function line(app: App, c: Crisis): string {
  const state = c.confirmedAt ? `已确认停售（${shanghaiClock(c.confirmedAt)}）` : '待确认';
  return `危机#${c.id}　${crisisSubject(c, productName(app, c))}　${shanghaiClock(c.startedAt)} 开始　${state}`;
}

export const crisisCommand: Command = {
  names: ['危机', 'crisis'],
  role: 'leader',
  needsCommunity: true,
  usage: USAGE,
  summary: '危机公关：查看进行中的危机；确认后涉事商品立即停售；处理完毕结束危机（不再提醒）',
  details: '同类或同一商品的投诉 1 小时内达到设定数量，或任何食品安全投诉，都会启动危机：立即内部通报，4 小时提醒对外声明，24 小时提醒解决方案\n'
    + '例如：/危机\n　　　/危机 确认 2　　　　（停售危机涉及的商品）\n　　　/危机 确认 2 牛奶　（危机没有指明商品时写上商品）\n　　　/危机 结束 2',
  run(ctx, args, app) {
    const communityId = ctx.community!.id;
    const [action, no, ...rest] = args;
    if (!action) {
      const list = openCrises(app.store, communityId);
      if (list.length === 0) return ctx.reply(`「${ctx.community!.name}」没有进行中的危机`);
      return ctx.reply(`进行中的危机 ${list.length} 个：\n${list.map((c) => line(app, c)).join('\n')}\n确认停售：/危机 确认 编号　结束：/危机 结束 编号`);
    }
    if (action !== '确认' && action !== '结束') return ctx.reply(`只能「确认」或「结束」危机\n用法：${USAGE}`);
    const id = /^[#＃]?(\d{1,9})$/.exec((no ?? '').normalize('NFKC'))?.[1];
    if (!id) return ctx.reply(`请写危机编号（数字），发送 /危机 查看\n用法：${USAGE}`);
    const crisis = findCrisis(app.store, communityId, Number(id));
    if (!crisis) return ctx.reply(`本小区没有危机#${id}，发送 /危机 查看进行中的危机`);
    if (crisis.closedAt !== null) return ctx.reply(`危机#${id} 已经结束了`);
    if (action === '结束') {
      closeCrisis(app.store, crisis, app.now());
      return ctx.reply(`危机#${id} 已结束，不再提醒。停售的商品需要时用 /上架 重新上架`);
    }
    if (crisis.confirmedAt !== null) return ctx.reply(`危机#${id} 已经确认过了，${productName(app, crisis) ? `「${productName(app, crisis)}」已停售` : ''}`);
    const named = rest.join(' ').trim() || productName(app, crisis);
    if (!named) return ctx.reply(`危机#${id} 没有指明商品，请写上要停售的商品，例如：/危机 确认 ${id} 牛奶`);
    const now = app.now();
    const r = app.store.batch.run(() => {
      const delisted = delistProduct(app.store, communityId, named, now);
      if (!delisted.ok && delisted.reason !== 'already_inactive') return delisted;
      confirmCrisis(app.store, crisis, ctx.sender.contactId, delisted.product!.id, now);
      return delisted;
    });
    if (!r.ok && r.reason !== 'already_inactive') return ctx.reply(`本小区没有「${named}」这个商品，危机#${id} 没有确认`);
    app.catalogs.invalidate(communityId);
    ctx.reply(`危机#${id} 已确认：「${r.product!.name}」已停售，居民不能再下单。\n别忘了 4 小时内对外声明、24 小时内给出解决方案；处理完毕：/危机 结束 ${id}`);
  },
};
