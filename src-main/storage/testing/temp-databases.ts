// Real database files for tests: a fresh folder per test, every handle closed and every folder removed afterwards,
// even when the test fails half-way.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { openDatabase, type OpenDatabaseOptions, type SqliteDatabase } from '../database';
import type { StorageLogger } from '../logger';

export interface TempDatabases {
  /** A new empty folder. */
  folder(): string;
  /** openDatabase, remembering the handle so that it is closed after the test. */
  open(file: string, options?: OpenDatabaseOptions): SqliteDatabase;
}

export function useTempDatabases(): TempDatabases {
  const folders: string[] = [];
  const handles: SqliteDatabase[] = [];
  afterEach(() => {
    for (const db of handles.splice(0)) if (db.open) db.close();
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });
  return {
    folder() {
      const folder = mkdtempSync(join(tmpdir(), 'tbs-storage-'));
      folders.push(folder);
      return folder;
    },
    open(file, options) {
      const db = openDatabase(file, options);
      handles.push(db);
      return db;
    },
  };
}

/** A logger that keeps what it was told. */
export function recordingLogger(): StorageLogger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, warn: (message) => warnings.push(message) };
}
