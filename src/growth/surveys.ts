// Surveys (问卷): a leader asks, residents answer once each and earn the survey's points.
import { and, desc, eq, gt } from 'drizzle-orm';
import type { Store } from '../store/db.js';
import { pointsLedger, surveyAnswers, surveys, type Survey } from '../store/schema.js';

export function openSurvey(store: Store, input: { communityId: number; question: string; points: number; createdBy: string; days: number }, now: number): Survey {
  return store.db.insert(surveys).values({
    communityId: input.communityId, question: input.question, points: input.points, createdBy: input.createdBy,
    createdAt: now, closesAt: now + input.days * 86_400_000,
  }).returning().get();
}

/** The newest survey of the community still open for answers. */
export function currentSurvey(store: Store, communityId: number, now: number): Survey | undefined {
  return store.db.select().from(surveys).where(and(eq(surveys.communityId, communityId), gt(surveys.closesAt, now)))
    .orderBy(desc(surveys.id)).limit(1).get();
}

export type AnswerResult = { ok: true; points: number } | { ok: false; reason: 'already_answered' };

/** Records an answer and credits the points in one transaction; a second answer earns nothing. */
export function answerSurvey(store: Store, survey: Survey, memberId: number, answer: string, now: number): AnswerResult {
  return store.db.transaction((tx) => {
    const added = tx.insert(surveyAnswers).values({ surveyId: survey.id, memberId, answer: answer.slice(0, 500), at: now })
      .onConflictDoNothing().run();
    if (added.changes === 0) return { ok: false as const, reason: 'already_answered' as const };
    tx.insert(pointsLedger).values({
      communityId: survey.communityId, memberId, delta: survey.points, reason: 'survey', ref: `survey:${survey.id}:${memberId}`, at: now,
    }).run();
    return { ok: true as const, points: survey.points };
  });
}
