// Small app settings (preferences, the demo venue's seed…) as JSON under a key. A stored value is trusted no more
// than a request: every read parses it with the caller's schema, and a bad value reads as "not set" so that the
// app falls back to its default instead of failing to start.
import type { z } from 'zod';
import { AppError } from '../../src-shared/errors';
import { describeZodIssues } from '../../src-shared/zod-issues';
import type { SqliteDatabase } from './database';
import { consoleLogger, type StorageLogger } from './logger';

export class SettingsRepository {
  // Prepared once: settings are read on every `settings:get`, and preparing compiles the SQL each time.
  private readonly selectValue;
  private readonly upsert;
  private readonly remove;
  private readonly selectKeys;

  constructor(
    db: SqliteDatabase,
    private readonly logger: StorageLogger = consoleLogger,
    private readonly now: () => number = Date.now,
  ) {
    this.selectValue = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
    this.upsert = db.prepare<[string, string, number]>(
      `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    );
    this.remove = db.prepare<[string]>('DELETE FROM settings WHERE key = ?');
    this.selectKeys = db.prepare<[], { key: string }>('SELECT key FROM settings ORDER BY key');
  }

  /** The value under `key` if it is set and matches `schema`; otherwise undefined (and a warning naming the key). */
  get<S extends z.ZodType>(key: string, schema: S): z.output<S> | undefined {
    const row = this.selectValue.get(key);
    if (row === undefined) return undefined;
    let stored: unknown;
    try {
      stored = JSON.parse(row.value);
    } catch {
      this.ignore(key, 'it is not valid JSON');
      return undefined;
    }
    const parsed = schema.safeParse(stored);
    if (!parsed.success) {
      // Paths and messages only: the stored value itself stays out of the log.
      this.ignore(key, `it does not have the expected shape (${describeZodIssues(parsed.error, '(value)')})`);
      return undefined;
    }
    return parsed.data;
  }

  /** Stores `value` as JSON, replacing what was there. */
  set(key: string, value: unknown): void {
    this.upsert.run(key, toJson(key, value), this.now());
  }

  /** Whether there was a value to delete. */
  delete(key: string): boolean {
    return this.remove.run(key).changes > 0;
  }

  /** Every key that has a value, sorted. */
  all(): string[] {
    return this.selectKeys.all().map((row) => row.key);
  }

  private ignore(key: string, why: string): void {
    this.logger.warn(
      `settings: ignoring the stored value of '${key}' because ${why}; the default applies until it is set again`,
    );
  }
}

function toJson(key: string, value: unknown): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (error) {
    // A BigInt or a cycle: a bug in the caller, not something to store half of.
    const detail = error instanceof Error ? error.message : String(error);
    throw new AppError('INTERNAL', `settings: the value for '${key}' cannot be stored as JSON: ${detail}`);
  }
  if (json === undefined) {
    const message = `settings: the value for '${key}' (${typeof value}) has no JSON form; use delete() to unset a key`;
    throw new AppError('INTERNAL', message);
  }
  return json;
}
