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

export class Outbox {
  private readonly insert;
  private readonly unpublished;
  private readonly markOne;
  private readonly countUnpublished;

  constructor(private readonly db: SqliteDatabase) {
    this.insert = db.prepare<[string, string, string, number]>(
      'INSERT INTO shared_outbox (id, topic, payload, created_at) VALUES (?, ?, ?, ?)',
    );
    this.unpublished = db.prepare<[number], { seq: number; id: string; topic: DurableTopic; payload: string; created_at: number }>(
      'SELECT seq, id, topic, payload, created_at FROM shared_outbox WHERE published_at IS NULL ORDER BY seq LIMIT ?',
    );
    this.markOne = db.prepare<[number, number]>('UPDATE shared_outbox SET published_at = ? WHERE seq = ?');
    this.countUnpublished = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM shared_outbox WHERE published_at IS NULL');
  }

  append(envelope: Pick<Envelope, 'id' | 'topic' | 'payload' | 'at'>): void {
    this.insert.run(envelope.id, envelope.topic, envelope.payload, envelope.at);
  }

  /** The oldest events not yet in Redis, in the order they were committed. */
  pending(limit: number): OutboxRow[] {
    return this.unpublished.all(limit).map((r) => ({ seq: r.seq, id: r.id, topic: r.topic, payload: r.payload, createdAt: r.created_at }));
  }

  markPublished(seqs: readonly number[], at: number): void {
    this.db.transaction(() => {
      for (const seq of seqs) this.markOne.run(at, seq);
    })();
  }

  backlog(): number {
    return this.countUnpublished.get()?.n ?? 0;
  }

  /** Published rows older than `before` are no longer needed here: Redis holds them (and its own trimming rules). */
  prune(before: number): number {
    return this.db.prepare('DELETE FROM shared_outbox WHERE published_at IS NOT NULL AND published_at < ?').run(before).changes;
  }
}

export class Inbox {
  private readonly insert;

  constructor(private readonly db: SqliteDatabase) {
    this.insert = db.prepare<[string, string, number]>(
      'INSERT OR IGNORE INTO shared_inbox (consumer_group, event_id, handled_at) VALUES (?, ?, ?)',
    );
  }

  /**
   * Runs `effect` inside one SQLite transaction with the record that `group` handled `eventId`, unless it already
   * had: returns whether it ran. The effect's own writes to this database commit or roll back with the record.
   */
  once(group: string, eventId: string, at: number, effect: () => void): boolean {
    return this.db.transaction(() => {
      if (this.insert.run(group, eventId, at).changes === 0) return false;
      effect();
      return true;
    })();
  }
}
