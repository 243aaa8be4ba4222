import type { Command } from '../src/core/types.js';
import { scenarios, findScenario } from '../scenarios/index.js';
import { groupsOf, isPaused, setPaused } from '../src/campaigns/scheduler/runs.js';
import { nextFire } from '../src/campaigns/scheduler/cron-time.js';
import { shanghaiClock } from '../src/time.js';

const USAGE = '/活动 [暂停|恢复 名称]';

const WEEK = ['日', '一', '二', '三', '四', '五', '六'];
/** "11-26 周四 20:00" */
function when(ms: number): string {
  const day = new Date(ms + 8 * 3600_000).getUTCDay();
  const c = shanghaiClock(ms);
  return `${c.slice(0, 5)} 周${WEEK[day]} ${c.slice(6)}`;
}

export const campaignsCommand: Command = {
  names: ['活动', 'campaigns'],
  role: 'leader',
  needsCommunity: true,
  usage: USAGE,
  summary: '查看定时活动下次什么时候发；在群里暂停或恢复某个活动',
  details: '在群里发只作用于这个群，私聊机器人发则作用于本小区所有群\n'
    + `活动名称：${scenarios.map((s) => s.title).join('、')}\n`
    + '例如：/活动\n　　　/活动 暂停 团长直播日\n　　　/活动 恢复 团长直播日',
  run(ctx, args, app) {
    const community = ctx.community!;
    const now = app.now();
    const all = groupsOf(app.store, community.id);
    // In a group: that group; privately: every group of the community.
    const targets = ctx.group ? all.filter((g) => g.id === ctx.group!.id) : all;
    const [action, ...rest] = args;
    if (!action) {
      const lines = scenarios.map((s) => {
        const next = nextFire(s.schedule(app.config), now);
        const paused = targets.filter((g) => isPaused(app.store, g.id, s.name));
        const state = paused.length === 0 ? '' : ctx.group ? '（本群已暂停）' : `（已暂停：${paused.map((g) => g.topic).join('、')}）`;
        const upcoming = s.upcoming?.(app, community.id, now);
        return `· ${s.title}${state}：${s.summary}\n　下次检查 ${next === null ? '—' : when(next)}${upcoming ? `；${upcoming}` : ''}`;
      });
      return ctx.reply(`「${community.name}」定时活动（北京时间）：\n${lines.join('\n')}\n暂停：/活动 暂停 名称　恢复：/活动 恢复 名称`);
    }
    if (action !== '暂停' && action !== '恢复') return ctx.reply(`用法：${USAGE}`);
    const name = rest.join(' ').trim();
    const scenario = name ? findScenario(name) : undefined;
    if (!scenario) return ctx.reply(`没有叫「${name}」的活动。可选：${scenarios.map((s) => s.title).join('、')}\n用法：${USAGE}`);
    const paused = action === '暂停';
    setPaused(app.store, { communityId: community.id, groupIds: targets.map((g) => g.id), scenario: scenario.name, paused, by: ctx.sender.contactId }, now);
    const where = ctx.group ? '本群' : `本小区 ${targets.length} 个群`;
    ctx.reply(paused ? `已暂停「${scenario.title}」：${where}不再自动发这个活动，恢复请发 /活动 恢复 ${scenario.title}` : `已恢复「${scenario.title}」：${where}会按时发这个活动`);
  },
};
