// The alert_rules and alert_firings tables. Rows are read back through the contract's schemas: a row edited by
// another tool or written by a newer app is skipped with a warning rather than failing the whole list.
import { AlertKind, Symbol, VenueId, type AlertFiring, type AlertTriggered } from '../../src-shared';
import type { SqliteDatabase } from '../storage';
import type { Arming, RuleState } from './rule-logic';

export interface AlertRuleRecord extends RuleState {
  id: string;
  venue: VenueId;
  symbol: Symbol;
  note?: string;
  createdAt: number;
  /**
   * When its current arming began (made, or its terms changed, or resumed): a bar that opened earlier, backfilled
   * after an outage, may hold a crossing from before the rule watched. In memory only: a backfill never reaches back
   * past the app's start, so after a restart `createdAt` serves.
   */
  armedAt?: number;
}

interface RuleRow {
  id: string;
  venue: string;
  symbol: string;
  kind: string;
  threshold: number;
  window_minutes: number | null;
  note: string | null;
  paused: number;
  armed_up: number | null;
  armed_down: number | null;
  created_at: number;
  last_fired_at: number | null;
}

interface FiringRow {
  id: number;
  rule_id: string;
  venue: string;
  symbol: string;
  description: string;
  price: number;
  at: number;
}

const RULE_COLUMNS = 'id, venue, symbol, kind, threshold, window_minutes, note, paused, armed_up, armed_down, created_at, last_fired_at';
const FIRING_COLUMNS = 'id, rule_id, venue, symbol, description, price, at';
/** Firings kept: the history shows the latest, and nothing needs more. */
export const KEPT_FIRINGS = 1_000;

const flag = (value: boolean): number => (value ? 1 : 0);

export class AlertRepository {
  private readonly upsertRow;
  private readonly selectAll;
  private readonly deleteRow;
  private readonly updateArming;
  private readonly insertFiring;
  private readonly trimFirings;
  private readonly selectFirings;
  private readonly selectRuleFirings;
  private readonly fired;

  constructor(
    db: SqliteDatabase,
    private readonly warn: (message: string) => void = console.warn,
  ) {
    this.upsertRow = db.prepare<[RuleRow]>(
      `INSERT OR REPLACE INTO alert_rules (${RULE_COLUMNS}) VALUES (@id, @venue, @symbol, @kind, @threshold, @window_minutes,
        @note, @paused, @armed_up, @armed_down, @created_at, @last_fired_at)`,
    );
    this.selectAll = db.prepare<[], RuleRow>(`SELECT ${RULE_COLUMNS} FROM alert_rules ORDER BY created_at, id`);
    this.deleteRow = db.prepare<[string]>('DELETE FROM alert_rules WHERE id = ?');
    this.updateArming = db.prepare<[number | null, number | null, string]>('UPDATE alert_rules SET armed_up = ?, armed_down = ? WHERE id = ?');
    this.insertFiring = db.prepare<[Omit<FiringRow, 'id'>]>(
      'INSERT INTO alert_firings (rule_id, venue, symbol, description, price, at) VALUES (@rule_id, @venue, @symbol, @description, @price, @at)',
    );
    this.trimFirings = db.prepare<[number]>('DELETE FROM alert_firings WHERE id <= (SELECT MAX(id) FROM alert_firings) - ?');
    this.selectFirings = db.prepare<[number], FiringRow>(`SELECT ${FIRING_COLUMNS} FROM alert_firings ORDER BY id DESC LIMIT ?`);
    this.selectRuleFirings = db.prepare<[string, number], FiringRow>(
      `SELECT ${FIRING_COLUMNS} FROM alert_firings WHERE rule_id = ? ORDER BY id DESC LIMIT ?`,
    );
    const setFired = db.prepare<[number, number, number, string]>(
      'UPDATE alert_rules SET last_fired_at = ?, armed_up = ?, armed_down = ? WHERE id = ?',
    );
    // The firing and the rule's new arming commit together: after a crash the rule is never armed for a crossing
    // that is already in the history, nor the other way round.
    this.fired = db.transaction((firing: AlertTriggered, arming: Arming) => {
      this.insertFiring.run({ rule_id: firing.ruleId, venue: firing.venue, symbol: firing.symbol, description: firing.description, price: firing.price, at: firing.at });
      setFired.run(firing.at, flag(arming.up), flag(arming.down), firing.ruleId);
      this.trimFirings.run(KEPT_FIRINGS);
    });
  }

  /** Inserts or replaces the whole rule. */
  save(rule: AlertRuleRecord): void {
    this.upsertRow.run({
      id: rule.id,
      venue: rule.venue,
      symbol: rule.symbol,
      kind: rule.kind,
      threshold: rule.threshold,
      window_minutes: rule.windowMinutes ?? null,
      note: rule.note ?? null,
      paused: flag(rule.paused),
      armed_up: rule.arming ? flag(rule.arming.up) : null,
      armed_down: rule.arming ? flag(rule.arming.down) : null,
      created_at: rule.createdAt,
      last_fired_at: rule.lastFiredAt ?? null,
    });
  }

  saveArming(id: string, arming: Arming | undefined): void {
    this.updateArming.run(arming ? flag(arming.up) : null, arming ? flag(arming.down) : null, id);
  }

  /** Records a firing and the rule's arming and last firing time, in one transaction. */
  recordFiring(firing: AlertTriggered, arming: Arming): void {
    this.fired(firing, arming);
  }

  /** Oldest first. */
  list(): AlertRuleRecord[] {
    return this.selectAll.all().flatMap((row) => this.toRecord(row) ?? []);
  }

  delete(id: string): boolean {
    return this.deleteRow.run(id).changes > 0;
  }

  /** Newest first. */
  firings(limit: number, ruleId?: string): AlertFiring[] {
    const rows = ruleId === undefined ? this.selectFirings.all(limit) : this.selectRuleFirings.all(ruleId, limit);
    return rows.flatMap((row) => {
      const venue = VenueId.safeParse(row.venue);
      const symbol = Symbol.safeParse(row.symbol);
      if (!venue.success || !symbol.success || !(row.price > 0)) return [];
      return [{ id: row.id, ruleId: row.rule_id, venue: venue.data, symbol: symbol.data, description: row.description, price: row.price, at: row.at }];
    });
  }

  private toRecord(row: RuleRow): AlertRuleRecord | undefined {
    const venue = VenueId.safeParse(row.venue);
    const symbol = Symbol.safeParse(row.symbol);
    const kind = AlertKind.safeParse(row.kind);
    if (!venue.success || !symbol.success || !kind.success || !(row.threshold > 0)) {
      this.warn(`alerts: ignoring rule ${row.id}: it names an unknown venue, symbol or kind`);
      return undefined;
    }
    const record: AlertRuleRecord = {
      id: row.id,
      venue: venue.data,
      symbol: symbol.data,
      kind: kind.data,
      threshold: row.threshold,
      paused: row.paused === 1,
      createdAt: row.created_at,
    };
    if (row.window_minutes !== null) record.windowMinutes = row.window_minutes;
    if (row.note !== null) record.note = row.note;
    if (row.last_fired_at !== null) record.lastFiredAt = row.last_fired_at;
    if (row.armed_up !== null && row.armed_down !== null) record.arming = { up: row.armed_up === 1, down: row.armed_down === 1 };
    return record;
  }
}
