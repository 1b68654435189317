// Opens the app's SQLite database: one file in the data folder, written by the main process only.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../src-shared/errors';
import { DATA_FOLDER_MODE } from './data-folder';
import { consoleLogger, type StorageLogger } from './logger';
import { MIGRATIONS, migrate, type Migration } from './migrations';
import type { SqliteDatabase } from './sqlite-database';

export type { SqliteDatabase } from './sqlite-database';

export type Synchronous = 'OFF' | 'NORMAL' | 'FULL' | 'EXTRA';

export interface OpenDatabaseOptions {
  /** How long a statement waits for another connection's lock before SQLITE_BUSY. */
  busyTimeoutMs?: number;
  /**
   * NORMAL by default: in WAL mode it never corrupts the file, and a power cut can lose only the last transactions.
   * The order journal, which must survive a crash between intent and send, can ask for FULL.
   */
  synchronous?: Synchronous;
  /** The app's migrations by default; tests pass their own. */
  migrations?: readonly Migration[];
  logger?: StorageLogger;
}

export const DEFAULT_BUSY_TIMEOUT_MS = 5_000;
const IN_MEMORY = ':memory:';

/**
 * Opens (creating it and its folder when missing) and migrates the database at `file`, or a private in-memory one
 * for `':memory:'`. Any failure is an AppError naming the file; the file itself is never rewritten on failure.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): SqliteDatabase {
  const inMemory = file === IN_MEMORY;
  const path = inMemory ? IN_MEMORY : resolve(file);
  if (!inMemory) createFolder(dirname(path));
  let db: SqliteDatabase | undefined;
  try {
    db = new Database(path, { timeout: options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS });
    configure(db, inMemory, options);
    migrate(db, options.migrations ?? MIGRATIONS);
    return db;
  } catch (error) {
    db?.close();
    throw openFailure(path, error);
  }
}

function configure(db: SqliteDatabase, inMemory: boolean, options: OpenDatabaseOptions): void {
  // The first statement to read the file: a file that is not a database fails here, before anything is written.
  if (!inMemory) {
    // WAL lets the UI's reads go on while an order is being journaled, and survives a crash mid-write.
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') {
      const logger = options.logger ?? consoleLogger;
      logger.warn(`${db.name}: SQLite kept journal_mode=${String(mode)} (no WAL on this file system)`);
    }
  }
  db.pragma('foreign_keys = ON');
  db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
}

function createFolder(folder: string): void {
  try {
    // Owner only, like the data folder itself (./data-folder.ts): the database holds orders and accounts.
    mkdirSync(folder, { recursive: true, mode: DATA_FOLDER_MODE });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw withCause(new AppError('INTERNAL', `cannot create the data folder ${folder}: ${detail}`), error);
  }
}

function openFailure(path: string, error: unknown): AppError {
  if (error instanceof AppError) return error; // migrate's errors already name the file
  const detail = error instanceof Error ? error.message : String(error);
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  let message: string;
  if (code === 'SQLITE_NOTADB') {
    message =
      `${path} is not a SQLite database (${detail}). ` +
      'It was left as it is: move it aside, or choose another data folder.';
  } else if (code.startsWith('SQLITE_CORRUPT')) {
    message = `${path} is a damaged database (${detail}). Restore a backup, or move it aside to start afresh.`;
  } else if (code.startsWith('SQLITE_BUSY')) {
    message = `${path} is locked by another process (${detail}): is the app already running on this data folder?`;
  } else {
    message = `cannot open the database ${path}: ${detail}`;
  }
  return withCause(new AppError('INTERNAL', message), error);
}

/** Keeps the SQLite error for the log, while the code and message carry what the user needs. */
function withCause(appError: AppError, cause: unknown): AppError {
  appError.cause = cause;
  return appError;
}
