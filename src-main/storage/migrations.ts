// Versioned schema changes. Each migration runs once, in order, inside its own transaction, and is recorded in
// `schema_migrations`; a database written by a newer app (a higher version than any known here) is refused rather
// than opened, because this build would misread tables it does not know and could lose the newer app's data.
import { AppError } from '../../src-shared/errors';
import type { SqliteDatabase } from './database';

export interface Migration {
  /** 1, 2, 3…: strictly increasing. Never renumber or edit a released migration; add a new one. */
  readonly version: number;
  readonly name: string;
  /** SQL run with `exec` inside a transaction, so no `PRAGMA foreign_keys` or `VACUUM` here. */
  readonly up: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'create settings',
    up: `
      CREATE TABLE settings (
        key TEXT PRIMARY KEY NOT NULL,
        -- JSON text. The repository also validates it on every read: the file can be edited by other tools.
        value TEXT NOT NULL CHECK (json_valid(value)),
        -- milliseconds since the Unix epoch
        updated_at INTEGER NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 2,
    name: 'create accounts',
    // No secret columns, on purpose: API keys, secrets and passphrases live only in the OS keychain.
    up: `
      CREATE TABLE accounts (
        id TEXT PRIMARY KEY NOT NULL,
        venue TEXT NOT NULL,
        label TEXT NOT NULL,
        sandbox INTEGER NOT NULL CHECK (sandbox IN (0, 1)),
        rest_base_url TEXT,
        ws_base_url TEXT,
        -- whether the keychain entry holds a passphrase: lets the accounts list say "set" without reading the keychain
        has_password INTEGER NOT NULL CHECK (has_password IN (0, 1)),
        -- milliseconds since the Unix epoch
        created_at INTEGER NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 3,
    name: 'create candles',
    // Candles from every market-data source (src-main/market-data/candle-store.ts). WITHOUT ROWID clusters rows on
    // the key, so reading a series' range walks one stretch of the b-tree.
    up: `
      CREATE TABLE candles (
        source TEXT NOT NULL,
        symbol TEXT NOT NULL,
        timeframe TEXT NOT NULL,
        -- open time, milliseconds since the Unix epoch
        time INTEGER NOT NULL,
        open REAL NOT NULL,
        high REAL NOT NULL,
        low REAL NOT NULL,
        close REAL NOT NULL,
        volume REAL NOT NULL,
        PRIMARY KEY (source, symbol, timeframe, time)
      ) STRICT, WITHOUT ROWID;
    `,
  },
];

export interface AppliedMigration {
  version: number;
  name: string;
  appliedAt: number;
}

const CREATE_LEDGER = `
  CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  ) STRICT;
`;

function assertOrdered(migrations: readonly Migration[]): void {
  let previous = 0;
  for (const { version, name } of migrations) {
    if (!Number.isInteger(version) || version <= previous) {
      const message = `migration '${name}' has version ${version}; versions must be integers increasing from 1`;
      throw new AppError('INTERNAL', message);
    }
    previous = version;
  }
}

/** The highest version recorded, 0 for a database never migrated (its empty ledger is created then). */
export function schemaVersion(db: SqliteDatabase): number {
  db.exec(CREATE_LEDGER);
  const row = db.prepare<[], { version: number | null }>('SELECT MAX(version) AS version FROM schema_migrations').get();
  return row?.version ?? 0;
}

export function appliedMigrations(db: SqliteDatabase): AppliedMigration[] {
  db.exec(CREATE_LEDGER);
  return db
    .prepare<[], AppliedMigration>(
      'SELECT version, name, applied_at AS appliedAt FROM schema_migrations ORDER BY version',
    )
    .all();
}

/** Brings the schema up to date; returns the migrations applied now (none when it already was). */
export function migrate(
  db: SqliteDatabase,
  migrations: readonly Migration[] = MIGRATIONS,
  now: () => number = Date.now,
): Migration[] {
  assertOrdered(migrations);
  const current = schemaVersion(db);
  const latestKnown = migrations.at(-1)?.version ?? 0;
  if (current > latestKnown) {
    throw new AppError(
      'INTERNAL',
      `${db.name} has schema version ${current} but this version of the app knows only up to ${latestKnown}: ` +
        'it was written by a newer Trade Bot Scratch. Update the app, or choose another data folder.',
    );
  }

  const isApplied = db.prepare<[number], { version: number }>(
    'SELECT version FROM schema_migrations WHERE version = ?',
  );
  const record = db.prepare<[number, string, number]>(
    'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
  );
  const applied: Migration[] = [];
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    // IMMEDIATE takes the write lock before the check: a second process opening the same file at the same moment
    // waits (busy_timeout), then sees the migration recorded and skips it instead of running it twice.
    const step = db.transaction(() => {
      if (isApplied.get(migration.version)) return false;
      db.exec(migration.up);
      record.run(migration.version, migration.name, now());
      return true;
    });
    try {
      if (step.immediate()) applied.push(migration);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      const failure = new AppError(
        'INTERNAL',
        `${db.name}: migration ${migration.version} (${migration.name}) failed and was rolled back: ${detail}`,
      );
      failure.cause = error;
      throw failure;
    }
  }
  return applied;
}
