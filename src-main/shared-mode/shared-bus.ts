// The shared mode's event bus: an adapter around the in-process bus, not a replacement. Local subscribers keep
// getting every local event at once, as without Redis. Durable topics are also committed to the SQLite outbox and
// relayed to one Redis stream; lossy, high-rate ones (ticks) go over Pub/Sub. Other processes' events reach
// `subscribeShared` (every process sees each one: per-process consumer group) and `subscribeOnce` (one process of
// all handles each one: a consumer group shared by all, e.g. sending the e-mail of an alert).
import { InProcessEventBus, type BusTopics, type EventBus, type Subscriber, type Topic } from '../events';
import type { SqliteDatabase } from '../storage';
import { DURABLE_TOPICS, isDurableTopic, LOSSY_TOPICS, newEventId, type DurableTopic, type Envelope } from './envelope';
import { Inbox, Outbox, pruneDone } from './outbox';
import type { RedisClient, RedisLink } from './redis-link';
import { StreamConsumer } from './stream-consumer';
import { StreamRelay } from './stream-relay';

export interface SharedEvent<T extends DurableTopic> {
  id: string;
  origin: string;
  topic: T;
  payload: BusTopics[T];
  at: number;
}

export type SharedHandler<T extends DurableTopic> = (event: SharedEvent<T>) => unknown;

export interface SharedBusOptions {
  link: RedisLink;
  db: SqliteDatabase;
  /** Stable across restarts, so that this process's own consumer group resumes where it stopped. */
  processId: string;
  /** Key prefix of everything this app keeps in Redis (several apps may share one Redis). */
  prefix?: string;
  local?: InProcessEventBus;
  claimIdleMs?: number;
  maxLen?: number;
  /** How long a group remembers in Redis that it handled an event (so a duplicate elsewhere has no effect). */
  onceMemoryMs?: number;
  onError?: (error: unknown) => void;
}

const LOSSY = new Set<string>(LOSSY_TOPICS);
const DONE = 'done';
const DEFAULT_CLAIM_IDLE_MS = 10_000;
const PRUNE_EVERY_MS = 3_600_000;

export class SharedEventBus implements EventBus {
  readonly local: InProcessEventBus;
  readonly outbox: Outbox;
  readonly inbox: Inbox;
  readonly streamKey: string;
  private relay: StreamRelay | undefined;
  private pruneTimer: NodeJS.Timeout | undefined;
  private commands: RedisClient | undefined;
  private subscriber: RedisClient | undefined;
  private readonly consumers: StreamConsumer[] = [];
  private readonly sharedHandlers = new Map<DurableTopic, Array<SharedHandler<DurableTopic>>>();
  private readonly prefix: string;
  private readonly pending: Array<Pick<Envelope, 'id' | 'topic' | 'payload' | 'at'>> = [];
  private readonly deliverInOneCommit: (envelopes: readonly Envelope[], at: number) => void;

  constructor(private readonly options: SharedBusOptions) {
    this.local = options.local ?? new InProcessEventBus();
    this.outbox = new Outbox(options.db);
    this.inbox = new Inbox(options.db);
    this.deliverInOneCommit = options.db.transaction((envelopes: readonly Envelope[], at: number) => this.deliverAll(envelopes, at));
    this.prefix = options.prefix ?? 'tbs';
    this.streamKey = `${this.prefix}:events`;
  }

  /** This process's database (the outbox's and the inbox's, and the one view handlers commit to). */
  get db(): SqliteDatabase {
    return this.options.db;
  }

  get processId(): string {
    return this.options.processId;
  }

  async start(): Promise<void> {
    const { link } = this.options;
    this.commands = await link.connect();
    this.relay = new StreamRelay({ link, client: this.commands, outbox: this.outbox, streamKey: this.streamKey, origin: this.processId, maxLen: this.options.maxLen });
    // Rows committed while the process was down (or Redis was) go out first.
    this.relay.wake();
    // What is done and old leaves both tables: at start, then every hour.
    const prune = () => {
      try {
        pruneDone(this.outbox, this.inbox, Date.now());
      } catch (error) {
        this.options.onError?.(error);
      }
    };
    prune();
    this.pruneTimer = setInterval(prune, PRUNE_EVERY_MS);
    this.pruneTimer.unref();
    // Every process sees every event once, from a group of its own; its position survives restarts.
    await this.addConsumer(`view:${this.processId}`, '$', (envelope) => this.deliverShared([envelope]), (envelopes) => this.deliverShared(envelopes));
    this.subscriber = await link.connect();
    for (const topic of LOSSY_TOPICS) {
      await this.subscriber.subscribe(this.channel(topic), (message) => this.deliverLossy(topic, message)).catch(() => undefined);
    }
  }

  async stop(): Promise<void> {
    if (this.pruneTimer) clearInterval(this.pruneTimer);
    this.flushPending();
    this.relay?.stop();
    await Promise.all(this.consumers.splice(0).map((c) => c.stop()));
  }

  /** The outbox is empty and no relay pass runs (tests, shutdown). */
  async flushed(): Promise<void> {
    await this.relay?.idle();
  }

  publish<T extends Topic>(topic: T, payload: BusTopics[T]): void {
    if (isDurableTopic(topic)) this.commit({ id: newEventId(), topic, payload: JSON.stringify(payload), at: Date.now() }); else if (LOSSY.has(topic) && this.commands?.isReady) {
      this.commands.publish(this.channel(topic), JSON.stringify({ origin: this.processId, payload })).catch(() => undefined);
    }
    this.local.publish(topic, payload);
  }

