// The accounts table: what identifies an exchange account and how to reach it. Never a secret: those live in the
// OS keychain under the account's id (see ./credentials).
import { VenueId } from '../../src-shared';
import type { SqliteDatabase } from '../storage';

export interface AccountRecord {
  id: string;
  venue: VenueId;
  label: string;
  sandbox: boolean;
  restBaseUrl?: string;
  wsBaseUrl?: string;
  /** Whether the keychain entry holds a passphrase. */
  hasPassword: boolean;
  createdAt: number;
}

interface AccountRow {
  id: string;
  venue: string;
  label: string;
  sandbox: number;
  rest_base_url: string | null;
  ws_base_url: string | null;
  has_password: number;
  created_at: number;
}

const COLUMNS = 'id, venue, label, sandbox, rest_base_url, ws_base_url, has_password, created_at';

export class AccountRepository {
  // Prepared once, as SettingsRepository does: the accounts list is read on every visit of the screen.
  private readonly insertRow;
  private readonly selectOne;
  private readonly selectAll;
  private readonly deleteRow;

  constructor(
    db: SqliteDatabase,
    private readonly warn: (message: string) => void = console.warn,
  ) {
    this.insertRow = db.prepare<[AccountRow]>(
      `INSERT INTO accounts (${COLUMNS}) VALUES (@id, @venue, @label, @sandbox, @rest_base_url, @ws_base_url, @has_password, @created_at)`,
    );
    this.selectOne = db.prepare<[string], AccountRow>(`SELECT ${COLUMNS} FROM accounts WHERE id = ?`);
    this.selectAll = db.prepare<[], AccountRow>(`SELECT ${COLUMNS} FROM accounts ORDER BY created_at, id`);
    this.deleteRow = db.prepare<[string]>('DELETE FROM accounts WHERE id = ?');
  }

  insert(record: AccountRecord): void {
    this.insertRow.run({
      id: record.id,
      venue: record.venue,
      label: record.label,
      sandbox: record.sandbox ? 1 : 0,
      rest_base_url: record.restBaseUrl ?? null,
      ws_base_url: record.wsBaseUrl ?? null,
      has_password: record.hasPassword ? 1 : 0,
      created_at: record.createdAt,
    });
  }

  get(id: string): AccountRecord | undefined {
    const row = this.selectOne.get(id);
    return row === undefined ? undefined : this.toRecord(row);
  }

  /** Oldest first. */
  list(): AccountRecord[] {
    return this.selectAll.all().flatMap((row) => this.toRecord(row) ?? []);
  }

  /** Whether there was a row to delete. */
  delete(id: string): boolean {
    return this.deleteRow.run(id).changes > 0;
  }

  private toRecord(row: AccountRow): AccountRecord | undefined {
    const venue = VenueId.safeParse(row.venue);
    if (!venue.success) {
      // A row written by a newer app, or edited by hand: skipped rather than failing the whole list.
      this.warn(`accounts: ignoring account ${row.id}: unknown venue '${row.venue}'`);
      return undefined;
    }
    const record: AccountRecord = {
      id: row.id,
      venue: venue.data,
      label: row.label,
      sandbox: row.sandbox === 1,
      hasPassword: row.has_password === 1,
      createdAt: row.created_at,
    };
    if (row.rest_base_url !== null) record.restBaseUrl = row.rest_base_url;
    if (row.ws_base_url !== null) record.wsBaseUrl = row.ws_base_url;
    return record;
  }
}
