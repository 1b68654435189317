// The delivery log: one row per notification per channel with its outcome (storage migration "create notification
// deliveries"). Rows are written after the channel's answer, so a failure is explained in words the trader can act
// on; the service redacts secrets from `detail` before it gets here.
import type { DeliveryLogEntry } from '../../src-shared';
import type { SqliteDatabase } from '../storage';

export type NewDeliveryLogEntry = Omit<DeliveryLogEntry, 'id'>;

/** Rows beyond this are pruned, oldest first: the log explains recent deliveries, it is not an archive. */
export const MAX_LOG_ROWS = 5_000;

export class DeliveryLog {
  private readonly insert;
  private readonly selectNewest;
  private readonly prune;

  constructor(db: SqliteDatabase) {
    this.insert = db.prepare<[number, string, string, string, string, string, number]>(
      `INSERT INTO notification_deliveries (at, type, channel, outcome, subject, detail, attempts) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.selectNewest = db.prepare<[number], DeliveryLogEntry>(
      `SELECT id, at, type, channel, outcome, subject, detail, attempts FROM notification_deliveries
       ORDER BY at DESC, id DESC LIMIT ?`,
    );
    this.prune = db.prepare<[number]>(
      `DELETE FROM notification_deliveries WHERE id <= (SELECT MAX(id) FROM notification_deliveries) - ?`,
    );
  }

  append(entry: NewDeliveryLogEntry): DeliveryLogEntry {
    const { lastInsertRowid } = this.insert.run(entry.at, entry.type, entry.channel, entry.outcome, entry.subject, entry.detail, entry.attempts);
    const id = Number(lastInsertRowid);
    if (id % 100 === 0) this.prune.run(MAX_LOG_ROWS);
    return { id, ...entry };
  }

  newest(limit: number): DeliveryLogEntry[] {
    return this.selectNewest.all(limit);
  }
}
