// The account server's SQLite store: which Stripe customer belongs to which Auth0 subject, the subscriptions as last
// read from Stripe, and the webhook events received (each id once; processed in the background, see webhook-queue).
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { SubscriptionStatus } from '../src-shared/billing';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS customers (
  subject     TEXT PRIMARY KEY,
  customer_id TEXT NOT NULL UNIQUE,
  created_at  INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS subscriptions (
  subscription_id      TEXT PRIMARY KEY,
  customer_id          TEXT NOT NULL,
  status               TEXT NOT NULL,
  price_id             TEXT,
  period_end           INTEGER,
  cancel_at_period_end INTEGER NOT NULL,
  read_at              INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS subscriptions_by_customer ON subscriptions (customer_id);
CREATE TABLE IF NOT EXISTS webhook_events (
  event_id        TEXT PRIMARY KEY,
  type            TEXT NOT NULL,
  object_id       TEXT,
  customer_id     TEXT,
  subscription_id TEXT,
  received_at     INTEGER NOT NULL,
  state           TEXT NOT NULL CHECK (state IN ('pending', 'done')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  processed_at    INTEGER,
  last_error      TEXT
);
CREATE INDEX IF NOT EXISTS webhook_events_pending ON webhook_events (state, next_attempt_at);
`;

export interface StoredSubscription {
  subscriptionId: string;
  customerId: string;
  status: SubscriptionStatus;
  priceId: string | null;
  /** Seconds since the epoch. */
  periodEnd: number | null;
  cancelAtPeriodEnd: boolean;
  /** When it was read from Stripe (ms). */
  readAt: number;
}

/** What a verified webhook event needs to be processed later: which subscription or customer to re-read. */
export interface ReceivedEvent {
  eventId: string;
  type: string;
  objectId: string | null;
  customerId: string | null;
  subscriptionId: string | null;
}

export interface PendingEvent extends ReceivedEvent {
  attempts: number;
}

interface SubscriptionRow {
  subscription_id: string;
  customer_id: string;
  status: SubscriptionStatus;
  price_id: string | null;
  period_end: number | null;
  cancel_at_period_end: number;
  read_at: number;
}

const toSubscription = (row: SubscriptionRow): StoredSubscription => ({
  subscriptionId: row.subscription_id,
  customerId: row.customer_id,
  status: row.status,
  priceId: row.price_id,
  periodEnd: row.period_end,
  cancelAtPeriodEnd: row.cancel_at_period_end === 1,
  readAt: row.read_at,
});

export class BillingRepository {
  private readonly db: Database.Database;

  /** `':memory:'` for a private in-memory database. */
  constructor(file: string) {
    const inMemory = file === ':memory:';
    if (!inMemory) mkdirSync(dirname(resolve(file)), { recursive: true, mode: 0o700 });
    this.db = new Database(inMemory ? file : resolve(file), { timeout: 5_000 });
    if (!inMemory) this.db.pragma('journal_mode = WAL');
    this.db.exec(SCHEMA);
  }

  close(): void {
    this.db.close();
  }

  customerOf(subject: string): string | undefined {
    const row = this.db.prepare('SELECT customer_id FROM customers WHERE subject = ?').get(subject) as { customer_id: string } | undefined;
    return row?.customer_id;
  }

  /** Links `subject` to `customerId`; a subject already linked keeps its customer, which is returned. */
  linkCustomer(subject: string, customerId: string, now: number): string {
    this.db.prepare('INSERT INTO customers (subject, customer_id, created_at) VALUES (?, ?, ?) ON CONFLICT (subject) DO NOTHING').run(subject, customerId, now);
    return this.customerOf(subject)!;
  }

  saveSubscription(subscription: StoredSubscription): void {
    this.db
      .prepare(
        `INSERT INTO subscriptions (subscription_id, customer_id, status, price_id, period_end, cancel_at_period_end, read_at)
         VALUES (@subscriptionId, @customerId, @status, @priceId, @periodEnd, @cancelAtPeriodEnd, @readAt)
         ON CONFLICT (subscription_id) DO UPDATE SET customer_id = excluded.customer_id, status = excluded.status,
           price_id = excluded.price_id, period_end = excluded.period_end,
           cancel_at_period_end = excluded.cancel_at_period_end, read_at = excluded.read_at`,
      )
      .run({ ...subscription, cancelAtPeriodEnd: subscription.cancelAtPeriodEnd ? 1 : 0 });
  }

  subscriptionsOfCustomer(customerId: string): StoredSubscription[] {
    const rows = this.db.prepare('SELECT * FROM subscriptions WHERE customer_id = ? ORDER BY subscription_id').all(customerId) as SubscriptionRow[];
    return rows.map(toSubscription);
  }

  /**
   * Records a verified event once. Returns false when its id was already received (Stripe delivers at least once,
   * and may deliver the same event several times at the same moment): the caller acknowledges it and does nothing.
   */
  recordEvent(event: ReceivedEvent, now: number): boolean {
    const result = this.db
      .prepare(
        `INSERT INTO webhook_events (event_id, type, object_id, customer_id, subscription_id, received_at, state, next_attempt_at)
         VALUES (@eventId, @type, @objectId, @customerId, @subscriptionId, @now, 'pending', @now)
         ON CONFLICT (event_id) DO NOTHING`,
      )
      .run({ ...event, now });
    return result.changes === 1;
  }

  /** The pending event due first, if one is due at `now`. */
  nextDueEvent(now: number): PendingEvent | undefined {
    const row = this.db
      .prepare(
        `SELECT event_id, type, object_id, customer_id, subscription_id, attempts FROM webhook_events
         WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, received_at LIMIT 1`,
      )
      .get(now) as
      | { event_id: string; type: string; object_id: string | null; customer_id: string | null; subscription_id: string | null; attempts: number }
      | undefined;
    if (!row) return undefined;
    return {
      eventId: row.event_id,
      type: row.type,
      objectId: row.object_id,
      customerId: row.customer_id,
      subscriptionId: row.subscription_id,
      attempts: row.attempts,
    };
  }

  /** When the earliest pending event is due (ms), if any is pending. */
  nextAttemptAt(): number | undefined {
    const row = this.db.prepare(`SELECT MIN(next_attempt_at) AS at FROM webhook_events WHERE state = 'pending'`).get() as { at: number | null };
    return row.at ?? undefined;
  }

  /** Marks an event processed, writing the subscriptions it read in the same transaction. */
  completeEvent(eventId: string, subscriptions: readonly StoredSubscription[], now: number): void {
    this.db.transaction(() => {
      for (const subscription of subscriptions) this.saveSubscription(subscription);
      this.db.prepare(`UPDATE webhook_events SET state = 'done', processed_at = ?, last_error = NULL, attempts = attempts + 1 WHERE event_id = ?`).run(now, eventId);
    })();
  }

  /** Leaves an event pending until `retryAt`, with why it failed (the reason never holds a secret). */
  postponeEvent(eventId: string, reason: string, retryAt: number): void {
    this.db
      .prepare(`UPDATE webhook_events SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE event_id = ?`)
      .run(retryAt, reason.slice(0, 500), eventId);
  }

  eventState(eventId: string): { state: 'pending' | 'done'; attempts: number } | undefined {
    return this.db.prepare('SELECT state, attempts FROM webhook_events WHERE event_id = ?').get(eventId) as
      | { state: 'pending' | 'done'; attempts: number }
      | undefined;
  }

  /** Row counts, for tests and the health check: how much the server holds. */
  counts(): { customers: number; subscriptions: number; events: number } {
    const count = (table: string) => (this.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    return { customers: count('customers'), subscriptions: count('subscriptions'), events: count('webhook_events') };
  }
}
