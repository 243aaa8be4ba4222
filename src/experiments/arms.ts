// Arms read at the point of use: the code that does something a setting governs asks for the value in the group it
// does it in. With a running experiment on that setting the group's arm decides, else the default (the bot's usual
// behaviour). A read that changes what residents see is logged as an exposure: who saw which arm, when, and what.
import type { Store } from '../store/db.js';
import { preparedFor } from '../store/prepared.js';

/** The settings the bot reads from experiments, and where (ARCHITECTURE.md lists the same). */
export const WIRED_SETTINGS: Record<string, string> = {
  'session.min_members': 'commands/open-session.ts：/开团 没写「成团N人」时的成团人数',
  'copy.session_notice': 'commands/open-session.ts：/开团 发到群里的开团通知文案',
  'copy.cutoff_reminder': 'scenarios/cutoff-reminder.ts：截单提醒的文案',
  'cutoff_reminder.lead_minutes': 'scenarios/cutoff-reminder.ts：截单前多久提醒',
  'flash_test.days': 'scenarios/flash-test.ts → src/campaigns/flash-tests.ts startFlashTest：爆款测试测几天',
  'invite.ladder': 'src/growth/invites.ts inviteAfterOrder：邀请人按受邀人所在群的梯度拿奖励',
  'campaign.live_reminder': 'scenarios/live-day.ts：团长直播日的群提醒发不发',
};

export const isWired = (setting: string): boolean => setting in WIRED_SETTINGS;

export interface ArmRead<T> {
  value: T;
  /** The running experiment's arm for the group, or null when the default applies. */
  arm: { experimentId: number; groupId: number; name: string } | null;
}

const statements = preparedFor((store: Store) => ({
  arm: store.sqlite.prepare(`SELECT e.id AS experimentId, e.arms AS arms, g.arm AS arm FROM experiment_groups g
    JOIN experiments e ON e.id = g.experiment_id WHERE g.group_id = ? AND e.setting = ? AND e.status = 'running'`),
  groups: store.sqlite.prepare(`SELECT g.group_id AS id FROM experiment_groups g JOIN experiments e ON e.id = g.experiment_id
    WHERE e.community_id = ? AND e.setting = ? AND e.status = 'running' ORDER BY g.group_id`),
  exposure: store.sqlite.prepare(`INSERT INTO exposures (experiment_id, group_id, member_id, arm, shown, at)
    VALUES (@experimentId, @groupId, @memberId, @arm, @shown, @at)`),
}));

/** The setting's value for the group: the running experiment's arm, else `fallback`. */
export function readArm<T>(store: Store, groupId: number | null | undefined, key: string, fallback: T): ArmRead<T> {
  if (groupId == null) return { value: fallback, arm: null };
  const row = statements(store).arm.get(groupId, key) as { experimentId: number; arms: string; arm: string } | undefined;
  if (!row) return { value: fallback, arm: null };
  const arm = (JSON.parse(row.arms) as { name: string; value: unknown }[]).find((a) => a.name === row.arm);
  if (!arm) return { value: fallback, arm: null };
  return { value: arm.value as T, arm: { experimentId: row.experimentId, groupId, name: arm.name } };
}

export function armSetting<T>(store: Store, groupId: number | null | undefined, key: string, fallback: T): T {
  return readArm(store, groupId, key, fallback).value;
}

/** Logs that the read's arm was shown (a group post: no member; one resident: their id). A no-op without an arm. */
export function logExposure(store: Store, read: ArmRead<unknown>, input: { memberId?: number | null; shown: string }, now: number): void {
  if (!read.arm) return;
  statements(store).exposure.run({
    experimentId: read.arm.experimentId, groupId: read.arm.groupId, memberId: input.memberId ?? null, arm: read.arm.name, shown: input.shown, at: now,
  });
}

/** Reads the arm and logs the exposure in one go (for reads whose result is shown right away). */
export function exposeArm<T>(store: Store, input: { groupId: number | null | undefined; key: string; fallback: T; memberId?: number | null; shown: (value: T) => string }, now: number): T {
  const read = readArm(store, input.groupId, input.key, input.fallback);
  logExposure(store, read, { memberId: input.memberId, shown: input.shown(read.value) }, now);
  return read.value;
}

/** The groups of the community's running experiment on `key`, or null when none runs (the caller's usual targets apply). */
export function experimentGroupsOn(store: Store, communityId: number, key: string): number[] | null {
  const rows = statements(store).groups.all(communityId, key) as { id: number }[];
  return rows.length ? rows.map((r) => r.id) : null;
}
