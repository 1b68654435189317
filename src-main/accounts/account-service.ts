// Exchange accounts as the API sees them: added only once a private call proves the keys work, tested, removed,
// listed with their connection status. Two parts do the work: the records and keys (account-records.ts) and the
// connection lifecycle (account-connections.ts); this class orders their steps and makes the summaries.
import type { AccountSummary, NewAccount, VenueId } from '../../src-shared';
import { AccountConnections, type AccountConnectionsOptions } from './account-connections';
import { AccountRecords, type AccountRecordsOptions } from './account-records';
import type { AccountRecord } from './account-repository';

export type AccountServiceOptions = AccountRecordsOptions & Omit<AccountConnectionsOptions, 'records'>;

export class AccountService {
  private readonly records: AccountRecords;
  private readonly connections: AccountConnections;

  constructor(options: AccountServiceOptions) {
    this.records = new AccountRecords(options);
    this.connections = new AccountConnections({ ...options, records: this.records });
  }

  get supportedVenues(): readonly VenueId[] {
    return this.records.supportedVenues;
  }

  list(): AccountSummary[] {
    return this.records.list().map((record) => this.summary(record));
  }

  /**
   * Validates the input, then the keys (a private call), and only then saves them: the keys in the keychain and the
   * row in SQLite, both or neither. Throws INVALID_REQUEST for bad input, or the venue's typed error (AUTH_FAILED
   * for refused keys) with nothing saved.
   */
  async add(input: NewAccount): Promise<AccountSummary> {
    const draft = this.records.draft(input);
    try {
      await this.connections.connectNew(draft.record, draft.credentials, () => this.records.save(draft));
      return this.summary(draft.record);
    } finally {
      this.records.release(draft.record.venue);
    }
  }

  /** Checks the stored keys again with a private call. A failure is reported in the summary, not thrown. */
  async test(id: string): Promise<AccountSummary> {
    const record = this.records.require(id);
    await this.connections.reconnect(record);
    return this.summary(record);
  }

  /** Deletes the keys, then the row, then the connection. If the keychain refuses, nothing is removed. */
  async remove(id: string): Promise<{ removed: boolean }> {
    const record = this.records.require(id);
    await this.records.remove(id);
    await this.connections.forget(record);
    return { removed: true };
  }

  /** See AccountConnections.onConnected. */
  onConnected(listener: (venue: VenueId) => void): () => void {
    return this.connections.onConnected(listener);
  }

  restore(): Promise<void> {
    return this.connections.restore();
  }

  reconnectWaiting(): Promise<void> {
    return this.connections.reconnectWaiting();
  }

  close(): Promise<void> {
    return this.connections.close();
  }

  private summary(record: AccountRecord): AccountSummary {
    const state = this.connections.stateOf(record.id);
    const summary: AccountSummary = {
      id: record.id,
      venue: record.venue,
      label: record.label,
      sandbox: record.sandbox,
      createdAt: record.createdAt,
      apiKeySet: state.keysPresent,
      secretSet: state.keysPresent,
      passwordSet: state.keysPresent && record.hasPassword,
      status: state.status,
    };
    if (record.restBaseUrl !== undefined) summary.restBaseUrl = record.restBaseUrl;
    if (record.wsBaseUrl !== undefined) summary.wsBaseUrl = record.wsBaseUrl;
    if (state.problem) summary.problem = state.problem;
    if (state.status === 'offline') {
      const retryAt = this.connections.retryAt(record);
      if (retryAt !== undefined) summary.retryAt = retryAt;
    }
    return summary;
  }
}
