// Moves committed outbox rows to the Redis stream, oldest first. A row is marked published only after Redis took
// it; when Redis is away the rows wait in SQLite and go out when it is back, so nothing is lost. A crash between
// XADD and the mark sends the row twice: consumers drop the second copy by event id.
import type { Outbox } from './outbox';
import type { RedisClient, RedisLink } from './redis-link';
import { envelopeFields } from './envelope';

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
  now?: () => number;
}

export class StreamRelay {
  private running: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
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

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private async drain(): Promise<void> {
    const { client, outbox, streamKey, origin } = this.options;
    const batch = this.options.batch ?? 1_000;
    for (;;) {
      if (this.stopped) return;
      const rows = outbox.pending(batch);
      if (rows.length === 0) return;
      try {
        const multi = client.multi();
        for (const row of rows) {
          const fields = envelopeFields({ id: row.id, origin, topic: row.topic, payload: row.payload, at: row.createdAt });
          multi.addCommand(['XADD', streamKey, 'MAXLEN', '~', this.maxLen, '*', ...fields]);
        }
        // MULTI/EXEC: the batch is in the stream whole or not at all.
        await multi.exec();
      } catch {
        this.options.link.markUnreachable();
        this.retryLater();
        return;
      }
      this.options.link.markReachable();
      outbox.markPublished(rows.map((r) => r.seq), this.now());
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
