import type { App, Command } from '../src/core/types.js';
import type { Product } from '../src/store/schema.js';
import { qtyText } from '../src/quantity.js';
import { communityOutlook, expectedOver, OUTLOOK_DAYS } from '../src/forecast/community.js';
import { openSession } from '../src/ordering/sessions.js';
import { setRecentProduct } from '../src/community/groups.js';
import { listProducts } from '../src/catalog/catalog.js';
import { enqueue } from '../src/messaging/outbox.js';
import { mainGroupOf } from '../src/community/communities.js';
import { parseShanghaiTime, shanghaiClock } from '../src/time.js';
import { fillTemplate, render, templateText } from '../src/messaging/replies.js';
import { readArm, logExposure } from '../src/experiments/arms.js';
import { logTouchpoint } from '../src/experiments/attribution/touchpoints.js';
import { yuan } from '../src/money.js';

const USAGE = '/开团 标题 截单时间 商品… [成团 N人] [自提点 地点]';

/** "明天 20:00" may be one token or two: the longest prefix of the tokens that reads as a time. */
function takeTime(tokens: string[], now: number): { at: number; used: number } | null {
  for (const used of [2, 1]) {
    if (tokens.length < used) continue;
    const at = parseShanghaiTime(tokens.slice(0, used).join(''), now);
    if (at !== null) return { at, used };
  }
  return null;
}

/** For the leader: the forecast demand of the session's products until the cut-off (products with sales history only). */
function expectedDemand(app: App, communityId: number, offered: Product[], cutoffAt: number, now: number): string | null {
  const outlook = communityOutlook(app.store, communityId, now);
  const days = Math.min(OUTLOOK_DAYS, Math.max(1, Math.ceil((cutoffAt - now) / 86_400_000)));
  const lines = offered.flatMap((p) => {
    const o = outlook.get(p.id);
    if (!o || o.observedDays === 0) return [];
    const n = Math.round(expectedOver(o, days) * 10) / 10;
    return [`· ${p.name} 约 ${qtyText(n)}${p.unit}（现有 ${qtyText(p.stock)}${p.unit}）${o.fallback ? '，历史不足 4 周，按近期平均' : ''}`];
  });
  return lines.length ? `📈 本期预计需求（到截单的 ${days} 天，按本小区的销量预测）：\n${lines.join('\n')}` : null;
}

export const openSessionCommand: Command = {
  names: ['开团', 'open'],
  role: 'leader',
  needsCommunity: true,
  usage: USAGE,
  summary: '开一期团购：发布开团通知，到截单时间自动截单并发汇总；未到成团人数则本期取消',
  details: '截单时间可写 20:00、明天20:00、11-26 20:00；商品写名称，「全部」表示所有在售商品\n例如：/开团 周五草莓团 明天20:00 草莓 牛奶 成团 5人 自提点 3号楼快递柜',
  run(ctx, args, app) {
    const now = app.now();
    const [title, ...rest] = args;
    if (!title || rest.length === 0) return ctx.reply(`用法：${USAGE}`);
    const time = takeTime(rest, now);
    if (!time) return ctx.reply(`没看懂截单时间「${rest[0]}」，可以写 20:00、明天20:00 或 11-26 20:00\n用法：${USAGE}`);
    if (time.at <= now) return ctx.reply(`截单时间 ${shanghaiClock(time.at)} 已经过了，请写一个将来的时间`);
    const tokens = rest.slice(time.used);
    const names: string[] = [];
    let minMembers: number | null = null;
    let pickup: string | null = null;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      const min = /^成团(\d+)人?$/.exec(t) ?? (t === '成团' ? /^(\d+)人?$/.exec(tokens[++i] ?? '') : null);
      if (t.startsWith('成团')) {
        if (!min || Number(min[1]) < 1 || Number(min[1]) > 500) return ctx.reply('成团人数请写 1 到 500 之间的数字，例如「成团 5人」');
        minMembers = Number(min[1]);
      } else if (t.startsWith('自提点')) {
        pickup = [t.slice(3), ...tokens.slice(i + 1)].join(' ').trim() || null;
        break;
      } else {
        names.push(t);
      }
    }
    // The group the notice goes to decides the experiment arms (成团门槛 when none is written, the notice's copy).
    const group = ctx.group ?? mainGroupOf(app.store, ctx.community!.id);
    const minArm = readArm(app.store, minMembers === null ? group?.id : null, 'session.min_members', 0);
    minMembers ??= minArm.value;
    const all = listProducts(app.store, ctx.community!.id).filter((p) => p.status !== 'inactive');
    const wanted = names.includes('全部') ? all.map((p) => p.name) : names;
    const res = openSession(app.store, {
      communityId: ctx.community!.id, groupId: ctx.group?.id ?? null, title, cutoffAt: time.at,
      productNames: wanted, minMembers, pickupPlace: pickup, createdBy: ctx.sender.contactId,
    }, now);
    if (!res.ok) {
      if (res.reason === 'unknown_products') return ctx.reply(`没有这些在售商品：${res.names.join('、')}。先用 /上架 添加，或用 /商品 查看`);
      if (res.reason === 'no_products') return ctx.reply(`请写上本期的商品\n用法：${USAGE}`);
      return ctx.reply(`截单时间已经过了，请写一个将来的时间`);
    }
    app.sessions.invalidate(ctx.community!.id);
    const offered = all.filter((p) => res.productNames.includes(p.name));
    const extra = (minMembers ? render('session_min', { n: minMembers }) : '') + (pickup ? render('session_pickup', { place: pickup }) : '');
    const copyArm = readArm(app.store, group?.id, 'copy.session_notice', templateText('session_notice'));
    const notice = fillTemplate(copyArm.value, {
      title, cutoff: shanghaiClock(time.at), extra,
      products: offered.map((p) => `${p.name} ${yuan(p.priceFen)}/${p.unit}`).join('、'),
      example: `${offered[0]!.name}2${offered[0]!.unit}`,
    });
    if (group) {
      logExposure(app.store, minArm, { shown: `开团通知「${title}」成团 ${minMembers} 人` }, now);
      logExposure(app.store, copyArm, { shown: `开团通知「${title}」文案 ${copyArm.arm?.name}` }, now);
      logTouchpoint(app.store, { communityId: ctx.community!.id, groupId: group.id, kind: '开团通知' }, now);
    }
    if (group && offered.length === 1) app.directory.updateGroup(setRecentProduct(app.store, group.id, offered[0]!.name));
    if (group && ctx.chat.kind === 'room' && ctx.chat.roomId === group.roomId) ctx.reply(notice);
    else {
      if (group) enqueue(app.store, { conversationId: group.roomId, conversationKind: 'room', body: notice, dedupKey: `${ctx.messageId}#notice` }, now);
      ctx.reply(`已开团「${title}」，通知已发到群里`);
    }
    // After the notice: the leader's own note of what the forecast expects.
    const expected = expectedDemand(app, ctx.community!.id, offered, time.at, now);
    if (expected) ctx.replyPrivately(expected);
  },
};
