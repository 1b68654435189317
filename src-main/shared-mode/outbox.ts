// The SQLite side of shared mode: events are committed to the outbox before anything is sent to Redis (so an
// outage or a crash delays them but loses none), and the inbox records each event a consumer group has handled,
// in the handler's own transaction, so that a redelivered event has one effect.
import type { SqliteDatabase } from '../storage';
import type { DurableTopic, Envelope } from './envelope';

export interface OutboxRow {
  seq: number;
  id: string;
  topic: DurableTopic;
  payload: string;
  createdAt: number;
}

type OutboxEntry = Pick<Envelope, 'id' | 'topic' | 'payload' | 'at'>;

export class Outbox {
  private readonly insert;
  private readonly unsent;
  private readonly markThrough;
  private readonly countUnsent;
  private readonly appendInOneCommit;
  /**
   * Rows up to this seq are in Redis. Kept in memory and written to the rows lazily (saveMarks): a mark lost in a
   * crash only sends those rows again, and consumers drop the second copy by event id. Writing each batch's marks
   * at once would cost a durable commit per batch for nothing an event's safety depends on.
   */
  private sentThrough = 0;
  private savedThrough = 0;

  constructor(private readonly db: SqliteDatabase) {
    this.insert = db.prepare<[string, string, string, number]>(
      'INSERT INTO shared_outbox (id, topic, payload, created_at) VALUES (?, ?, ?, ?)',
    );
    this.unsent = db.prepare<[number, number], { seq: number; id: string; topic: DurableTopic; payload: string; created_at: number }>(
      'SELECT seq, id, topic, payload, created_at FROM shared_outbox WHERE published_at IS NULL AND seq > ? ORDER BY seq LIMIT ?',
    );
    this.markThrough = db.prepare<[number, number]>('UPDATE shared_outbox SET published_at = ? WHERE published_at IS NULL AND seq <= ?');
    this.countUnsent = db.prepare<[number], { n: number }>('SELECT COUNT(*) AS n FROM shared_outbox WHERE published_at IS NULL AND seq > ?');
    this.appendInOneCommit = db.transaction((entries: readonly OutboxEntry[]) => {
      for (const entry of entries) this.append(entry);
    });
  }

  /** One row, in the caller's transaction (or its own when there is none). */
  append(entry: OutboxEntry): void {
    this.insert.run(entry.id, entry.topic, entry.payload, entry.at);
  }

  /** Several rows in one transaction: one commit (one fsync) for all. */
  appendAll(entries: readonly OutboxEntry[]): void {
    this.appendInOneCommit(entries);
  }

  /** The oldest events not yet in Redis, in the order they were committed. */
  pending(limit: number): OutboxRow[] {
    return this.unsent.all(this.sentThrough, limit).map((r) => ({ seq: r.seq, id: r.id, topic: r.topic, payload: r.payload, createdAt: r.created_at }));
  }

  /** Redis has every row up to `seq` (rows go out in seq order). Only in memory until saveMarks(). */
  markSent(seq: number): void {
    if (seq > this.sentThrough) this.sentThrough = seq;
  }

  /** Whether some rows are marked sent in memory but not yet in the database. */
  get unsavedMarks(): boolean {
    return this.sentThrough > this.savedThrough;
  }

  /** Writes the marks kept in memory to the rows, in one statement. */
  saveMarks(at: number): void {
    if (!this.unsavedMarks) return;
    const through = this.sentThrough;
    this.markThrough.run(at, through);
    this.savedThrough = through;
  }

  backlog(): number {
    return this.countUnsent.get(this.sentThrough)?.n ?? 0;
  }

  /** Published rows older than `before` are no longer needed here: Redis holds them (and its own trimming rules). */
  prune(before: number): number {
    return this.db.prepare('DELETE FROM shared_outbox WHERE published_at IS NOT NULL AND published_at < ?').run(before).changes;
  }
}

/** How long the tables keep what is done: published outbox rows a day, handled-event records a week. */
export const OUTBOX_KEEP_MS = 24 * 3_600_000;
export const INBOX_KEEP_MS = 7 * 24 * 3_600_000;

/** Both tables trimmed of what is done and old, so that neither grows with the years of events a process sees. */
export function pruneDone(outbox: Outbox, inbox: Inbox, now: number): { outbox: number; inbox: number } {
  return { outbox: outbox.prune(now - OUTBOX_KEEP_MS), inbox: inbox.prune(now - INBOX_KEEP_MS) };
}

export class Inbox {
  private readonly insert;

  constructor(private readonly db: SqliteDatabase) {
    this.insert = db.prepare<[string, string, number]>(
      'INSERT OR IGNORE INTO shared_inbox (consumer_group, event_id, handled_at) VALUES (?, ?, ?)',
    );
  }

  /**
   * Records that `group` handled `eventId`, unless it already had: returns whether this is the first time. Call it
   * inside the transaction of the handler's own writes, so that the record and the effects commit or roll back
   * together.
   */
  record(group: string, eventId: string, at: number): boolean {
    return this.insert.run(group, eventId, at).changes > 0;
  }

  /**
   * Records older than `before` go: a redelivery comes within the claim delay (a crashed member's pending entry), not
   * a week later, and the "once" groups remember in Redis for as long.
   */
  prune(before: number): number {
    return this.db.prepare('DELETE FROM shared_inbox WHERE handled_at < ?').run(before).changes;
  }
}
