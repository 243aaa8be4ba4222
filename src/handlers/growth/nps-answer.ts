// "9分" / "10 分" / "给10分": a resident's score while the community's NPS question (/NPS) is open, in the group
// or privately. Only a bare score counts, and only while a question is open: "草莓8分" or "8分" on another day is
// left to the other handlers.
import type { Handler } from '../../core/types.js';
import { answerNps, currentSurvey, isNpsScore } from '../../growth/surveys.js';

const SCORE = /^\s*(?:我?(?:给|打)\s*)?(\d{1,3})\s*分\s*[!！。.~～]*\s*$/;

export const npsAnswerHandler: Handler = {
  name: 'nps-answer',
  atomic: true,
  match: (ctx, app) => ctx.community !== null && ctx.member?.role === 'resident' && SCORE.test(ctx.text.normalize('NFKC'))
    && currentSurvey(app.store, ctx.community.id, app.now(), 'nps') !== undefined,
  handle(ctx, app) {
    const now = app.now();
    const survey = currentSurvey(app.store, ctx.community!.id, now, 'nps')!;
    const score = Number(SCORE.exec(ctx.text.normalize('NFKC'))![1]);
    if (!isNpsScore(score)) return ctx.reply(`${ctx.who} 请打 0 到 10 之间的整数分，例如「9分」`);
    const r = answerNps(app.store, survey, ctx.member!.id, score, now);
    if (r.points > 0) return ctx.reply(`谢谢 ${ctx.who} 的打分（${score} 分）！积分 +${r.points}`);
    ctx.reply(r.changed ? `已把 ${ctx.who} 的打分改为 ${score} 分，谢谢！` : `谢谢 ${ctx.who} 的打分（${score} 分）！`);
  },
};
