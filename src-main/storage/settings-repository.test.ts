// SettingsRepository on a real database: JSON round trips, bad stored values read as "not set" (and are reported
// by key), and values survive closing and reopening the file.
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { AppError } from '../../src-shared/errors';
import type { SqliteDatabase } from './database';
import { SettingsRepository } from './settings-repository';
import { recordingLogger, useTempDatabases } from './testing/temp-databases';

const temp = useTempDatabases();

/** Writes a row as another tool might, bypassing the JSON check of the schema. */
function storeRaw(db: SqliteDatabase, key: string, value: string): void {
  db.pragma('ignore_check_constraints = ON');
  db.prepare('INSERT OR REPLACE INTO settings (key, value, updated_at) VALUES (?, ?, 0)').run(key, value);
  db.pragma('ignore_check_constraints = OFF');
}

describe('SettingsRepository', () => {
  it('round-trips strings, numbers, objects and other JSON values', () => {
    const settings = new SettingsRepository(temp.open(':memory:'));
    const Layout = z.object({ venue: z.string(), panes: z.array(z.number()), dark: z.boolean() });

    settings.set('name', 'my desk');
    settings.set('seed', 424242);
    settings.set('ratio', -0.125);
    settings.set('layout', { venue: 'demo', panes: [1, 2], dark: true });
    settings.set('nothing', null);

    expect(settings.get('name', z.string())).toBe('my desk');
    expect(settings.get('seed', z.number().int())).toBe(424242);
    expect(settings.get('ratio', z.number())).toBe(-0.125);
    expect(settings.get('layout', Layout)).toEqual({ venue: 'demo', panes: [1, 2], dark: true });
    expect(settings.get('nothing', z.null())).toBeNull();
  });

  it('reads a missing key as undefined without a warning', () => {
    const logger = recordingLogger();
    const settings = new SettingsRepository(temp.open(':memory:'), logger);
    expect(settings.get('missing', z.string())).toBeUndefined();
    expect(logger.warnings).toEqual([]);
  });

  it('replaces a value and its time on set', () => {
    const db = temp.open(':memory:');
    let now = 1_000;
    const settings = new SettingsRepository(db, recordingLogger(), () => now);
    settings.set('theme', 'dark');
    now = 2_000;
    settings.set('theme', 'light');

    expect(settings.get('theme', z.string())).toBe('light');
    expect(db.prepare('SELECT value, updated_at FROM settings').all()).toEqual([{ value: '"light"', updated_at: 2_000 }]);
  });

  it('reads stored text that is not JSON as undefined and names the key, not the value', () => {
    const db = temp.open(':memory:');
    const logger = recordingLogger();
    storeRaw(db, 'ui.preferences', '{"venue": "demo", secret-ish garbage');

    expect(new SettingsRepository(db, logger).get('ui.preferences', z.object({}))).toBeUndefined();
    expect(logger.warnings).toHaveLength(1);
    expect(logger.warnings[0]).toContain("'ui.preferences'");
    expect(logger.warnings[0]).toContain('not valid JSON');
    expect(logger.warnings[0]).not.toContain('garbage');
  });

  it('reads JSON of the wrong shape as undefined and says what did not match', () => {
    const db = temp.open(':memory:');
    const logger = recordingLogger();
    const settings = new SettingsRepository(db, logger);
    settings.set('demo.seed', 'not a number');
    settings.set('ui.preferences', { venue: 'demo' });

    expect(settings.get('demo.seed', z.number())).toBeUndefined();
    expect(settings.get('ui.preferences', z.object({ venue: z.string(), theme: z.enum(['dark', 'light']) }))).toBeUndefined();
    expect(logger.warnings).toHaveLength(2);
    expect(logger.warnings[0]).toContain("'demo.seed'");
    expect(logger.warnings[1]).toContain("'ui.preferences'");
    expect(logger.warnings[1]).toContain('theme:');
  });

  it('lets the schema itself refuse text that is not JSON', () => {
    const db = temp.open(':memory:');
    expect(() => db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('k', 'oops', 0)").run()).toThrow(
      /CHECK constraint failed/,
    );
  });

  it('refuses values that have no JSON form, and stores nothing', () => {
    const settings = new SettingsRepository(temp.open(':memory:'));
    expect(() => settings.set('a', undefined)).toThrow(AppError);
    expect(() => settings.set('b', () => 1)).toThrow(/has no JSON form/);
    expect(() => settings.set('c', 10n)).toThrow(/cannot be stored as JSON/);
    expect(settings.all()).toEqual([]);
  });

  it('deletes keys and lists the ones that are set, sorted', () => {
    const settings = new SettingsRepository(temp.open(':memory:'));
    settings.set('zeta', 1);
    settings.set('alpha', 2);
    settings.set('mid', 3);

    expect(settings.all()).toEqual(['alpha', 'mid', 'zeta']);
    expect(settings.delete('mid')).toBe(true);
    expect(settings.delete('mid')).toBe(false);
    expect(settings.get('mid', z.number())).toBeUndefined();
    expect(settings.all()).toEqual(['alpha', 'zeta']);
  });

  it('keeps values across closing and reopening the database file', () => {
    const file = join(temp.folder(), 'app.sqlite');
    const first = temp.open(file);
    new SettingsRepository(first).set('ui.preferences', { venue: 'demo', symbol: 'BTC/USDT' });
    first.close();

    const settings = new SettingsRepository(temp.open(file));
    expect(settings.get('ui.preferences', z.object({ venue: z.string(), symbol: z.string() }))).toEqual({
      venue: 'demo',
      symbol: 'BTC/USDT',
    });
  });

  it('prepares its statements once, in the constructor', () => {
    const db = temp.open(':memory:');
    const settings = new SettingsRepository(db);
    const prepare = vi.spyOn(db, 'prepare');
    for (let i = 0; i < 5; i++) {
      settings.set(`k${i}`, i);
      settings.get(`k${i}`, z.number());
      settings.all();
      settings.delete(`k${i}`);
    }
    expect(prepare).not.toHaveBeenCalled();
  });
});
