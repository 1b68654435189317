// The handle repositories take, on its own so that migrations.ts can name it without importing database.ts (which
// runs the migrations). Other folders name this type, never better-sqlite3's (the vendor stays here).
import type Database from 'better-sqlite3';

export type SqliteDatabase = Database.Database;
