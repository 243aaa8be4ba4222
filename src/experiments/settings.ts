// The settings an experiment arm may change, with the kind of value each takes and where the bot reads it today.
// `readAt` names the code that reads the setting; null means the bot has no such knob yet. The settings read from a
// running experiment's arm are listed in ./arms.ts WIRED_SETTINGS (only those can be started).
import { isValidSchedule } from '../campaigns/scheduler/cron-time.js';

export type SettingKind =
  | { kind: 'int'; min: number; max: number; unit?: string }
  | { kind: 'fen'; max: number }
  | { kind: 'clock' }
  | { kind: 'cron' }
  | { kind: 'bool' }
  | { kind: 'enum'; values: string[] }
  | { kind: 'template'; placeholders: string[] }
  | { kind: 'promo' }
  | { kind: 'ladder' };

export interface SettingDef { label: string; value: SettingKind; readAt: string | null }

export const SETTINGS: Record<string, SettingDef> = {
  'session.min_members': { label: '成团人数', value: { kind: 'int', min: 0, max: 50, unit: '人' }, readAt: '实验组别：commands/open-session.ts（/开团 没写成团N人时）；sessions.min_members 由 closeSession 判断' },
  'session.cutoff_time': { label: '默认截单时间', value: { kind: 'clock' }, readAt: null },
  'campaign.seasonal_cron': { label: '时令活动推送时间', value: { kind: 'cron' }, readAt: 'config.campaigns.seasonal（CAMPAIGN_SEASONAL_CRON，全局）' },
  'campaign.flash_test_cron': { label: '爆款测试推送时间', value: { kind: 'cron' }, readAt: 'config.campaigns.flashTest（CAMPAIGN_FLASH_TEST_CRON，全局）' },
  'campaign.live_day_cron': { label: '直播日时间', value: { kind: 'cron' }, readAt: 'config.campaigns.liveDay（CAMPAIGN_LIVE_DAY_CRON，全局）' },
  'campaign.live_reminder': { label: '直播日提醒', value: { kind: 'bool' }, readAt: '实验组别：scenarios/live-day.ts（按群发不发）；另有 scenario_pauses（/活动 暂停）' },
  'campaign.quest_enabled': { label: '拼团剧本杀', value: { kind: 'bool' }, readAt: null },
  'quest.orders': { label: '剧本杀章节数', value: { kind: 'int', min: 2, max: 7, unit: '单' }, readAt: 'QUEST_ORDERS（src/campaigns/quests.ts，常量）' },
  'flash_test.days': { label: '爆款测试天数', value: { kind: 'int', min: 1, max: 14, unit: '天' }, readAt: '实验组别：scenarios/flash-test.ts（主群）；默认 FLASH_TEST_DAYS（src/campaigns/flash-tests.ts）' },
  'flash_test.retire_below_pct': { label: '爆款淘汰线', value: { kind: 'int', min: 1, max: 99, unit: '%' }, readAt: 'RETIRE_BELOW_PCT（src/campaigns/flash-tests.ts，常量）' },
  'cutoff_reminder.lead_minutes': { label: '截单提醒提前量', value: { kind: 'int', min: 10, max: 360, unit: '分钟' }, readAt: '实验组别：scenarios/cutoff-reminder.ts（团购所在的群，默认 60 分钟）' },
  'copy.session_notice': { label: '开团文案', value: { kind: 'template', placeholders: ['title', 'products', 'cutoff', 'extra', 'example'] }, readAt: "实验组别：commands/open-session.ts；默认 data/replies.json session_notice" },
  'copy.cutoff_reminder': { label: '截单提醒文案', value: { kind: 'template', placeholders: ['title', 'cutoff', 'buyers'] }, readAt: "实验组别：scenarios/cutoff-reminder.ts；默认 data/campaigns/posts.json cutoff_reminder.main" },
  'big_sale.reserve_pct': { label: '大促预售预留比例', value: { kind: 'int', min: 0, max: 80, unit: '%' }, readAt: 'DEFAULT_RESERVE_PCT（src/campaigns/big-sales.ts，常量）' },
  'invite.ladder': { label: '邀请奖励梯度', value: { kind: 'ladder' }, readAt: '实验组别：src/growth/invites.ts ladderOf（受邀人入的群）；默认 data/invite-ladder.json' },
  'promo.kind': { label: '促销方式', value: { kind: 'promo' }, readAt: null },
  'coupon.first_order_fen': { label: '首单券面额', value: { kind: 'fen', max: 5000 }, readAt: null },
  'price.ending': { label: '价格尾数', value: { kind: 'enum', values: ['.9', '整数', '原价'] }, readAt: null },
  'session.product_count': { label: '每期开团商品数', value: { kind: 'int', min: 1, max: 30, unit: '个' }, readAt: null },
  'growth.silent_nudge': { label: '沉默成员私聊唤醒', value: { kind: 'bool' }, readAt: null },
  'growth.welcome_coupon_reminder': { label: '新人券到期提醒', value: { kind: 'bool' }, readAt: null },
};

