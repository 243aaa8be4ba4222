// The customer-service clock: overdue SLA steps of complaint tickets escalate (leaders privately, then
// the admins), and crises get their notice and reminders. Pure over (app, now): bot/service-ticker.ts
// calls it on an interval, tests call it with any `now`. Each message is recorded under a UNIQUE
// (ticket, step, level) or (crisis, step) row in the same savepoint as its outbox rows, whose dedup
// keys derive from it: a restart, or two checks racing, never sends one twice.
import type { App } from '../core/types.js';
import type { Crisis, Ticket } from '../store/schema-service.js';
import { crisisReminders, ticketEscalations } from '../store/schema-service.js';
import { enqueue } from '../messaging/outbox.js';
import { notifyLeaders } from '../messaging/notify.js';
import { communityById } from '../community/communities.js';
import { SLA, SLA_STEPS, durationText, openTickets, stepDone, ticketResident, type SlaStep } from './tickets.js';
import { CRISIS_STEPS, crisisProductName, crisisSubject, openCrises, type CrisisStep } from './crises.js';

export interface DeadlineResult { escalations: number; reminders: number }

/** Private messages to every configured admin; the dedup key is per admin. */
function notifyAdmins(app: App, text: string, dedupKey: string, now: number): number {
  let n = 0;
  for (const id of app.config.adminContactIds) {
    if (enqueue(app.store, { conversationId: id, conversationKind: 'contact', body: text, dedupKey: `${dedupKey}>${id}` }, now)) n++;
  }
  return n;
}

function leaderEscalation(t: Ticket, step: SlaStep, who: string): string {
  const head = `⏰ 工单#${t.id}（${t.type}，${who}：${t.text.slice(0, 60)}）开单已超过${durationText(SLA[step].dueMs)}，还没有${SLA[step].name}`;
  if (step === 'response') return `${head}\n请尽快回复居民：/回复 ${t.id} 内容`;
  if (step === 'evidence') return `${head}\n请联系居民发照片或视频验货`;
  return `${head}\n请尽快给出补偿方案：/补偿 ${t.id} 退款|补发|券 金额`;
}

function adminEscalation(t: Ticket, step: SlaStep, who: string, community: string, overdueMs: number): string {
  return `⚠️【${community}】工单#${t.id}（${t.type}，${who}）「${SLA[step].name}」已超时 ${durationText(overdueMs)}，团长仍未处理，请督促。`;
}

/** Sends whatever escalations of one ticket are due at `now` and not yet sent. */
function escalateTicket(app: App, t: Ticket, now: number): number {
  let sent = 0;
  for (const step of SLA_STEPS) {
    if (stepDone(t, step)) continue;
    const dueAt = t.openedAt + SLA[step].dueMs;
    for (const level of ['leader', 'admin'] as const) {
      // Leaders at the deadline; admins when the step is still undone at twice the deadline.
      const at = level === 'leader' ? dueAt : t.openedAt + 2 * SLA[step].dueMs;
      if (now < at) continue;
      app.store.batch.run(() => {
        const row = app.store.db.insert(ticketEscalations).values({ ticketId: t.id, step, level, at: now }).onConflictDoNothing().run();
        if (row.changes === 0) return;
        const who = ticketResident(app.store, t.memberId).name;
        const key = `sla:${t.id}:${step}:${level}`;
        if (level === 'leader') notifyLeaders(app.store, t.communityId, leaderEscalation(t, step, who), key, now);
        else {
          const community = communityById(app.store, t.communityId)?.name ?? '';
          if (notifyAdmins(app, adminEscalation(t, step, who, community, now - dueAt), key, now) === 0) {
            app.log.warn({ ticketId: t.id, step }, 'SLA escalation for admins, but ADMIN_CONTACT_IDS is empty');
          }
        }
        sent++;
      });
    }
  }
  return sent;
}

function crisisText(app: App, c: Crisis, step: CrisisStep): string {
  const product = crisisProductName(app.store, c);
  const subject = crisisSubject(c, product);
  const stop = `确认后发送 /危机 确认 ${c.id}${product ? '' : ' 商品名'}，${product ? `「${product}」` : '该商品'}立即停售`;
  if (step === 'notice') {
    const community = communityById(app.store, c.communityId)?.name ?? '';
    const what = c.key.startsWith('type:食品安全') ? `收到${product ? `「${product}」的` : ''}食品安全投诉` : `${subject}在 ${app.config.crisisWindowMinutes} 分钟内已达 ${c.complaints} 起`;
    return `🚨【危机#${c.id}·内部通报】${community}：${what}（工单#${c.triggerTicketId}）。\n请立即核查；${stop}。\n4小时内发布对外声明，24小时内给出解决方案；处理完毕发送 /危机 结束 ${c.id}`;
  }
  if (step === 'statement') return `📢 危机#${c.id}（${subject}）已过4小时：请向居民发布对外声明，说明情况和处理措施。${c.confirmedAt ? '' : `\n尚未确认停售：${stop}。`}`;
  return `📋 危机#${c.id}（${subject}）已过24小时：请给出解决方案（退款、补发或整改）并告知居民；处理完毕发送 /危机 结束 ${c.id}`;
}

/** Sends a crisis's notice and reminders that are due at `now` and not yet sent (to leaders and admins). */
export function remindCrisis(app: App, c: Crisis, now: number): number {
  let sent = 0;
  for (const { step, afterMs } of CRISIS_STEPS) {
    if (now < c.startedAt + afterMs || c.closedAt !== null) continue;
    app.store.batch.run(() => {
      const row = app.store.db.insert(crisisReminders).values({ crisisId: c.id, step, at: now }).onConflictDoNothing().run();
      if (row.changes === 0) return;
      const text = crisisText(app, c, step);
      const key = `crisis:${c.id}:${step}`;
      notifyLeaders(app.store, c.communityId, text, key, now);
      notifyAdmins(app, text, key, now);
      sent++;
    });
  }
  return sent;
}

/**
 * The first moment after `after` when checkDeadlines may have something to send (an SLA step's leader or admin
 * deadline, a crisis reminder); null when nothing open has a deadline ahead. For the simulated clock.
 */
export function nextDeadline(app: App, after: number): number | null {
  let next = Infinity;
  const consider = (at: number) => { if (at > after && at < next) next = at; };
  for (const t of openTickets(app.store)) {
    for (const step of SLA_STEPS) {
      if (stepDone(t, step)) continue;
      consider(t.openedAt + SLA[step].dueMs);
      consider(t.openedAt + 2 * SLA[step].dueMs);
    }
  }
  for (const c of openCrises(app.store)) for (const { afterMs } of CRISIS_STEPS) consider(c.startedAt + afterMs);
  return Number.isFinite(next) ? next : null;
}

export function checkDeadlines(app: App, now = app.now()): DeadlineResult {
  let escalations = 0;
  let reminders = 0;
  for (const t of openTickets(app.store)) escalations += escalateTicket(app, t, now);
  for (const c of openCrises(app.store)) reminders += remindCrisis(app, c, now);
  if (escalations + reminders > 0) app.notifyOutbox();
  return { escalations, reminders };
}