  subscribe<T extends Topic>(topic: T, subscriber: Subscriber<T>): () => void {
    return this.local.subscribe(topic, subscriber);
  }

  /**
   * Into the outbox. Inside a transaction of the caller's (the state change that made the event), the row commits
   * with it: both or neither. Otherwise rows published in the same turn of the event loop are committed together
   * before the next one (group commit: one fsync for a burst instead of one per event); until then they are only
   * in memory, which flushPending() and stop() close.
   */
  private commit(envelope: Pick<Envelope, 'id' | 'topic' | 'payload' | 'at'>): void {
    if (this.options.db.inTransaction) {
      this.outbox.append(envelope);
      this.scheduleWake();
      return;
    }
    this.pending.push(envelope);
    if (this.pending.length === 1) setImmediate(() => this.flushPending());
  }

  /** Commits the rows published this turn, in one transaction, and wakes the relay. */
  flushPending(): void {
    if (this.pending.length === 0) return;
    this.outbox.appendAll(this.pending.splice(0));
    this.relay?.wake();
  }

  private scheduleWake(): void {
    setImmediate(() => this.relay?.wake());
  }

  /** Every process's events of `topic` (this one's included), each once per process, after it is durable. */
  subscribeShared<T extends DurableTopic>(topic: T, handler: SharedHandler<T>): () => void {
    const list = this.sharedHandlers.get(topic) ?? [];
    const entry = handler as unknown as SharedHandler<DurableTopic>;
    this.sharedHandlers.set(topic, [...list, entry]);
    return () => this.sharedHandlers.set(topic, (this.sharedHandlers.get(topic) ?? []).filter((h) => h !== entry));
  }

  /**
   * Work done by one process of all: the members of `group` (one per process) share the stream, each event goes to
   * one of them, a crashed member's events are claimed by another, and a duplicate (the same event id twice) has
   * one effect. Acknowledged after `handler` settles; a handler that throws is tried again.
   */
  async subscribeOnce<T extends DurableTopic>(group: string, topics: readonly T[], handler: SharedHandler<T>): Promise<void> {
    const wanted = new Set<string>(topics);
    const memoryMs = this.options.onceMemoryMs ?? 7 * 24 * 3_600_000;
    const leaseMs = this.options.claimIdleMs ?? DEFAULT_CLAIM_IDLE_MS;
    await this.addConsumer(`once:${group}`, '$', async (envelope) => {
      if (!wanted.has(envelope.topic)) return;
      const key = `${this.prefix}:done:${group}:${envelope.id}`;
      const commands = this.commands!;
      // A lease first (no two members run one event at once), 'done' after the effect (a duplicate is dropped). A
      // lease outlives a crashed member by no more than the claim delay, so the member that claims it can take over.
      const leased = await commands.set(key, `lease:${this.processId}`, { condition: 'NX', expiration: { type: 'PX', value: leaseMs } });
      if (leased === null) {
        if ((await commands.get(key)) === DONE) return;
        throw new Error(`event ${envelope.id} is being handled by another process`);
      }
      try {
        await handler(sharedEvent(envelope) as SharedEvent<T>);
      } catch (error) {
        await commands.del(key).catch(() => undefined);
        throw error;
      }
      await commands.set(key, DONE, { expiration: { type: 'PX', value: memoryMs } });
    });
  }

  private async addConsumer(group: string, startAt: '0' | '$', handle: (envelope: Envelope) => unknown, handleBatch?: (envelopes: Envelope[]) => void): Promise<void> {
    const client = await this.options.link.connect();
    const consumer = new StreamConsumer({
      link: this.options.link, client, streamKey: this.streamKey, group, consumer: this.processId, startAt, handle,
      claimIdleMs: this.options.claimIdleMs ?? DEFAULT_CLAIM_IDLE_MS, onError: this.options.onError,
      ...(handleBatch ? { handleBatch } : {}),
    });
    consumer.start();
    this.consumers.push(consumer);
  }

  /**
   * One read's events, in one SQLite transaction: one commit for the batch, each event's record with its effects (a
   * redelivery finds the record and does nothing). A handler that throws rolls the whole batch back, records
   * included, and it stays pending in Redis to be tried again.
   */
  private deliverShared(envelopes: Envelope[]): void {
    this.deliverInOneCommit(envelopes, Date.now());
  }

  private deliverAll(envelopes: readonly Envelope[], at: number): void {
    for (const envelope of envelopes) {
      const handlers = this.sharedHandlers.get(envelope.topic);
      if (!handlers || handlers.length === 0) continue;
      if (!this.inbox.record('view', envelope.id, at)) continue;
      const event = sharedEvent(envelope);
      for (const handler of handlers) handler(event);
    }
  }

  private deliverLossy(topic: (typeof LOSSY_TOPICS)[number], message: string): void {
    try {
      const { origin, payload } = JSON.parse(message) as { origin: string; payload: BusTopics[typeof topic] };
      if (origin !== this.processId) this.local.publish(topic, payload);
    } catch (error) {
      this.options.onError?.(error);
    }
  }

  private channel(topic: string): string {
    return `${this.prefix}:live:${topic}`;
  }
}

function sharedEvent(envelope: Envelope): SharedEvent<DurableTopic> {
  return { id: envelope.id, origin: envelope.origin, topic: envelope.topic, payload: JSON.parse(envelope.payload) as BusTopics[DurableTopic], at: envelope.at };
}

export { DURABLE_TOPICS };
