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

/** One try at sending: a row was tried (and delivered or not), or when to try again (null: nothing pending, wait for a kick). */
type Attempt = { tried: true; delivered: boolean } | { tried: false; retryAt: number | null; reason: 'gap' | 'error' | 'empty' | 'not_before' | 'per_group' | 'daily_cap' };

export class OutboxSender {
  private running = false;
  private paused = false;
  private wake: (() => void) | null = null;
  /** A kick that came while the loop was not asleep (between an attempt and its sleep): the next sleep is skipped. */
  private kicked = false;
  /** False while waiting out the daily cap: a new row cannot change that, so kicks are ignored. */
  private kickable = true;
  private loopDone: Promise<void> = Promise.resolve();
  /** The global gap (min interval + jitter, drawn at each send): no send before this moment. */
  private gapUntil = 0;
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
    this.paused = false;
    this.running = true;
    this.loopDone = this.loop();
  }

  async stop(): Promise<void> {
    this.paused = false;
    await this.halt();
  }

  /** Stops the real-time loop (once its current send is done) so the simulated clock can drive sendDueUntil. */
  async pause(): Promise<void> {
    if (!this.running) return;
    await this.halt();
    this.paused = true;
  }

  /** Restarts the loop after pause(). */
  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.running = true;
    this.loopDone = this.loop();
  }

  private async halt(): Promise<void> {
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
    if (w) w();
    else this.kicked = true;
  }

  /** Resolves once nothing is due now or in flight (rows scheduled for later do not count), and no failure report is waiting. */
  whenEmpty(): Promise<void> {
    if (dueCount(this.store, this.now()) === 0 && this.reportAt === null) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * The simulated clock's way of sending (the loop paused): sends, in order, every row the limits allow up to
   * `until`, holding the clock at each moment a send becomes allowed (a row's due time, the global gap, the
   * per-group minute, the daily cap, a retry's backoff), so the limits hold in simulated time and cost no real
   * time. Returns how many rows were sent.
   */
  async sendDueUntil(until: number, hold: (at: number) => void): Promise<number> {
    let sent = 0;
    for (;;) {
      const a = await this.attempt();
      if (a.tried) { if (a.delivered) sent++; continue; }
      if (a.retryAt === null) return sent;
      const at = Math.max(a.retryAt, this.now() + 1); // always forward, so a limit read at its very edge cannot stall
      if (at > until) return sent;
      hold(at);
    }
  }

  private sleep(ms: number): Promise<void> {
    // A stop may have come between the attempt and this sleep (a whenEmpty waiter runs first): no sleep then.
    if (!this.running || this.kicked) { this.kicked = false; return Promise.resolve(); }
    return new Promise((resolve) => {
      const timer = setTimeout(() => { this.wake = null; resolve(); }, Math.max(0, ms));
      this.wake = () => { clearTimeout(timer); resolve(); };
    });
  }

  private async loop(): Promise<void> {
    while (this.running) {
      const a = await this.attempt();
      if (a.tried) continue;
      if (a.reason === 'error') { await this.sleep(1000); continue; }
      if (a.reason !== 'gap') this.log.debug({ reason: a.reason }, 'outbox waiting');
      this.kickable = a.reason !== 'daily_cap';
      await this.sleep((a.retryAt ?? this.now() + 60_000) - this.now());
      this.kickable = true;
    }
  }

  /** Sends the next row the limits allow at this moment, or says when to try again. */
  private async attempt(): Promise<Attempt> {
    this.kicked = false; // this attempt sees every row queued so far
    if (this.now() < this.gapUntil) return { tried: false, retryAt: this.gapUntil, reason: 'gap' };
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
      return { tried: false, retryAt: this.now() + 1000, reason: 'error' };
    }
    if (!next.row) {
      const idle = next.reason === 'empty' || (next.reason === 'not_before' && dueCount(this.store, this.now()) === 0);
      if (idle && this.reportAt === null) this.flushIdle();
      const retryAt = next.wakeAt === null ? this.reportAt : Math.min(next.wakeAt, this.reportAt ?? Infinity);
      return { tried: false, retryAt, reason: next.reason };
    }
    const row = next.row;
    this.gapUntil = this.now() + this.limits.minIntervalMs + Math.random() * this.limits.jitterMs;
    try {
      await this.deliver(row);
      this.store.batch.flush();
      markSent(this.store, row.id, this.now());
      this.delivered++;
      return { tried: true, delivered: true };
    } catch (err) {
      this.log.warn({ err, outboxId: row.id, attempt: row.attempts }, 'send failed');
      this.store.batch.flush();
      const gaveUp = markFailed(this.store, row, err instanceof Error ? err.message : String(err), this.limits, this.now());
      if (gaveUp && row.dedupKey?.startsWith(FAILURE_REPORT_KEY)) {
        settleFailedReport(this.store, row.id, this.now());
        this.log.error({ outboxId: row.id, to: row.conversationId }, 'a failure report to a leader could not be sent either');
      } else if (gaveUp) this.reportAt ??= this.now() + this.limits.failureReportDelayMs;
      return { tried: true, delivered: false };
    }
  }

  private flushIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }
}
