// The one loop that sends outbox rows: global gap + jitter, per-group and daily limits, retries.
import type { Store } from '../src/store/db.js';
import type { OutboxLimits } from '../src/config.js';
import type { Logger } from '../src/log.js';
import type { OutboxRow } from '../src/store/schema.js';
import { claimNext, dueCount, markFailed, markSent, pruneSent, recoverInterrupted } from '../src/messaging/outbox.js';
import { FAILURE_REPORT_KEY, reportFailures, settleFailedReport } from '../src/messaging/outbox-failures.js';

/** Sent rows older than this are removed at start-up (the daily cap and per-group limits look back one day at most). */
const SENT_KEPT_MS = 30 * 86_400_000;

export type Deliver = (row: OutboxRow) => Promise<void>;

export class OutboxSender {
  private running = false;
  private wake: (() => void) | null = null;
  /** False while waiting out the daily cap: a new row cannot change that, so kicks are ignored. */
  private kickable = true;
  private loopDone: Promise<void> = Promise.resolve();
  private lastSendAt = 0;
  private idleWaiters: (() => void)[] = [];
  /** When given-up rows are next told to the leaders; null while none wait. Rows failing before then share one message. */
  private reportAt: number | null = null;
  /** Rows delivered by this process. */
  delivered = 0;

  constructor(
    private readonly store: Store,
    private readonly limits: OutboxLimits,
    private readonly deliver: Deliver,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  start(): void {
    if (this.running) return;
    const interrupted = recoverInterrupted(this.store);
    if (interrupted > 0) this.log.warn({ interrupted }, 'outbox rows interrupted mid-send were not resent');
    // Interrupted rows, and any failure a crash kept from being reported, are told at once.
    this.reportAt = this.now();
    const pruned = pruneSent(this.store, SENT_KEPT_MS, this.now());
    if (pruned > 0) this.log.info({ pruned }, 'old sent outbox rows removed');
    this.running = true;
    this.loopDone = this.loop();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.kickable = true;
    this.kick();
    await this.loopDone;
  }

  /** Something was queued: stop waiting. */
  kick(): void {
    if (!this.kickable) return;
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  /** Resolves once nothing is due now or in flight (rows scheduled for later do not count), and no failure report is waiting. */
  whenEmpty(): Promise<void> {
    if (dueCount(this.store, this.now()) === 0 && this.reportAt === null) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => { this.wake = null; resolve(); }, Math.max(0, ms));
      this.wake = () => { clearTimeout(timer); resolve(); };
    });
  }

  private async loop(): Promise<void> {
    while (this.running) {
      const gap = this.limits.minIntervalMs + Math.random() * this.limits.jitterMs;
      const wait = this.lastSendAt + gap - this.now();
      if (wait > 0) {
        await new Promise((r) => setTimeout(r, wait));
        continue;
      }
      let next;
      try {
        this.store.batch.flush(); // only committed replies may go out
        if (this.reportAt !== null && this.reportAt <= this.now()) {
          this.reportAt = null;
          const reports = reportFailures(this.store, this.now());
          if (reports > 0) this.log.warn({ reports }, 'leaders told about failed outbox rows');
        }
        next = claimNext(this.store, this.limits, this.now());
      } catch (err) {
        this.log.error({ err }, 'outbox claim failed');
        await this.sleep(1000);
        continue;
      }
      if (!next.row) {
        const idle = next.reason === 'empty' || (next.reason === 'not_before' && dueCount(this.store, this.now()) === 0);
        if (idle && this.reportAt === null) this.flushIdle();
        else this.log.debug({ reason: next.reason }, 'outbox waiting');
        this.kickable = next.reason !== 'daily_cap';
        let ms = next.wakeAt === null ? 60_000 : next.wakeAt - this.now();
        if (this.reportAt !== null) ms = Math.min(ms, this.reportAt - this.now());
        await this.sleep(ms);
        this.kickable = true;
        continue;
      }
      const row = next.row;
      this.lastSendAt = this.now();
      try {
        await this.deliver(row);
        this.store.batch.flush();
        markSent(this.store, row.id, this.now());
        this.delivered++;
      } catch (err) {
        this.log.warn({ err, outboxId: row.id, attempt: row.attempts }, 'send failed');
        this.store.batch.flush();
        const gaveUp = markFailed(this.store, row, err instanceof Error ? err.message : String(err), this.limits, this.now());
        if (gaveUp && row.dedupKey?.startsWith(FAILURE_REPORT_KEY)) {
          settleFailedReport(this.store, row.id, this.now());
          this.log.error({ outboxId: row.id, to: row.conversationId }, 'a failure report to a leader could not be sent either');
        } else if (gaveUp) this.reportAt ??= this.now() + this.limits.failureReportDelayMs;
      }
    }
  }

  private flushIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }
}
