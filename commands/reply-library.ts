import type { Command } from '../src/core/types.js';
import { COMPLAINT_TYPES, MAX_REPLY_CHARS, isComplaintType, isEdited, replyFor, resetReply, setReply } from '../src/service/complaint-replies.js';

const USAGE = '/话术 [类型] [新内容|恢复默认]';

export const replyLibraryCommand: Command = {
  names: ['话术', 'replies'],
  role: 'leader',
  needsCommunity: true,
  usage: USAGE,
  summary: '查看或修改投诉的标准回复（紧急预案库，12 类场景），只对本小区生效',
  details: `类型：${COMPLAINT_TYPES.join('、')}\n例如：/话术　　　　　　　（全部类型）\n　　　/话术 破损　　　　（看一类）\n`
    + '　　　/话术 破损 抱歉商品压坏了！请拍照发群里，马上为您补发\n　　　/话术 破损 恢复默认',
  run(ctx, args, app) {
    const communityId = ctx.community!.id;
    const [type, ...rest] = args;
    const show = (t: string) => `【${t}】${isEdited(app.store, communityId, t) ? '（已修改）' : ''}${replyFor(app.store, communityId, t)}`;
    if (!type) return ctx.reply(`「${ctx.community!.name}」投诉标准回复（${COMPLAINT_TYPES.length} 类）：\n${COMPLAINT_TYPES.map(show).join('\n')}\n修改：/话术 类型 新内容`);
    if (!isComplaintType(type)) return ctx.reply(`没有「${type}」这个类型，可以是：${COMPLAINT_TYPES.join('、')}`);
    const body = rest.join(' ').trim();
    if (!body) return ctx.reply(`${show(type)}\n修改：/话术 ${type} 新内容；恢复：/话术 ${type} 恢复默认`);
    if (body === '恢复默认') {
      const was = resetReply(app.store, communityId, type);
      return ctx.reply(`${was ? '已恢复默认' : '本来就是默认话术'}：\n${show(type)}`);
    }
    if (body.length > MAX_REPLY_CHARS) return ctx.reply(`话术太长了（${body.length} 字），请控制在 ${MAX_REPLY_CHARS} 字以内，没有改动`);
    setReply(app.store, communityId, type, body, ctx.sender.contactId, app.now());
    ctx.reply(`已修改「${type}」的标准回复，之后本小区的${type}投诉会先收到：\n${body}`);
  },
};
