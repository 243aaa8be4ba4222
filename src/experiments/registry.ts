// Experiments started in a community: start (randomise the groups with a recorded seed), end, look up.
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Store } from '../store/db.js';
import { groups, type Group } from '../store/schema.js';
import { experimentGroups, experiments, type Experiment, type ExperimentGroup } from '../store/schema-experiments.js';
import { assignArms, seedFor } from './assign.js';
import type { Arm, Strategy } from './library.js';
import { groupSizes } from './roster.js';
import { isWired } from './arms.js';

export type StartResult =
  | { ok: true; experiment: Experiment; groups: (ExperimentGroup & { topic: string })[] }
  | { ok: false; reason: 'not_wired' | 'too_few_groups' | 'setting_busy' | 'unknown_groups'; detail: string };

/** The strategy as registered at the start: what 状态 and 复盘 analyse, whatever the library says later. */
export function registrationOf(e: Experiment): Strategy {
  return JSON.parse(e.registration) as Strategy;
}

export function armsOf(e: Experiment): Arm[] {
  return JSON.parse(e.arms) as Arm[];
}

/**
 * Starts `strategy` in the community over `groupTopics` (all its groups when empty): refuses a setting the bot does not
 * read from experiments yet, a second running experiment on the same setting, and fewer groups than arms.
 */
export function startExperiment(
  store: Store,
  input: { communityId: number; strategy: Strategy; groupTopics?: string[]; startedBy: string; seed?: number },
  now: number,
): StartResult {
  const { strategy } = input;
  if (!isWired(strategy.setting)) {
    return { ok: false, reason: 'not_wired', detail: `「${strategy.name}」改的设置 ${strategy.setting} 还没有接到机器人的行为里，开始了各组也不会有差别` };
  }
  const all = store.db.select().from(groups).where(eq(groups.communityId, input.communityId)).orderBy(asc(groups.id)).all();
  let chosen: Group[] = all;
  if (input.groupTopics?.length) {
    const missing = input.groupTopics.filter((t) => !all.some((g) => g.topic === t));
    if (missing.length) return { ok: false, reason: 'unknown_groups', detail: `本小区没有这些群：${missing.join('、')}` };
    chosen = all.filter((g) => input.groupTopics!.includes(g.topic));
  }
  if (chosen.length < strategy.arms.length) {
    return { ok: false, reason: 'too_few_groups', detail: `参加实验的群只有 ${chosen.length} 个，少于组别数 ${strategy.arms.length} 个：按群分组至少每组一个群` };
  }
  const busy = runningOn(store, input.communityId, strategy.setting);
  if (busy) return { ok: false, reason: 'setting_busy', detail: `「${busy.strategy}」正在改同一个设置（${strategy.setting}），先 /实验 结束 ${busy.strategy}` };
  const sizes = groupSizes(store, input.communityId, chosen.map((g) => g.id), now);
  const seed = input.seed ?? seedFor(now, `${input.communityId}:${strategy.name}`);
  const assignment = assignArms({ groups: chosen.map((g) => ({ groupId: g.id, size: sizes.get(g.id)! })), arms: strategy.arms.map((a) => a.name), seed });
  const topic = new Map(chosen.map((g) => [g.id, g.topic]));
  return store.db.transaction((tx) => {
    const experiment = tx.insert(experiments).values({
      communityId: input.communityId, strategy: strategy.name, setting: strategy.setting, hypothesis: strategy.hypothesis,
      arms: JSON.stringify(strategy.arms), registration: JSON.stringify(strategy), seed, startsAt: now,
      plannedEndAt: now + strategy.durationDays * 86_400_000, startedBy: input.startedBy,
    }).returning().get();
    const rows = assignment.groups.map((g) => ({ experimentId: experiment.id, groupId: g.groupId, arm: g.arm, size: g.size, block: g.block }));
    tx.insert(experimentGroups).values(rows).run();
    return { ok: true as const, experiment, groups: rows.map((r) => ({ ...r, topic: topic.get(r.groupId)! })) };
  });
}

export function runningOn(store: Store, communityId: number, setting: string): Experiment | undefined {
  return store.db.select().from(experiments)
    .where(and(eq(experiments.communityId, communityId), eq(experiments.setting, setting), eq(experiments.status, 'running'))).get();
}

/** The community's experiments, running first, newest first. */
export function experimentsOf(store: Store, communityIds: readonly number[]): Experiment[] {
  if (communityIds.length === 0) return [];
  // 'running' sorts after 'ended': descending puts the running ones first.
  return store.db.select().from(experiments).where(inArray(experiments.communityId, [...communityIds]))
    .orderBy(desc(experiments.status), desc(experiments.id)).all();
}

/** The latest experiment of that strategy (running before ended) among the communities. */
export function findExperiment(store: Store, communityIds: readonly number[], name: string): Experiment | undefined {
  return experimentsOf(store, communityIds).find((e) => e.strategy === name.trim());
}

export function experimentGroupsOf(store: Store, experimentId: number): (ExperimentGroup & { topic: string })[] {
  return store.db.select({ g: experimentGroups, topic: groups.topic }).from(experimentGroups)
    .innerJoin(groups, eq(groups.id, experimentGroups.groupId))
    .where(eq(experimentGroups.experimentId, experimentId)).orderBy(asc(experimentGroups.block), asc(experimentGroups.groupId)).all()
    .map((r) => ({ ...r.g, topic: r.topic }));
}

/** Stops it: from now on every group reads the default again. False when it was not running. */
export function endExperiment(store: Store, experimentId: number, now: number): boolean {
  return store.db.update(experiments).set({ status: 'ended', endedAt: now })
    .where(and(eq(experiments.id, experimentId), eq(experiments.status, 'running'))).run().changes > 0;
}
