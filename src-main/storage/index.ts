// The storage folder's public face: other folders import only this file (enforced by eslint-rules/layering.mjs).
export { DEFAULT_BUSY_TIMEOUT_MS, openDatabase } from './database';
export { DATA_FOLDER_MODE, ensureDataFolder } from './data-folder';
export type { OpenDatabaseOptions, SqliteDatabase, Synchronous } from './database';
export { MIGRATIONS, appliedMigrations, migrate, schemaVersion } from './migrations';
export type { AppliedMigration, Migration } from './migrations';
export { SettingsRepository } from './settings-repository';
export type { StorageLogger } from './logger';
