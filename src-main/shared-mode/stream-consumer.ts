// One member of a Redis consumer group. It reads new entries (XREADGROUP), hands each to its handler and
// acknowledges (XACK) only after the handler finished, i.e. after the handler's own SQLite commit. Entries another
// member read but never acknowledged (it crashed) are claimed after `claimIdleMs` (XAUTOCLAIM) and handled here.
import { envelopeOf, type Envelope } from './envelope';
import type { RedisClient, RedisLink, Reply } from './redis-link';

export interface StreamConsumerOptions {
  link: RedisLink;
  /** A connection of its own: the blocking read holds it. */
  client: RedisClient;
  streamKey: string;
  group: string;
  consumer: string;
  /** Where a new group starts: '0' (the whole stream) or '$' (only what comes next). */
  startAt?: '0' | '$';
  /** May throw (or reject): the entry is then left pending and tried again later, here or by another member. */
  handle: (envelope: Envelope) => unknown;
  /**
   * Instead of `handle` one entry at a time: a whole read at once (synchronously, e.g. in one SQLite transaction, so
   * one commit for the batch). Throws to leave the whole batch pending.
   */
  handleBatch?: (envelopes: Envelope[]) => void;
  claimIdleMs?: number;
  blockMs?: number;
  count?: number;
  onError?: (error: unknown) => void;
}

type StreamEntry = [id: string, fields: string[]];

export class StreamConsumer {
  private stopped = false;
  private loop: Promise<void> | undefined;
  private lastClaim = 0;

  constructor(private readonly options: StreamConsumerOptions) {}

  start(): void {
    this.loop ??= this.run();
  }

  /** Stops after the current read; entries read but not handled stay pending for another member. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
  }

  private async run(): Promise<void> {
    const claimIdleMs = this.options.claimIdleMs ?? 10_000;
    let groupReady = false;
    while (!this.stopped) {
      try {
        if (!groupReady) groupReady = await this.createGroup();
        if (Date.now() - this.lastClaim >= Math.min(claimIdleMs, 1_000)) {
          this.lastClaim = Date.now();
          await this.claimStale(claimIdleMs);
        }
        const entries = await this.readNew();
        this.options.link.markReachable();
        await this.processAll(entries);
      } catch (error) {
        if (this.stopped) return;
        this.options.onError?.(error);
        // A Redis restart without its data drops the group: create it again.
        groupReady = false;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  }

  private async createGroup(): Promise<boolean> {
    const { client, streamKey, group } = this.options;
    try {
      await client.sendCommand(['XGROUP', 'CREATE', streamKey, group, this.options.startAt ?? '0', 'MKSTREAM']);
    } catch (error) {
      if (!String(error).includes('BUSYGROUP')) throw error;
    }
    return true;
  }

  private async readNew(): Promise<StreamEntry[]> {
    const { client, streamKey, group, consumer } = this.options;
    const reply = await client.sendCommand([
      'XREADGROUP', 'GROUP', group, consumer, 'COUNT', String(this.options.count ?? 1_000),
      'BLOCK', String(this.options.blockMs ?? 500), 'STREAMS', streamKey, '>',
    ]);
    return entriesOfRead(reply);
  }

  /** Takes over entries idle for longer than `idleMs` in any member (a crashed one) and handles them here. */
  private async claimStale(idleMs: number): Promise<void> {
    const { client, streamKey, group, consumer } = this.options;
    let cursor = '0-0';
    do {
      const reply = (await client.sendCommand(['XAUTOCLAIM', streamKey, group, consumer, String(idleMs), cursor, 'COUNT', '100'])) as Reply[];
      cursor = String(reply[0]);
      await this.processAll(entriesOf(reply[1]));
    } while (cursor !== '0-0' && !this.stopped);
  }

  /** Handles the entries, then acknowledges the handled ones in one XACK. */
  private async processAll(entries: StreamEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const handled: string[] = [];
    const { handleBatch } = this.options;
    if (handleBatch) {
      const envelopes = entries.map(([, fields]) => envelopeOf(fields)).filter((e): e is Envelope => e !== undefined);
      try {
        handleBatch(envelopes);
        handled.push(...entries.map(([id]) => id));
      } catch (error) {
        this.options.onError?.(error);
      }
    } else {
      for (const [streamId, fields] of entries) {
        const envelope = envelopeOf(fields);
        try {
          // An entry this build cannot read is acknowledged unhandled: retrying would never succeed.
          if (envelope) await this.options.handle(envelope);
          handled.push(streamId);
        } catch (error) {
          this.options.onError?.(error); // not acknowledged: it stays pending and is claimed again later
        }
      }
    }
    if (handled.length > 0) await this.options.client.sendCommand(['XACK', this.options.streamKey, this.options.group, ...handled]);
  }
}

function entriesOfRead(reply: Reply): StreamEntry[] {
  if (!Array.isArray(reply)) return []; // null: nothing new within the block time
  const out: StreamEntry[] = [];
  for (const stream of reply as Reply[]) {
    // RESP2: [name, entries]; RESP3 maps come back as objects keyed by stream name.
    if (Array.isArray(stream)) out.push(...entriesOf(stream[1]));
  }
  return out;
}

function entriesOf(list: Reply): StreamEntry[] {
  if (!Array.isArray(list)) return [];
  const out: StreamEntry[] = [];
  // XAUTOCLAIM lists a deleted entry as [id, null]: nothing to handle, skip it.
  for (const item of list as Reply[]) {
    if (Array.isArray(item) && Array.isArray(item[1])) out.push([String(item[0]), (item[1] as Reply[]).map(String)]);
  }
  return out;
}
