// Surveys (问卷): a leader asks, residents answer once each and earn the survey's points. An NPS survey (/NPS) is
// the standard 0–10 question: residents answer "9分" for its days, the latest answer counts, the points come once.
import { and, desc, eq, gt } from 'drizzle-orm';
import type { Store } from '../store/db.js';
import { pointsLedger, surveyAnswers, surveys, type Survey } from '../store/schema.js';

export type SurveyKind = Survey['kind'];

/** How long an NPS question is open for answers. */
export const NPS_DAYS = 3;
/** The standard NPS question, as posted to the main group. */
export const NPS_QUESTION = '您有多大可能把邻团推荐给朋友或邻居？请打 0 到 10 分（10 分最愿意）';

export function openSurvey(
  store: Store,
  input: { communityId: number; question: string; points: number; createdBy: string; days: number; kind?: SurveyKind },
  now: number,
): Survey {
  return store.db.insert(surveys).values({
    communityId: input.communityId, kind: input.kind ?? 'free', question: input.question, points: input.points, createdBy: input.createdBy,
    createdAt: now, closesAt: now + input.days * 86_400_000,
  }).returning().get();
}

/** The newest survey of the kind still open for answers in the community. */
export function currentSurvey(store: Store, communityId: number, now: number, kind: SurveyKind = 'free'): Survey | undefined {
  return store.db.select().from(surveys)
    .where(and(eq(surveys.communityId, communityId), eq(surveys.kind, kind), gt(surveys.closesAt, now)))
    .orderBy(desc(surveys.id)).limit(1).get();
}

export type AnswerResult = { ok: true; points: number } | { ok: false; reason: 'already_answered' };

function creditOnce(store: Store, survey: Survey, memberId: number, now: number): boolean {
  return store.db.insert(pointsLedger).values({
    communityId: survey.communityId, memberId, delta: survey.points, reason: 'survey', ref: `survey:${survey.id}:${memberId}`, at: now,
  }).onConflictDoNothing().run().changes > 0;
}

/** Records an answer and credits the points in one transaction; a second answer earns nothing. */
export function answerSurvey(store: Store, survey: Survey, memberId: number, answer: string, now: number): AnswerResult {
  return store.db.transaction((tx) => {
    const added = tx.insert(surveyAnswers).values({ surveyId: survey.id, memberId, answer: answer.slice(0, 500), at: now })
      .onConflictDoNothing().run();
    if (added.changes === 0) return { ok: false as const, reason: 'already_answered' as const };
    creditOnce(store, survey, memberId, now);
    return { ok: true as const, points: survey.points };
  });
}

/** Whether `score` is a valid NPS score: a whole number 0–10. */
export function isNpsScore(score: number): boolean {
  return Number.isInteger(score) && score >= 0 && score <= 10;
}

/**
 * Records a member's NPS score, replacing an earlier one (the latest counts); the survey's points are credited
 * with the first answer only. `points` is what this answer earned (0 for a changed answer).
 */
export function answerNps(store: Store, survey: Survey, memberId: number, score: number, now: number): { points: number; changed: boolean } {
  if (survey.kind !== 'nps' || !isNpsScore(score)) throw new Error(`not an NPS answer: survey ${survey.id} score ${score}`);
  return store.db.transaction((tx) => {
    const before = tx.select({ score: surveyAnswers.score }).from(surveyAnswers)
      .where(and(eq(surveyAnswers.surveyId, survey.id), eq(surveyAnswers.memberId, memberId))).get();
    tx.insert(surveyAnswers).values({ surveyId: survey.id, memberId, answer: String(score), score, at: now })
      .onConflictDoUpdate({ target: [surveyAnswers.surveyId, surveyAnswers.memberId], set: { answer: String(score), score, at: now } }).run();
    const credited = creditOnce(store, survey, memberId, now);
    return { points: credited ? survey.points : 0, changed: before !== undefined };
  });
}
