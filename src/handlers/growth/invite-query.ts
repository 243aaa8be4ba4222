// "我邀请了几个人": how many neighbours the resident brought in, how many count, and the next ladder step.
import type { Handler } from '../../core/types.js';
import { INVITE_LADDER, inviteStats } from '../../growth/invites.js';

export const inviteQueryHandler: Handler = {
  name: 'invite-query',
  match: (ctx) => ctx.member !== null && ctx.parsed()?.intent === 'invite_query',
  handle(ctx, app) {
    const s = inviteStats(app.store, ctx.member!.id);
    const lines: string[] = [];
    if (s.joined === 0) {
      lines.push('你还没有邀请过邻居入群哦');
    } else {
      lines.push(`你已邀请 ${s.joined} 位邻居入群：${s.valid} 位已下单（有效邀请），${s.pending} 位还没下单`);
    }
    if (s.next) {
      lines.push(`再邀请 ${s.next.invites - s.valid} 位邻居下单，可得${/^\d/.test(s.next.reward.name) ? ' ' : ''}${s.next.reward.name}`);
    } else if (INVITE_LADDER.steps.length > 0) {
      lines.push('邀请奖励已全部领取，感谢你把邻居们拉进来 🙏');
    }
    if (s.pending > 0) lines.push('（受邀邻居在群里首次下单后，才算有效邀请）');
    ctx.reply(lines.join('\n'));
  },
};
