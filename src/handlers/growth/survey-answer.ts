// "问卷 想要车厘子": an answer to the community's open survey, worth its points once.
import type { Handler } from '../../core/types.js';
import { answerSurvey, currentSurvey } from '../../growth/surveys.js';

const ANSWER = /^\s*#?(?:问卷|答卷|回答问卷)\s*[:：]?\s*(\S[\s\S]*)$/;

export const surveyAnswerHandler: Handler = {
  name: 'survey-answer',
  match: (ctx) => ctx.member !== null && ANSWER.test(ctx.text),
  handle(ctx, app) {
    const survey = currentSurvey(app.store, ctx.community!.id, app.now());
    if (!survey) return ctx.reply('现在没有进行中的问卷，谢谢你的热心！');
    const r = answerSurvey(app.store, survey, ctx.member!.id, ANSWER.exec(ctx.text)![1]!.trim(), app.now());
    ctx.reply(r.ok ? `谢谢 ${ctx.who} 的回答！问卷积分 +${r.points}` : `${ctx.who} 已经回答过这个问卷啦，谢谢！`);
  },
};
