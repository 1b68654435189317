// Migrations on real database files: applied once and recorded, only pending ones run, failures roll back, and a
// database from a newer app is refused.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared/errors';
import { openDatabase } from './database';
import { MIGRATIONS, appliedMigrations, migrate, schemaVersion, type Migration } from './migrations';
import { useTempDatabases } from './testing/temp-databases';

const temp = useTempDatabases();

// Not idempotent on purpose: running `first` twice would fail on CREATE TABLE and double the row in `runs`.
const first: Migration = {
  version: 1,
  name: 'first',
  up: "CREATE TABLE runs (migration TEXT NOT NULL); INSERT INTO runs VALUES ('first');",
};
const second: Migration = { version: 2, name: 'second', up: "INSERT INTO runs VALUES ('second');" };

function runs(file: string, migrations: readonly Migration[]): string[] {
  const db = temp.open(file, { migrations });
  const rows = db.prepare<[], { migration: string }>('SELECT migration FROM runs').all();
  db.close();
  return rows.map((row) => row.migration);
}

describe('migrate', () => {
  it("applies the app's migrations to a new database and records version, name and time", () => {
    const before = Date.now();
    const db = temp.open(join(temp.folder(), 'app.sqlite'));
    const ledger = appliedMigrations(db);

    expect(ledger.map(({ version, name }) => ({ version, name }))).toEqual(
      MIGRATIONS.map(({ version, name }) => ({ version, name })),
    );
    for (const { appliedAt } of ledger) expect(appliedAt).toBeGreaterThanOrEqual(before);
    const columns = db.prepare<[], { name: string; type: string; pk: number }>("SELECT name, type, pk FROM pragma_table_info('settings')").all();
    expect(columns).toEqual([
      { name: 'key', type: 'TEXT', pk: 1 },
      { name: 'value', type: 'TEXT', pk: 0 },
      { name: 'updated_at', type: 'INTEGER', pk: 0 },
    ]);
  });

  it('keeps released migrations numbered 1, 2, 3… with names', () => {
    MIGRATIONS.forEach((migration, index) => {
      expect(migration.version).toBe(index + 1);
      expect(migration.name).not.toBe('');
    });
  });

  it('keeps the delivery log through the copy that lets it say "delivered by another process" (12)', () => {
    const file = join(temp.folder(), 'app.sqlite');
    const before = MIGRATIONS.filter((m) => m.version < 12);
    const old = temp.open(file, { migrations: before });
    old.prepare("INSERT INTO notification_deliveries (at, type, channel, outcome, subject, detail, attempts) VALUES (5, 'price-alert', 'email', 'sent', 'Price alert', '250 OK', 1)").run();
    expect(() => old.prepare("INSERT INTO notification_deliveries (at, type, channel, outcome, subject, detail, attempts) VALUES (6, 'price-alert', 'email', 'other-process', 's', 'd', 0)").run()).toThrow(/CHECK/);
    old.close();
    const db = temp.open(file);
    db.prepare("INSERT INTO notification_deliveries (at, type, channel, outcome, subject, detail, attempts) VALUES (6, 'price-alert', 'email', 'other-process', 's', 'sent by vps: 250 OK', 0)").run();
    const rows = db.prepare<[], { id: number; outcome: string; detail: string }>('SELECT id, outcome, detail FROM notification_deliveries ORDER BY id').all();
    expect(rows).toEqual([
      { id: 1, outcome: 'sent', detail: '250 OK' },
      { id: 2, outcome: 'other-process', detail: 'sent by vps: 250 OK' },
    ]);
    expect(() => db.prepare("INSERT INTO notification_deliveries (at, type, channel, outcome, subject, detail, attempts) VALUES (7, 'x', 'email', 'lost', 's', 'd', 0)").run()).toThrow(/CHECK/);
  });

  it('does not run migrations again when the database is reopened', () => {
    const file = join(temp.folder(), 'app.sqlite');
    expect(runs(file, [first])).toEqual(['first']);
    const ledger = appliedMigrations(temp.open(file, { migrations: [first] }));
    expect(runs(file, [first])).toEqual(['first']);
    expect(runs(file, [first])).toEqual(['first']);
    expect(appliedMigrations(temp.open(file, { migrations: [first] }))).toEqual(ledger);
  });

  it('applies only the pending migrations, and nothing on an up-to-date database', () => {
    const file = join(temp.folder(), 'app.sqlite');
    runs(file, [first]);
    const db = temp.open(file, { migrations: [first] });
    expect(migrate(db, [first, second]).map((m) => m.name)).toEqual(['second']);
    expect(migrate(db, [first, second])).toEqual([]);
    expect(schemaVersion(db)).toBe(2);
    db.close();
    expect(runs(file, [first, second])).toEqual(['first', 'second']);
  });

  it('rolls a failing migration back entirely, names it, and applies it once it is fixed', () => {
    const file = join(temp.folder(), 'app.sqlite');
    runs(file, [first]);
    const broken: Migration = {
      version: 2,
      name: 'half broken',
      up: "INSERT INTO runs VALUES ('second'); INSERT INTO no_such_table VALUES (1);",
    };

    let failure: unknown;
    try {
      openDatabase(file, { migrations: [first, broken] });
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).message).toMatch(/migration 2 \(half broken\) failed and was rolled back: no such table/);
    expect((failure as AppError).message).toContain(file);
    // The statement before the failing one was undone with it, and the version did not move.
    expect(runs(file, [first])).toEqual(['first']);
    expect(runs(file, [first, second])).toEqual(['first', 'second']);
  });

  it('refuses a database written by a newer app, and leaves it unchanged', () => {
    const file = join(temp.folder(), 'app.sqlite');
    const newer = temp.open(file);
    newer.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'from the future', 0)").run();
    newer.close();

    expect(() => openDatabase(file)).toThrow(AppError);
    expect(() => openDatabase(file)).toThrow(
      `${file} has schema version 99 but this version of the app knows only up to ${MIGRATIONS.length}`,
    );
    const db = temp.open(file, { migrations: [...MIGRATIONS, { version: 99, name: 'from the future', up: '' }] });
    expect(schemaVersion(db)).toBe(99);
  });

  it('rejects a list of migrations that is out of order or repeats a version', () => {
    const db = temp.open(':memory:');
    expect(() => migrate(db, [second, first])).toThrow(/versions must be integers increasing from 1/);
    expect(() => migrate(db, [first, { ...second, version: 1 }])).toThrow(AppError);
    expect(() => migrate(db, [{ ...first, version: 0.5 }])).toThrow(AppError);
  });
});
