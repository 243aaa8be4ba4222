import type { Command } from '../src/core/types.js';
import { resolveMember } from '../src/growth/members.js';
import { adjustPoints, levelOf, levelText, MAX_ADJUST, pointsBalance } from '../src/growth/points.js';

const USAGE = '/积分 @某人 +N 原因';
const MAX_NOTE = 50;

/** "+10", "-5", "＋10", "+ 10" split apart is not accepted: the sign belongs to the number. */
const DELTA_RE = /^([+-])(\d+)$/;

export const pointsCommand: Command = {
  names: ['积分', 'points'],
  role: 'leader',
  needsCommunity: true,
  usage: USAGE,
  summary: '给居民加减积分（需写原因，余额不会扣成负数）；只 @ 某人则查看他的积分',
  details: `N 为 1～${MAX_ADJUST} 的整数，+ 加分，- 扣分；每笔都记下是哪位团长操作的\n例如：/积分 @张姐 +20 帮忙分拣、/积分 @李叔 -10 重复领取、/积分 @王妈`,
  run(ctx, args, app) {
    const norm = args.map((a) => a.normalize('NFKC'));
    const at = norm.findIndex((a) => /^[+-]/.test(a));
    const who = (at < 0 ? norm : norm.slice(0, at)).join(' ').trim();
    if (at < 0 && norm.length > 1 && /^\d+(?:\.\d+)?$/.test(norm[norm.length - 1]!)) {
      return ctx.reply(`请在积分数量前写 + 或 -，例如 +20 或 -10\n用法：${USAGE}`);
    }
    if (!who && ctx.mentionIds.length === 0) return ctx.reply(`请 @ 要加减积分的居民\n用法：${USAGE}`);
    const member = resolveMember(app.store, ctx.community!.id, ctx.mentionIds, who);
    if (!member) return ctx.reply(`本小区没有找到「${who.replace(/^[@＠]/, '') || '这位成员'}」，请 @ 对方或写群昵称\n用法：${USAGE}`);
    if (at < 0) {
      return ctx.reply(`${member.displayName} 当前积分 ${pointsBalance(app.store, member.id)} 分\n${levelText(levelOf(app.store, member.id))}`);
    }
    const m = DELTA_RE.exec(norm[at]!);
    const n = m ? Number(m[2]) : NaN;
    if (!m || !Number.isSafeInteger(n) || n < 1 || n > MAX_ADJUST) {
      return ctx.reply(`积分数量「${norm[at]}」不对：请写 +N 或 -N，N 为 1～${MAX_ADJUST} 的整数\n用法：${USAGE}`);
    }
    const note = norm.slice(at + 1).join(' ').trim();
    if (!note) return ctx.reply(`请写明原因，例如：/积分 @${member.displayName} ${m[1]}${n} 帮忙分拣\n用法：${USAGE}`);
    if (note.length > MAX_NOTE) return ctx.reply(`原因太长了，请控制在 ${MAX_NOTE} 字以内`);
    const delta = m[1] === '-' ? -n : n;
    const r = adjustPoints(app.store, {
      communityId: ctx.community!.id, memberId: member.id, delta, note, byContactId: ctx.sender.contactId, sourceMsgId: ctx.messageId,
    }, app.now());
    if (!r.ok) return ctx.reply(`不能扣 ${n} 分：${member.displayName} 当前只有 ${r.balance} 分，积分不能扣成负数（最多可扣 ${r.balance} 分）`);
    if (r.duplicate) return;
    ctx.reply(`✅ 已为 ${member.displayName} ${delta > 0 ? '增加' : '扣除'} ${n} 积分（${note}），当前积分 ${r.balance} 分`);
  },
};
