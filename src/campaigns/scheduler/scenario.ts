// What a scheduled campaign script (scenarios/*.ts) declares. Plain values in, posts out: no Wechaty here.
import type { App } from '../../core/types.js';
import type { Config } from '../../config.js';
import type { Community, Group } from '../../store/schema.js';

/** "1+3+N": one main text, up to three images (file paths) and N follow-ups (each after some minutes). */
export interface Post {
  text: string;
  images?: string[];
  followUps?: { text: string; afterMinutes: number }[];
}

/** Where a post goes: into the job's group, or privately to the community's leaders. */
export interface Delivery { to: 'group' | 'leaders'; post: Post }

/** One thing a scenario would post into one group for one period. */
export interface Job {
  group: Group;
  /** With the scenario name and the group, the key that makes the job exactly-once (e.g. '2027-04-02'). */
  period: string;
  /** Side effects (rules switched, a session opened) and the posts. Runs inside the same transaction as its run record. */
  run(): Delivery[];
  /** Rules that must follow the calendar even when the post is paused or too late (a big sale's stock rules). Runs before run(). */
  rules?(): void;
}

export interface JobInput { app: App; community: Community; fireAt: number; now: number }

export interface Scenario {
  /** ASCII id used in keys and tables. */
  name: string;
  /** Chinese name leaders use in /活动 暂停 名称. */
  title: string;
  /** One line for /活动: what it posts. */
  summary: string;
  /** Cron pattern (cron-parser, five fields), Asia/Shanghai. */
  schedule(config: Config): string;
  /** A fire missed while the bot was down is still run when at most this late, else skipped and logged. */
  graceMs: number;
  /** What is due for a community at this fire; only jobs with something to post. Read-only. */
  jobs(input: JobInput): Job[];
  /**
   * Optional, for the simulated clock: the earliest moment after `after` from which jobs() may have something for
   * any community, from the store as it is now (null: nothing coming). Without it the clock stops at every fire.
   */
  wakeAfter?(app: App, after: number): number | null;
  /** Optional: what comes next for a community, for /活动 (e.g. the next seasonal campaign). */
  upcoming?(app: App, communityId: number, now: number): string | null;
}
