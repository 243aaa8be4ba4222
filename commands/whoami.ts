import type { Command } from '../src/core/types.js';
import { ROLE_NAMES } from '../src/core/command.js';

export const whoami: Command = {
  names: ['我是谁', 'whoami'],
  role: 'resident',
  needsCommunity: false,
  usage: '/我是谁',
  summary: '显示你的微信联系人 ID、身份和所在小区（配置管理员时要用到 ID）',
  run(ctx) {
    const where = ctx.community ? `，小区：${ctx.community.name}` : '';
    ctx.replyPrivately(`你的联系人 ID：${ctx.sender.contactId}\n身份：${ROLE_NAMES[ctx.role]}${where}`);
  },
};
