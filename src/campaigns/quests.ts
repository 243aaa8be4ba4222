// 拼团剧本杀: a story in chapters (data/campaigns/quests.json). During the quest each order by a resident
// unlocks their next chapter; the third unlocks the ending and the reward (points or a coupon), once.
import fs from 'node:fs';
import path from 'node:path';
import { and, eq, gt, sql } from 'drizzle-orm';
import type { Store } from '../store/db.js';
import { preparedFor } from '../store/prepared.js';
import { coupons, pointsLedger, type Coupon } from '../store/schema.js';
import { questProgress, quests, type Quest } from '../store/schema-campaigns.js';
import { DATA_DIR } from '../config.js';
import { expiryFor, newCouponCode, rewardCatalog } from '../growth/rewards.js';

export const QUEST_ORDERS = 3;

export interface Story {
  key: string; title: string; intro: string; chapters: string[];
  reward: { kind: 'points'; points: number; name: string } | { kind: 'coupon'; name: string };
}

let stories: Story[] | undefined;
export function questStories(): Story[] {
  stories ??= (JSON.parse(fs.readFileSync(path.join(DATA_DIR, 'campaigns', 'quests.json'), 'utf8')) as { stories: Story[] }).stories;
  return stories;
}
export const storyOf = (key: string): Story | undefined => questStories().find((s) => s.key === key);

export function activeQuest(store: Store, communityId: number, now: number): Quest | undefined {
  return store.db.select().from(quests)
    .where(and(eq(quests.communityId, communityId), eq(quests.status, 'active'), gt(quests.endsAt, now))).get();
}

export type StartQuestResult = { ok: true; quest: Quest } | { ok: false; reason: 'running'; quest: Quest };

export function startQuest(store: Store, input: { communityId: number; groupId: number; story: string; days: number; createdBy: string }, now: number): StartQuestResult {
  return store.db.transaction(() => {
    const running = activeQuest(store, input.communityId, now);
    if (running) return { ok: false as const, reason: 'running' as const, quest: running };
    const quest = store.db.insert(quests).values({
      communityId: input.communityId, groupId: input.groupId, story: input.story, startsAt: now, endsAt: now + input.days * 86_400_000, createdBy: input.createdBy,
    }).returning().get();
    return { ok: true as const, quest };
  });
}

export function endQuest(store: Store, communityId: number, now: number): Quest | undefined {
  const q = activeQuest(store, communityId, now);
  if (!q) return undefined;
  return store.db.update(quests).set({ status: 'ended', endsAt: now }).where(eq(quests.id, q.id)).returning().get();
}

// The order hot path: one indexed lookup (quest + this member's progress), one upsert when a quest runs.
const lookup = preparedFor((store) => store.sqlite.prepare<[number, number, number], { id: number; story: string; groupId: number; orders: number | null }>(
  `SELECT q.id, q.story, q.group_id AS groupId, p.orders FROM quests q
   LEFT JOIN quest_progress p ON p.quest_id = q.id AND p.member_id = ?
   WHERE q.community_id = ? AND q.status = 'active' AND q.ends_at > ? LIMIT 1`));
const bump = preparedFor((store) => store.sqlite.prepare<[number, number, number]>(
  `INSERT INTO quest_progress (quest_id, member_id, orders, updated_at) VALUES (?, ?, 1, ?)
   ON CONFLICT (quest_id, member_id) DO UPDATE SET orders = orders + 1, updated_at = excluded.updated_at`));

export interface QuestStep {
  quest: { id: number; groupId: number };
  story: Story;
  /** 1-based chapter just unlocked. */
  chapter: number;
  /** Set on the final chapter: what was granted (a coupon, or points). */
  reward?: { name: string; coupon?: Coupon; points?: number };
}

/** Counts an order toward the member's quest, if one is running; null when there is none or it is complete. */
export function questAfterOrder(store: Store, order: { communityId: number; memberId: number }, now: number): QuestStep | null {
  const q = lookup(store).get(order.memberId, order.communityId, now);
  if (!q || (q.orders ?? 0) >= QUEST_ORDERS) return null;
  const story = storyOf(q.story);
  if (!story) return null;
  bump(store).run(q.id, order.memberId, now);
  const chapter = (q.orders ?? 0) + 1;
  const step: QuestStep = { quest: { id: q.id, groupId: q.groupId }, story, chapter };
  if (chapter === QUEST_ORDERS) step.reward = grantReward(store, q.id, story, order, now);
  return step;
}

function grantReward(store: Store, questId: number, story: Story, order: { communityId: number; memberId: number }, now: number): QuestStep['reward'] {
  const marked = store.db.update(questProgress).set({ rewardedAt: now })
    .where(and(eq(questProgress.questId, questId), eq(questProgress.memberId, order.memberId), sql`${questProgress.rewardedAt} IS NULL`)).run();
  if (marked.changes === 0) return undefined;
  const r = story.reward;
  if (r.kind === 'points') {
    store.db.insert(pointsLedger).values({ communityId: order.communityId, memberId: order.memberId, delta: r.points, reason: 'quest', ref: `quest:${questId}:${order.memberId}`, at: now })
      .onConflictDoNothing().run();
    return { name: r.name, points: r.points };
  }
  const reward = rewardCatalog(store, order.communityId).find((x) => x.name === r.name);
  if (!reward) throw new Error(`quest reward ${r.name} is not in the reward catalog`);
  const coupon = store.db.insert(coupons).values({
    communityId: order.communityId, memberId: order.memberId, kind: reward.kind, name: reward.name, code: newCouponCode(),
    valueFen: reward.valueFen, source: 'quest', status: 'issued', issuedAt: now, expiresAt: expiryFor(now, reward.validDays),
  }).returning().get();
  return { name: reward.name, coupon };
}