/** Why `value` is not a valid value of the setting, or null when it is. */
export function settingValueError(def: SettingDef, value: unknown): string | null {
  const v = def.value;
  switch (v.kind) {
    case 'int':
      return Number.isInteger(value) && (value as number) >= v.min && (value as number) <= v.max ? null : `必须是 ${v.min}–${v.max} 的整数`;
    case 'fen':
      return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= v.max ? null : `必须是 0–${v.max} 的整数（分）`;
    case 'clock':
      return typeof value === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(value) ? null : '必须是 HH:MM（北京时间）';
    case 'cron':
      return typeof value === 'string' && isValidSchedule(value) ? null : '必须是 cron 表达式（分 时 日 月 周）';
    case 'bool':
      return typeof value === 'boolean' ? null : '必须是 true 或 false';
    case 'enum':
      return typeof value === 'string' && v.values.includes(value) ? null : `必须是 ${v.values.join(' / ')} 之一`;
    case 'template': {
      if (typeof value !== 'string' || !value.trim()) return '必须是非空文案';
      const used = [...value.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      const unknown = used.filter((p) => !v.placeholders.includes(p));
      return unknown.length ? `文案里的 {${unknown.join('}、{')}} 不是可用的占位符（可用：${v.placeholders.join('、')}）` : null;
    }
    case 'promo': {
      const p = value as { kind?: unknown; thresholdFen?: unknown; offFen?: unknown; pct?: unknown } | null;
      if (p?.kind === '满减') {
        return Number.isInteger(p.thresholdFen) && Number.isInteger(p.offFen) && (p.offFen as number) > 0 && (p.offFen as number) < (p.thresholdFen as number)
          ? null : '满减要写 thresholdFen 和 offFen（分，减额小于门槛）';
      }
      if (p?.kind === '折扣') return Number.isInteger(p.pct) && (p.pct as number) >= 50 && (p.pct as number) < 100 ? null : '折扣要写 pct（50–99，即几折×10）';
      if (p?.kind === '无') return null;
      return '促销方式必须是 {"kind":"满减"…}、{"kind":"折扣"…} 或 {"kind":"无"}';
    }
    case 'ladder': {
      if (!Array.isArray(value) || value.length === 0) return '邀请梯度必须是非空数组';
      let last = 0;
      for (const s of value as { invites?: unknown; reward?: { kind?: unknown; name?: unknown } }[]) {
        if (!Number.isInteger(s?.invites) || (s.invites as number) <= last) return '每一档的 invites 必须是递增的正整数';
        last = s.invites as number;
        if (!s.reward || (s.reward.kind !== 'points' && s.reward.kind !== 'coupon') || typeof s.reward.name !== 'string') return '每一档要有 reward（kind 为 points 或 coupon，带 name）';
      }
      return null;
    }
  }
}
