// The risk limits, the kill switch's state and the risk log in SQLite (migration 8). A stored value is read back
// through its schema: a value that no longer parses reads as "not set", except the kill switch, which then reads as
// engaged — a switch that cannot be read must not silently let orders through.
import {
  DEFAULT_RISK_SETTINGS,
  RiskLogEntry,
  RiskLogKind,
  RiskSettings,
  VenueCancelReport,
  VenueId,
  type RiskLogEntry as RiskLogEntryType,
  type VenueId as VenueIdType,
} from '../../src-shared';
import type { SqliteDatabase } from '../storage';
import { z } from 'zod';

/** What survives a restart of the kill switch, with the last sweep's per-venue report. */
export const StoredKillSwitch = z.object({
  engaged: z.boolean(),
  reason: z.string().optional(),
  engagedAt: z.number().int().nonnegative().optional(),
  venues: z.array(VenueCancelReport).optional(),
});
export type StoredKillSwitch = z.infer<typeof StoredKillSwitch>;

const SETTINGS_KEY = 'limits';
const KILL_SWITCH_KEY = 'kill-switch';

export interface NewLogEntry {
  kind: RiskLogKind;
  message: string;
  venue?: VenueIdType | undefined;
  symbol?: string | undefined;
}

interface LogRow {
  id: number;
  at: number;
  kind: string;
  venue: string | null;
  symbol: string | null;
  message: string;
}

export class RiskRepository {
  private readonly selectValue;
  private readonly upsert;
  private readonly insertLog;
  private readonly selectLog;

  constructor(
    db: SqliteDatabase,
    private readonly now: () => number = Date.now,
    private readonly warn: (message: string) => void = console.warn,
  ) {
    this.selectValue = db.prepare<[string], { value: string }>('SELECT value FROM risk_state WHERE key = ?');
    this.upsert = db.prepare<[string, string, number]>(
      `INSERT INTO risk_state (key, value, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    );
    this.insertLog = db.prepare<[number, string, string | null, string | null, string]>(
      'INSERT INTO risk_log (at, kind, venue, symbol, message) VALUES (?, ?, ?, ?, ?)',
    );
    this.selectLog = db.prepare<[number], LogRow>('SELECT id, at, kind, venue, symbol, message FROM risk_log ORDER BY id DESC LIMIT ?');
  }

  settings(): RiskSettings {
    return this.read(SETTINGS_KEY, RiskSettings) ?? DEFAULT_RISK_SETTINGS;
  }

  saveSettings(settings: RiskSettings): void {
    this.upsert.run(SETTINGS_KEY, JSON.stringify(settings), this.now());
  }

  killSwitch(): StoredKillSwitch {
    const row = this.selectValue.get(KILL_SWITCH_KEY);
    if (row === undefined) return { engaged: false };
    const stored = this.read(KILL_SWITCH_KEY, StoredKillSwitch);
    return stored ?? { engaged: true, reason: 'the saved kill-switch state could not be read; release it to trade again' };
  }

  saveKillSwitch(state: StoredKillSwitch): void {
    this.upsert.run(KILL_SWITCH_KEY, JSON.stringify(state), this.now());
  }

  log(entry: NewLogEntry): void {
    this.insertLog.run(this.now(), entry.kind, entry.venue ?? null, entry.symbol ?? null, entry.message);
  }

  /** Newest first. Rows written by a newer app with a kind this one does not know are left out. */
  entries(limit: number): RiskLogEntryType[] {
    const entries: RiskLogEntryType[] = [];
    for (const row of this.selectLog.all(limit)) {
      const venue = VenueId.safeParse(row.venue);
      const parsed = RiskLogEntry.safeParse({
        id: row.id,
        at: row.at,
        kind: row.kind,
        message: row.message,
        ...(venue.success ? { venue: venue.data } : {}),
        ...(row.symbol === null ? {} : { symbol: row.symbol }),
      });
      if (parsed.success) entries.push(parsed.data);
    }
    return entries;
  }

  private read<S extends z.ZodType>(key: string, schema: S): z.output<S> | undefined {
    const row = this.selectValue.get(key);
    if (row === undefined) return undefined;
    try {
      const parsed = schema.safeParse(JSON.parse(row.value));
      if (parsed.success) return parsed.data;
    } catch {
      // not JSON: reported below like a wrong shape
    }
    this.warn(`risk: the stored '${key}' could not be read; using the safe default until it is saved again`);
    return undefined;
  }
}
