// Moves committed outbox rows to the Redis stream, oldest first. A row is marked published only after Redis took
// it; when Redis is away the rows wait in SQLite and go out when it is back, so nothing is lost. The marks are
// written to SQLite lazily (at most every `saveMarksMs`, and on stop), not in a durable commit per batch: a crash
// before they are saved, like one between XADD and the mark, sends those rows twice, and consumers drop the second
// copy by event id.
import type { Outbox } from './outbox';
import type { RedisClient, RedisLink } from './redis-link';
import { ENVELOPE_FIELD_COUNT, envelopeFields } from './envelope';

/**
 * The batch's XADDs in one script: one command and one reply instead of a command, a promise and a reply per event
 * (which cost more than the events themselves), and like MULTI/EXEC the batch goes into the stream at once, with
 * nothing of another client's in between. ARGV: the approximate MAXLEN, then each entry's ENVELOPE_FIELD_COUNT fields.
 */
const XADD_ALL = `
local n = 0
for i = 2, #ARGV, ${ENVELOPE_FIELD_COUNT} do
  redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', unpack(ARGV, i, i + ${ENVELOPE_FIELD_COUNT - 1}))
  n = n + 1
end
return n
`;

export interface StreamRelayOptions {
  link: RedisLink;
  client: RedisClient;
  outbox: Outbox;
  streamKey: string;
  /** This process's id, stamped on every event as its origin. */
  origin: string;
  /** Approximate MAXLEN of the stream (XADD MAXLEN ~): old entries are trimmed by Redis in whole nodes. */
  maxLen?: number;
  /** How often to try again while Redis is away. */
  retryMs?: number;
  batch?: number;
  /** How long sent rows' marks may wait in memory before they are written to SQLite together. */
  saveMarksMs?: number;
  now?: () => number;
}

export class StreamRelay {
  private running: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private saveTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly maxLen: string;
  private readonly now: () => number;

  constructor(private readonly options: StreamRelayOptions) {
    this.maxLen = String(options.maxLen ?? 100_000);
    this.now = options.now ?? Date.now;
  }

  /** New rows were committed: send them soon (calls while a send runs are folded into one more pass). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.wake();
      }
    });
  }

  /** Resolves when no pass is running (for tests and shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Stops sending; the marks of what was sent are saved now, so that a restart sends none of it again. */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    this.saveMarks();
  }

  private async drain(): Promise<void> {
    const { client, outbox, streamKey, origin } = this.options;
    const batch = this.options.batch ?? 1_000;
    for (;;) {
      if (this.stopped) return;
      const rows = outbox.pending(batch);
      if (rows.length === 0) return;
      try {
        const args = [this.maxLen];
        for (const row of rows) args.push(...envelopeFields({ id: row.id, origin, topic: row.topic, payload: row.payload, at: row.createdAt }));
        await client.eval(XADD_ALL, { keys: [streamKey], arguments: args });
      } catch {
        this.options.link.markUnreachable();
        this.retryLater();
        return;
      }
      this.options.link.markReachable();
      outbox.markSent(rows[rows.length - 1]!.seq);
      this.scheduleSaveMarks();
    }
  }

  private scheduleSaveMarks(): void {
    if (this.saveTimer || this.stopped) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      this.saveMarks();
    }, this.options.saveMarksMs ?? 200);
    // Marks left unsaved cost a resend at the next start, never an event: they do not keep the process alive.
    this.saveTimer.unref();
  }

  private saveMarks(): void {
    try {
      this.options.outbox.saveMarks(this.now());
    } catch {
      // The database is closing or busy: the marks stay in memory and are tried again with the next batch's.
    }
  }

  private retryLater(): void {
    if (this.timer || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.wake();
    }, this.options.retryMs ?? 250);
  }
}
