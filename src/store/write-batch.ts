// Group commit: the writes of messages handled within a few milliseconds share one transaction.
//
// A commit is the dominant cost of handling an order (every index page the order touched is appended
// to the WAL). Under load, messages arriving together commit together; each handler still runs in its
// own savepoint, so a failing handler rolls back alone. Replies queued in a batch are invisible to the
// outbox sender until the batch commits (the sender flushes before it claims), so no confirmation is
// ever sent for an order that a crash could still take back.
import type Database from 'better-sqlite3';

export class WriteBatch {
  private timer: NodeJS.Timeout | null = null;
  private ops = 0;
  private committed: (() => void)[] = [];
  private readonly savepoint: (fn: () => unknown) => unknown;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly maxDelayMs = 2,
    private readonly maxOps = 256,
  ) {
    this.savepoint = sqlite.transaction((fn: () => unknown) => fn());
  }

  /** Runs a synchronous unit of work inside the open batch (opening one if needed), as a savepoint. */
  run<T>(fn: () => T): T {
    if (!this.sqlite.inTransaction) {
      this.sqlite.exec('BEGIN IMMEDIATE');
      this.ops = 0;
      this.timer = setTimeout(() => this.flush(), this.maxDelayMs);
    }
    try {
      return this.savepoint(fn) as T;
    } finally {
      if (++this.ops >= this.maxOps) this.flush();
    }
  }

  /** Commits the open batch, if any. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.sqlite.inTransaction) this.sqlite.exec('COMMIT');
    const done = this.committed;
    this.committed = [];
    for (const cb of done) cb();
  }

  /** Calls `cb` once what has been written so far is committed (at once when nothing is pending). */
  afterCommit(cb: () => void): void {
    if (this.sqlite.inTransaction) this.committed.push(cb);
    else cb();
  }
}
