// An account's records and keys: the row in SQLite (no secrets) and its one keychain entry, saved and deleted
// together, and the checks a new account passes before anything is tried. Connecting is account-connections.ts.
//
// One account per venue for now: the VenueDirectory (and so every `venue` field of the contract) names a venue,
// not an account. A second account for a venue is refused with a message saying so.
import { randomUUID } from 'node:crypto';
import { AppError, NewAccount, plainTextUrlProblem, type VenueId, describeZodIssues } from '../../src-shared';
import type { ExchangeCredentials, VenueDirectory } from '../exchanges';
import type { SecretStore } from '../secrets';
import { describeError } from './account-errors';
import type { AccountRecord, AccountRepository } from './account-repository';
import { deleteCredentials, readCredentials, saveCredentials } from './credentials';

export interface AccountRecordsOptions {
  repository: AccountRepository;
  secrets: SecretStore;
  /** For the venues' display names in messages. */
  venues: VenueDirectory;
  /** Venues an account can be added for. */
  supportedVenues: readonly VenueId[];
  warn?: (message: string) => void;
  now?: () => number;
  newId?: () => string;
}

/** A new account that passed every check: its row-to-be and the keys it was entered with. */
export interface AccountDraft {
  record: AccountRecord;
  credentials: ExchangeCredentials;
}

export class AccountRecords {
  /** Venues with an add in flight: a second add for the same venue must not race the first past the check. */
  private readonly adding = new Set<VenueId>();
  private readonly warn: (message: string) => void;
  private readonly now: () => number;
  private readonly newId: () => string;

  constructor(private readonly options: AccountRecordsOptions) {
    this.warn = options.warn ?? ((message) => console.warn(message));
    this.now = options.now ?? Date.now;
    this.newId = options.newId ?? randomUUID;
  }

  get supportedVenues(): readonly VenueId[] {
    return this.options.supportedVenues;
  }

  list(): AccountRecord[] {
    return this.options.repository.list();
  }

  get(id: string): AccountRecord | undefined {
    return this.options.repository.get(id);
  }

  require(id: string): AccountRecord {
    const record = this.options.repository.get(id);
    if (!record) throw new AppError('NOT_FOUND', 'No such account: it may have been removed already');
    return record;
  }

  /**
   * Checks a new account (INVALID_REQUEST for bad input) and holds its venue until `release`, so that a second add
   * for the venue is refused while this one proves its keys. Saves nothing.
   */
  draft(input: NewAccount): AccountDraft {
    const request = this.validate(input);
    const { venue } = request;
    const credentials: ExchangeCredentials = { apiKey: request.apiKey, secret: request.secret };
    if (request.password) credentials.password = request.password;
    const record: AccountRecord = {
      id: this.newId(),
      venue,
      label: request.label || `${this.venueName(venue)}${request.sandbox ? ' testnet' : ''}`,
      sandbox: request.sandbox,
      hasPassword: credentials.password !== undefined,
      createdAt: this.now(),
    };
    if (request.restBaseUrl !== undefined) record.restBaseUrl = request.restBaseUrl;
    if (request.wsBaseUrl !== undefined) record.wsBaseUrl = request.wsBaseUrl;
    this.adding.add(venue);
    return { record, credentials };
  }

  /** The add of `venue` is over, saved or not. */
  release(venue: VenueId): void {
    this.adding.delete(venue);
  }

  /** The keys in the keychain and the row in SQLite, both or neither. */
  async save({ record, credentials }: AccountDraft): Promise<void> {
    await saveCredentials(this.options.secrets, record.id, credentials);
    try {
      this.options.repository.insert(record);
    } catch (error) {
      try {
        await deleteCredentials(this.options.secrets, record.id);
      } catch (undoError) {
        this.warn(`accounts: could not undo the keychain entry of a failed add (${describeError(undoError)})`);
      }
      throw error;
    }
  }

  /** Deletes the keys, then the row. If the keychain refuses, nothing is removed and the error says why. */
  async remove(id: string): Promise<void> {
    // Keys first: a row without keys is harmless and can be removed again; keys without a row would be orphaned.
    await deleteCredentials(this.options.secrets, id);
    this.options.repository.delete(id);
  }

  /** The account's keys, or undefined when the keychain no longer has its entry. */
  credentials(id: string): Promise<ExchangeCredentials | undefined> {
    return readCredentials(this.options.secrets, id);
  }

  venueName(venue: VenueId): string {
    return this.options.venues.summaries().find((summary) => summary.id === venue)?.name ?? venue;
  }

  private validate(input: NewAccount) {
    const parsed = NewAccount.safeParse(input);
    if (!parsed.success) {
      // Paths and messages only: zod's messages never quote the value, which may be a secret.
      throw new AppError('INVALID_REQUEST', describeZodIssues(parsed.error, 'account'));
    }
    const request = parsed.data;
    const { venue } = request;
    const plainText = [
      request.restBaseUrl === undefined ? undefined : plainTextUrlProblem(request.restBaseUrl, 'REST base URL'),
      request.wsBaseUrl === undefined ? undefined : plainTextUrlProblem(request.wsBaseUrl, 'WebSocket base URL'),
    ].filter((problem): problem is string => problem !== undefined);
    if (plainText.length > 0 && !request.allowInsecure) throw new AppError('INVALID_REQUEST', plainText.join(' '));
    if (!this.options.supportedVenues.includes(venue)) {
      const names = this.options.supportedVenues.map((id) => this.venueName(id)).join(', ') || 'none yet';
      throw new AppError('INVALID_REQUEST', `${this.venueName(venue)} does not take an account here; supported: ${names}`);
    }
    const existing = this.options.repository.list().find((record) => record.venue === venue);
    if (existing || this.adding.has(venue)) {
      const which = existing ? ` ("${existing.label}")` : '';
      throw new AppError('INVALID_REQUEST', `${this.venueName(venue)} already has an account${which}: one account per exchange for now; remove it first`);
    }
    return request;
  }
}
