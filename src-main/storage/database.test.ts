// openDatabase on real SQLite files in a temp folder: the pragmas that make the file safe, and clear errors for
// files that cannot be opened.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared/errors';
import { DEFAULT_BUSY_TIMEOUT_MS, openDatabase } from './database';
import type { Migration } from './migrations';
import { useTempDatabases } from './testing/temp-databases';

const temp = useTempDatabases();

function openError(file: string): AppError {
  try {
    openDatabase(file).close();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error(`openDatabase(${file}) did not fail`);
}

describe('openDatabase', () => {
  it('creates the folder, and runs a file database in WAL with foreign keys, NORMAL sync and a busy timeout', () => {
    const file = join(temp.folder(), 'not', 'yet', 'there', 'app.sqlite');
    const db = temp.open(file);

    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    expect(db.pragma('busy_timeout', { simple: true })).toBe(DEFAULT_BUSY_TIMEOUT_MS);
    db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('k', '1', 0)").run();
    expect(existsSync(`${file}-wal`)).toBe(true); // the write went to the write-ahead log
  });

  it('takes the busy timeout and synchronous level from its options', () => {
    const db = temp.open(join(temp.folder(), 'app.sqlite'), { busyTimeoutMs: 1234, synchronous: 'FULL' });
    expect(db.pragma('busy_timeout', { simple: true })).toBe(1234);
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
  });

  it('opens a migrated in-memory database for ":memory:"', () => {
    const db = temp.open(':memory:');
    expect(db.pragma('journal_mode', { simple: true })).toBe('memory');
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'settings'").get()).toBeDefined();
  });

  it('enforces foreign keys, not just reports them on', () => {
    const migrations: Migration[] = [
      {
        version: 1,
        name: 'parent and child',
        up: 'CREATE TABLE parent (id INTEGER PRIMARY KEY); CREATE TABLE child (parent_id INTEGER REFERENCES parent (id));',
      },
    ];
    const db = temp.open(':memory:', { migrations });
    expect(() => db.prepare('INSERT INTO child (parent_id) VALUES (42)').run()).toThrow(/FOREIGN KEY/);
  });

  it('refuses a file that is not a database with a typed error naming it, and leaves the file alone', () => {
    const file = join(temp.folder(), 'notes.sqlite');
    const text = 'my trading notes, not a database\n'.repeat(100);
    writeFileSync(file, text);

    const error = openError(file);
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toContain(file);
    expect(error.message).toContain('is not a SQLite database');
    expect(readFileSync(file, 'utf8')).toBe(text);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('refuses a path that is a folder with a typed error naming it', () => {
    const file = join(temp.folder(), 'a-folder');
    mkdirSync(file);
    const error = openError(file);
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toContain(`cannot open the database ${file}`);
  });

  it('says which data folder it could not create', () => {
    const blocker = join(temp.folder(), 'blocker');
    writeFileSync(blocker, 'a file where a folder should be');
    const error = openError(join(blocker, 'app.sqlite'));
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toContain(`cannot create the data folder ${blocker}`);
  });
});
