// Versioned schema changes. Each migration runs once, in order, inside its own transaction, and is recorded in
// `schema_migrations`; a database written by a newer app (a higher version than any known here) is refused rather
// than opened, because this build would misread tables it does not know and could lose the newer app's data.
import { AppError } from '../../src-shared/errors';
import type { SqliteDatabase } from './sqlite-database';

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
  {
    version: 4,
    name: 'create order journal',
    // The order journal (src-main/trading/order-journal.ts). An order's row is written, and committed, before its
    // create is sent: after a crash every intent is here to be looked up by its client order id.
    up: `
      CREATE TABLE orders (
        client_order_id TEXT PRIMARY KEY NOT NULL,
        venue TEXT NOT NULL,
        mode TEXT NOT NULL,
        symbol TEXT NOT NULL,
        side TEXT NOT NULL,
        type TEXT NOT NULL,
        amount REAL NOT NULL,
        price REAL,
        stop_price REAL,
        exchange_order_id TEXT,
        status TEXT NOT NULL,
        filled REAL NOT NULL DEFAULT 0,
        average_price REAL,
        reason TEXT,
        -- Resolution of an order whose create answer was lost: lookups made, lookups that found nothing, and the time
        -- from which a create still on its way can no longer be accepted by the venue (see trading/order-resolver.ts).
        lookups INTEGER NOT NULL DEFAULT 0,
        not_found INTEGER NOT NULL DEFAULT 0,
        first_not_found_at INTEGER,
        settle_from INTEGER,
        -- milliseconds since the Unix epoch
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX orders_unsettled ON orders (venue, mode) WHERE status IN ('pending', 'open', 'partially-filled', 'unknown');
      CREATE INDEX orders_by_time ON orders (created_at);
      CREATE TABLE trades (
        venue TEXT NOT NULL,
        mode TEXT NOT NULL,
        trade_id TEXT NOT NULL,
        client_order_id TEXT,
        symbol TEXT NOT NULL,
        side TEXT NOT NULL,
        price REAL NOT NULL,
        amount REAL NOT NULL,
        fee REAL,
        fee_asset TEXT,
        -- milliseconds since the Unix epoch
        timestamp INTEGER NOT NULL,
        PRIMARY KEY (venue, mode, trade_id)
      ) STRICT;
      CREATE INDEX trades_by_time ON trades (timestamp);
    `,
  },
  {
    version: 5,
    name: 'create simulated accounts',
    // The demo and paper accounts of src-main/exchanges/simulated. Per (venue, mode) account: its balances and id
    // counters as JSON, and its orders and fills one row each, so that a change writes only what it touched
    // (rewriting a whole history as one document took ~100 ms per order at 5,000 orders).
    up: `
      CREATE TABLE sim_accounts (
        venue TEXT NOT NULL,
        mode TEXT NOT NULL CHECK (mode IN ('demo', 'paper')),
        state TEXT NOT NULL CHECK (json_valid(state)),
        -- milliseconds since the Unix epoch
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (venue, mode)
      ) STRICT;
      -- rowid (insertion order) is the order the engine matches and lists them in.
      CREATE TABLE sim_orders (
        venue TEXT NOT NULL,
        mode TEXT NOT NULL,
        exchange_order_id TEXT NOT NULL,
        client_order_id TEXT NOT NULL,
        booked TEXT NOT NULL CHECK (json_valid(booked)),
        UNIQUE (venue, mode, exchange_order_id),
        UNIQUE (venue, mode, client_order_id),
        FOREIGN KEY (venue, mode) REFERENCES sim_accounts (venue, mode) ON DELETE CASCADE
      ) STRICT;
      CREATE TABLE sim_trades (
        venue TEXT NOT NULL,
        mode TEXT NOT NULL,
        trade_id TEXT NOT NULL,
        trade TEXT NOT NULL CHECK (json_valid(trade)),
        UNIQUE (venue, mode, trade_id),
        FOREIGN KEY (venue, mode) REFERENCES sim_accounts (venue, mode) ON DELETE CASCADE
      ) STRICT;
    `,
  },
  {
    version: 6,
    name: 'create notification deliveries',
    // The delivery log of src-main/notifications: one row per notification per channel with its outcome. `detail` is
    // the server's answer or the failure in words, never a secret (the service redacts them before writing).
    up: `
      CREATE TABLE notification_deliveries (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        -- milliseconds since the Unix epoch
        at INTEGER NOT NULL,
        type TEXT NOT NULL,
        channel TEXT NOT NULL CHECK (channel IN ('desktop', 'email', 'sms')),
        outcome TEXT NOT NULL CHECK (outcome IN ('sent', 'failed', 'throttled', 'quiet-hours', 'skipped')),
        subject TEXT NOT NULL,
        detail TEXT NOT NULL,
        attempts INTEGER NOT NULL CHECK (attempts >= 0)
      ) STRICT;
      CREATE INDEX notification_deliveries_at ON notification_deliveries (at DESC);
    `,
  },
  {
    version: 7,
    name: 'create alert rules and firings',
    // src-main/alerts. A rule's arming (armed_up, armed_down; NULL until its first price) is stored so that a restart
    // does not fire again for a crossing it already announced. Firings keep their own copy of the rule in words, so
    // the history still reads right after the rule is edited or deleted.
    up: `
      CREATE TABLE alert_rules (
        id TEXT PRIMARY KEY NOT NULL,
        venue TEXT NOT NULL,
        symbol TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('above', 'below', 'crossing', 'change-pct')),
        -- a price, or a percentage for change-pct
        threshold REAL NOT NULL CHECK (threshold > 0),
        window_minutes INTEGER CHECK (window_minutes > 0),
        note TEXT,
        paused INTEGER NOT NULL CHECK (paused IN (0, 1)),
        armed_up INTEGER CHECK (armed_up IN (0, 1)),
        armed_down INTEGER CHECK (armed_down IN (0, 1)),
        -- milliseconds since the Unix epoch
        created_at INTEGER NOT NULL,
        last_fired_at INTEGER
      ) STRICT;
      CREATE TABLE alert_firings (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        rule_id TEXT NOT NULL,
        venue TEXT NOT NULL,
        symbol TEXT NOT NULL,
        description TEXT NOT NULL,
        price REAL NOT NULL,
        -- milliseconds since the Unix epoch
        at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX alert_firings_by_rule ON alert_firings (rule_id, id);
    `,
  },
  {
    version: 8,
    name: 'create risk state and log',
    // src-main/risk: the limits and the kill switch as JSON under a key (read back through zod), and the log of
    // every refusal, warning and engagement with its reason.
    up: `
      CREATE TABLE risk_state (
        key TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL CHECK (json_valid(value)),
        -- milliseconds since the Unix epoch
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE risk_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        -- milliseconds since the Unix epoch
        at INTEGER NOT NULL,
        kind TEXT NOT NULL,
        venue TEXT,
        symbol TEXT,
        message TEXT NOT NULL
      ) STRICT;
      CREATE INDEX risk_log_at ON risk_log (at DESC);
    `,
  },
  {
    version: 9,
    name: 'create portfolio',
    // Equity over time per view (src-main/portfolio): one row at every fill and every 5 minutes. The holdings each
    // account last reported, so that a restart values them before the venue answers again; and the deposits and
    // withdrawals seen in them, kept apart from P&L. Finished orders are listed newest first by updated_at, a page
    // at a time: the index keeps a page a short read however long the history. The simulated accounts' history is
    // indexed so that it can stay on disk (below).
    up: `
      CREATE TABLE equity_snapshots (
        view TEXT NOT NULL CHECK (view IN ('live', 'paper', 'demo', 'mt5')),
        at INTEGER NOT NULL,
        currency TEXT NOT NULL,
        equity REAL NOT NULL,
        unpriced INTEGER NOT NULL,
        reason TEXT NOT NULL CHECK (reason IN ('trade', 'interval'))
      ) STRICT;
      CREATE INDEX equity_snapshots_by_view ON equity_snapshots (view, at);
      CREATE TABLE portfolio_holdings (
        venue TEXT NOT NULL,
        mode TEXT NOT NULL,
        assets TEXT NOT NULL CHECK (json_valid(assets)),
        at INTEGER NOT NULL,
        PRIMARY KEY (venue, mode)
      ) STRICT;
      CREATE TABLE portfolio_transfers (
        venue TEXT NOT NULL,
        mode TEXT NOT NULL,
        asset TEXT NOT NULL,
        amount REAL NOT NULL,
        at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX portfolio_transfers_by_time ON portfolio_transfers (at);
      CREATE INDEX orders_by_update ON orders (updated_at);
      -- The simulated accounts' resting orders, read at start, and their fills per symbol, read on demand: the
      -- expressions are those of src-main/exchanges/simulated/sqlite-account-store.ts, word for word.
      CREATE INDEX sim_orders_resting ON sim_orders (venue, mode) WHERE json_extract(booked, '$.order.status') IN ('open', 'partially-filled');
      CREATE INDEX sim_trades_by_symbol ON sim_trades (venue, mode, json_extract(trade, '$.symbol'), json_extract(trade, '$.timestamp'));
    `,
  },
  {
    version: 10,
    name: 'portfolio fee rates',
    // A fee paid in a third asset (BNB) is valued at that asset's rate when the fill was seen: the rate is kept, so
    // that the history rebuilt after a restart (before any price has come in) values it the same.
    up: `
      CREATE TABLE portfolio_fee_rates (
        venue TEXT NOT NULL,
        mode TEXT NOT NULL,
        trade_id TEXT NOT NULL,
        -- units of the fill's quote per unit of the fee's asset
        rate REAL NOT NULL CHECK (rate > 0),
        PRIMARY KEY (venue, mode, trade_id)
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    version: 11,
    name: 'create shared-mode outbox',
    // Shared mode (src-main/shared-mode): an event is committed here first and published to Redis from here, so a
    // Redis outage delays it but loses none. `published_at` is set once Redis has it. The inbox remembers the events
    // a consumer group has already handled, by event id, in the same transaction as the handler's own writes: a
    // delivery seen twice has one effect.
    up: `
      CREATE TABLE shared_outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        topic TEXT NOT NULL,
        payload TEXT NOT NULL CHECK (json_valid(payload)),
        created_at INTEGER NOT NULL,
        published_at INTEGER
      ) STRICT;
      CREATE INDEX shared_outbox_unpublished ON shared_outbox (seq) WHERE published_at IS NULL;
      CREATE TABLE shared_inbox (
        consumer_group TEXT NOT NULL,
        event_id TEXT NOT NULL,
        handled_at INTEGER NOT NULL,
        PRIMARY KEY (consumer_group, event_id)
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    version: 12,
    name: 'delivery log: delivered by another process',
    // Shared mode: one process sends each notification, and every other process's log says so (outcome
    // 'other-process'). SQLite cannot change a CHECK constraint in place, so the table is copied.
    up: `
      CREATE TABLE notification_deliveries_next (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        -- milliseconds since the Unix epoch
        at INTEGER NOT NULL,
        type TEXT NOT NULL,
        channel TEXT NOT NULL CHECK (channel IN ('desktop', 'email', 'sms')),
        outcome TEXT NOT NULL CHECK (outcome IN ('sent', 'failed', 'throttled', 'quiet-hours', 'skipped', 'other-process')),
        subject TEXT NOT NULL,
        detail TEXT NOT NULL,
        attempts INTEGER NOT NULL CHECK (attempts >= 0)
      ) STRICT;
      INSERT INTO notification_deliveries_next (id, at, type, channel, outcome, subject, detail, attempts)
        SELECT id, at, type, channel, outcome, subject, detail, attempts FROM notification_deliveries;
      DROP TABLE notification_deliveries;
      ALTER TABLE notification_deliveries_next RENAME TO notification_deliveries;
      CREATE INDEX notification_deliveries_at ON notification_deliveries (at DESC);
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
