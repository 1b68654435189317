// Exchange accounts: added only once a private call proves the keys work, kept as a row (no secrets) plus one
// keychain entry, and reconnected at every start. A connected account's adapter is registered in the
// VenueDirectory, which makes its venue available to charts and trading.
//
// One account per venue for now: the VenueDirectory (and so every `venue` field of the contract) names a venue,
// not an account. A second account for a venue is refused with a message saying so.
import { randomUUID } from 'node:crypto';
import {
  AppError,
  NewAccount,
  plainTextUrlProblem,
  type AccountStatus,
  type AccountSummary,
  type ApiErrorData,
  type VenueId,
} from '../../src-shared';
import type { ExchangeAdapter, ExchangeConnectionOptions, ExchangeCredentials, LiveCandleSource, VenueDirectory } from '../exchanges';
import type { VenueLink } from '../resilience';
import type { SecretStore } from '../secrets';
import type { AccountRecord, AccountRepository } from './account-repository';
import { deleteCredentials, readCredentials, redactCredentials, saveCredentials } from './credentials';

/** Builds an adapter for a venue; sends nothing (the service makes the first private call itself). */
export type ConnectExchange = (
  venue: VenueId,
  credentials: ExchangeCredentials,
  options: ExchangeConnectionOptions,
) => ExchangeAdapter | Promise<ExchangeAdapter>;

/** A venue's live market data (tickers, candles) and the function that closes its sockets. */
export interface LiveDataHandle {
  source: LiveCandleSource;
  close(): Promise<void>;
}

/** Opens a venue's public live data on the account's endpoints; sends nothing until a stream is watched. */
export type OpenLiveData = (venue: VenueId, options: ExchangeConnectionOptions) => Promise<LiveDataHandle>;

export interface AccountServiceOptions {
  repository: AccountRepository;
  secrets: SecretStore;
  connect: ConnectExchange;
  /** Without it a connected venue's charts show its history only, with a "no live updates" badge. */
  openLiveData?: OpenLiveData;
  venues: VenueDirectory;
  /** Venues an account can be added for. */
  supportedVenues: readonly VenueId[];
  /**
   * The venue's reachability link: an account whose venue cannot be reached (network error, timeout, 5xx) waits on it
   * and is connected by its probe; without it such an account needs the trader's Test.
   */
  link?: (venue: VenueId) => VenueLink;
  warn?: (message: string) => void;
  now?: () => number;
  newId?: () => string;
}

interface AccountState {
  status: AccountStatus;
  problem?: ApiErrorData;
  /** false once the keychain was found without this account's entry. */
  keysPresent: boolean;
}

export class AccountService {
  private readonly state = new Map<string, AccountState>();
  private readonly adapters = new Map<string, ExchangeAdapter>();
  private readonly liveData = new Map<string, LiveDataHandle>();
  private readonly connectedListeners = new Set<(venue: VenueId) => void>();
  /** Accounts waiting on their venue's link: the function that stops waiting. */
  private readonly waiting = new Map<string, () => void>();
  /** Venues with an add in flight: a second add for the same venue must not race the first past the check. */
  private readonly adding = new Set<VenueId>();
  private restoring: Promise<void> = Promise.resolve();
  private readonly warn: (message: string) => void;
  private readonly now: () => number;
  private readonly newId: () => string;

  constructor(private readonly options: AccountServiceOptions) {
    this.warn = options.warn ?? ((message) => console.warn(message));
    this.now = options.now ?? Date.now;
    this.newId = options.newId ?? randomUUID;
  }

  get supportedVenues(): readonly VenueId[] {
    return this.options.supportedVenues;
  }

  list(): AccountSummary[] {
    return this.options.repository.list().map((record) => this.summary(record));
  }

  /**
   * Validates the input, then the keys (a private call), and only then saves them: the keys in the keychain and the
   * row in SQLite, both or neither. Throws INVALID_REQUEST for bad input, or the venue's typed error (AUTH_FAILED
   * for refused keys) with nothing saved.
   */
  async add(input: NewAccount): Promise<AccountSummary> {
    const request = this.validate(input);
    const { venue } = request;
    this.adding.add(venue);
    try {
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

      const adapter = await this.open(record, credentials);
      try {
        await this.save(record, credentials);
      } catch (error) {
        await closeQuietly(adapter);
        throw error;
      }
      this.attach(record, adapter, await this.openLive(record));
      return this.summary(record);
    } finally {
      this.adding.delete(venue);
    }
  }

  /** Checks the stored keys again with a private call. A failure is reported in the summary, not thrown. */
  async test(id: string): Promise<AccountSummary> {
    const record = this.require(id);
    await this.reconnect(record);
    return this.summary(record);
  }

  /** Deletes the keys, then the row. If the keychain refuses, nothing is removed and the error says why. */
  async remove(id: string): Promise<{ removed: boolean }> {
    const record = this.require(id);
    // Keys first: a row without keys is harmless and can be removed again; keys without a row would be orphaned.
    await deleteCredentials(this.options.secrets, id);
    this.options.repository.delete(id);
    this.state.delete(id);
    this.stopWaiting(id);
    this.options.venues.clearPending(record.venue);
    const adapter = this.adapters.get(id);
    if (adapter) {
      this.adapters.delete(id);
      this.options.venues.remove(record.venue);
      await closeQuietly(adapter);
    }
    await this.closeLive(id);
    return { removed: true };
  }

  /**
   * Calls `listener` each time an account's venue becomes available (added, restored, reconnected by a test): the
   * order service looks at what the venue holds then. Returns the function that stops it.
   */
  onConnected(listener: (venue: VenueId) => void): () => void {
    this.connectedListeners.add(listener);
    return () => this.connectedListeners.delete(listener);
  }

  /** Reconnects every saved account, each on its own: a failing one is marked and the others go on. */
  restore(): Promise<void> {
    const records = this.options.repository.list();
    for (const record of records) {
      this.state.set(record.id, { status: 'connecting', keysPresent: true });
      // Charts, tickers and alerts of this venue asked for meanwhile wait for it instead of being refused.
      this.options.venues.setPending(record.venue, () => ({ status: 'connecting' }));
    }
    this.restoring = Promise.all(records.map((record) => this.reconnect(record))).then(() => undefined);
    return this.restoring;
  }

  /**
   * Reconnects the saved accounts that are not connected: after the key file is unlocked, the accounts that
   * `restore()` found locked at start connect by themselves. Accounts already connected are left alone.
   */
  reconnectWaiting(): Promise<void> {
    const waiting = this.options.repository.list().filter((record) => this.state.get(record.id)?.status === 'needs-attention');
    for (const record of waiting) this.state.set(record.id, { status: 'connecting', keysPresent: true });
    const done = Promise.all(waiting.map((record) => this.reconnect(record))).then(() => undefined);
    this.restoring = Promise.all([this.restoring, done]).then(() => undefined);
    return done;
  }

  async close(): Promise<void> {
    await this.restoring;
    for (const id of [...this.waiting.keys()]) this.stopWaiting(id);
    const adapters = [...this.adapters.entries()];
    this.adapters.clear();
    for (const [id, adapter] of adapters) {
      const record = this.options.repository.get(id);
      if (record) this.options.venues.remove(record.venue);
      await closeQuietly(adapter);
      await this.closeLive(id);
    }
  }

  private validate(input: NewAccount) {
    const parsed = NewAccount.safeParse(input);
    if (!parsed.success) {
      // Paths and messages only: zod's messages never quote the value, which may be a secret.
      const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'account'}: ${issue.message}`);
      throw new AppError('INVALID_REQUEST', issues.join('; '));
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

  /** Builds the adapter and proves the keys with a private call; closes it again if that fails. */
  private async open(record: AccountRecord, credentials: ExchangeCredentials): Promise<ExchangeAdapter> {
    const options = connectionOf(record);
    let adapter: ExchangeAdapter | undefined;
    try {
      adapter = await this.options.connect(record.venue, credentials, options);
      await adapter.balance();
      return adapter;
    } catch (error) {
      if (adapter) await closeQuietly(adapter);
      throw scrub(error, credentials, this.venueName(record.venue));
    }
  }

  private async save(record: AccountRecord, credentials: ExchangeCredentials): Promise<void> {
    await saveCredentials(this.options.secrets, record.id, credentials);
    try {
      this.options.repository.insert(record);
    } catch (error) {
      try {
        await deleteCredentials(this.options.secrets, record.id);
      } catch (undoError) {
        this.warn(`accounts: could not undo the keychain entry of a failed add (${describe(undoError)})`);
      }
      throw error;
    }
  }

  private async reconnect(record: AccountRecord): Promise<void> {
    this.stopWaiting(record.id);
    let keysPresent = true;
    try {
      const credentials = await readCredentials(this.options.secrets, record.id);
      if (!credentials) {
        keysPresent = false;
        throw new AppError('AUTH_FAILED', 'The keys of this account are no longer in the system keychain: remove the account and add it again');
      }
      await this.connectWith(record, credentials);
    } catch (error) {
      const problem = toData(error);
      const link = this.options.link?.(record.venue);
      if (link && keysPresent && isUnreachable(error)) {
        this.waitForVenue(record, link, problem);
        return;
      }
      if (problem.code === 'AUTH_FAILED') {
        // Retrying refused keys would only get the address blocked: the trader has to replace them.
        link?.rejected(problem.message);
        problem.message = `${problem.message}. Not retried: replace the keys (remove this account and add it again), then it connects.`;
      }
      this.state.set(record.id, { status: 'needs-attention', problem, keysPresent });
      this.options.venues.clearPending(record.venue);
      this.warn(`accounts: "${record.label}" (${record.venue}) needs attention: ${problem.message}`);
    }
  }

  /** Proves the keys and attaches the account (unless it is attached already). Throws what the venue said. */
  private async connectWith(record: AccountRecord, credentials: ExchangeCredentials): Promise<void> {
    const adapter = await this.open(record, credentials);
    if (this.adapters.has(record.id)) {
      await closeQuietly(adapter);
      // Attached already but offline or refused before (a Test pressed): the venue answered, so its waiters go now.
      const wasConnected = this.state.get(record.id)?.status === 'connected';
      this.state.set(record.id, { status: 'connected', keysPresent: true });
      if (!wasConnected) {
        this.options.link?.(record.venue).reached();
        this.notifyConnected(record);
      }
      return;
    }
    this.attach(record, adapter, await this.openLive(record));
    this.state.set(record.id, { status: 'connected', keysPresent: true });
  }

  /**
   * The venue did not answer (network error, timeout, 5xx): the account is `offline` and its venue's link probes it
   * at a slow pace — with this account's own connect as one way to find out — and connects it the moment it answers.
   */
  private waitForVenue(record: AccountRecord, link: VenueLink, problem: ApiErrorData): void {
    this.state.set(record.id, { status: 'offline', problem, keysPresent: true });
    this.warn(`accounts: "${record.label}" (${record.venue}) is offline, retrying: ${problem.message}`);
    const wait = link.whenReachable(problem.message, async () => {
      const credentials = await readCredentials(this.options.secrets, record.id);
      if (!credentials) throw new AppError('AUTH_FAILED', 'The keys of this account are no longer in the system keychain');
      try {
        await this.connectWith(record, credentials);
      } catch (error) {
        const state = this.state.get(record.id);
        if (state?.status === 'offline') state.problem = toData(error);
        throw error;
      }
    });
    this.options.venues.setPending(record.venue, () => {
      const state = link.state;
      return state.state === 'offline' && state.nextProbeAt !== undefined ? { status: 'offline', retryAt: state.nextProbeAt, reason: state.reason } : { status: 'offline' };
    });
    const stopWatching = link.onChange(() => this.options.venues.pendingChanged(record.venue));
    const cancel = () => {
      stopWatching();
      wait.cancel();
    };
    this.waiting.set(record.id, cancel);
    void wait.reachable.then(() => {
      if (this.waiting.get(record.id) !== cancel) return; // removed, or reconnected another way
      this.waiting.delete(record.id);
      stopWatching();
      // Reachable through another probe (or this one, already connected): connect now if not yet.
      if (this.state.get(record.id)?.status !== 'connected' && this.options.repository.get(record.id)) void this.reconnect(record);
    });
  }

  private stopWaiting(id: string): void {
    const cancel = this.waiting.get(id);
    this.waiting.delete(id);
    cancel?.();
  }

  /**
   * The venue's live data. Optional for the account: a failure leaves its charts on history with the "no live
   * updates" badge, and is logged rather than refusing keys that work.
   */
  private async openLive(record: AccountRecord): Promise<LiveDataHandle | undefined> {
    if (!this.options.openLiveData) return undefined;
    try {
      return await this.options.openLiveData(record.venue, connectionOf(record));
    } catch (error) {
      this.warn(`accounts: live data of "${record.label}" (${record.venue}) is unavailable: ${describe(error)}`);
      return undefined;
    }
  }

  private async closeLive(id: string): Promise<void> {
    const live = this.liveData.get(id);
    this.liveData.delete(id);
    try {
      await live?.close();
    } catch (error) {
      this.warn(`accounts: closing live data failed (${describe(error)})`);
    }
  }

  /** Registers a connected adapter, unless the account was removed while it was connecting. */
  private attach(record: AccountRecord, adapter: ExchangeAdapter, live: LiveDataHandle | undefined): void {
    if (!this.options.repository.get(record.id)) {
      void closeQuietly(adapter);
      void live?.close().catch(() => undefined);
      return;
    }
    this.adapters.set(record.id, adapter);
    if (live) this.liveData.set(record.id, live);
    const watched = this.watchCalls(record, adapter);
    this.options.venues.add({ venue: watched, mode: 'live', trading: watched, ...(live ? { live: live.source } : {}) });
    this.state.set(record.id, { status: 'connected', keysPresent: true });
    this.notifyConnected(record);
  }

  /**
   * The adapter as the app uses it, with every call's failure looked at: a connected account is only as connected as
   * its last call says. Its venue unreachable (network error, timeout, 5xx, breaker open) makes it `offline` on the
   * venue's link, which probes it; its keys refused make it need the trader.
   */
  private watchCalls(record: AccountRecord, adapter: ExchangeAdapter): ExchangeAdapter {
    return new Proxy(adapter, {
      get: (target, property, receiver) => {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== 'function' || property === 'close') return value;
        return (...args: unknown[]) => {
          const result: unknown = (value as (...a: unknown[]) => unknown).apply(target, args);
          // Observed only: the caller still gets (and handles) the failure itself.
          if (result instanceof Promise) result.catch((error: unknown) => this.callFailed(record, adapter, error));
          return result;
        };
      },
    });
  }

  private callFailed(record: AccountRecord, adapter: ExchangeAdapter, error: unknown): void {
    const state = this.state.get(record.id);
    if (state?.status !== 'connected' || this.adapters.get(record.id) !== adapter) return;
    const link = this.options.link?.(record.venue);
    if (error instanceof AppError && error.code === 'AUTH_FAILED') {
      const problem = toData(error);
      link?.rejected(problem.message);
      problem.message = `${problem.message}. Not retried: replace the keys (remove this account and add it again), then it connects.`;
      this.state.set(record.id, { status: 'needs-attention', problem, keysPresent: true });
      this.warn(`accounts: "${record.label}" (${record.venue}) needs attention: ${problem.message}`);
      return;
    }
    // A 429 says the venue answers; only a venue that cannot be reached makes a connected account offline.
    if (!link || !isUnreachable(error) || (error as AppError).code === 'RATE_LIMITED') return;
    this.lostVenue(record, adapter, link, toData(error));
  }

  /**
   * A connected account whose venue stopped answering: `offline`, its adapter kept (orders and balances go on failing
   * with the venue's own error), and the link's probe — this account's balance, one private call — finds the venue
   * back; then it is connected again and its listeners (reconciling orders, the kill switch's sweep) run.
   */
  private lostVenue(record: AccountRecord, adapter: ExchangeAdapter, link: VenueLink, problem: ApiErrorData): void {
    this.state.set(record.id, { status: 'offline', problem, keysPresent: true });
    this.warn(`accounts: "${record.label}" (${record.venue}) lost its venue, retrying: ${problem.message}`);
    const wait = link.whenReachable(problem.message, async () => {
      try {
        await adapter.balance();
      } catch (error) {
        const state = this.state.get(record.id);
        if (state?.status === 'offline') state.problem = toData(error);
        throw error;
      }
    });
    const cancel = () => wait.cancel();
    this.waiting.set(record.id, cancel);
    void wait.reachable.then(() => {
      if (this.waiting.get(record.id) !== cancel) return; // removed, tested again or closed meanwhile
      this.waiting.delete(record.id);
      if (this.adapters.get(record.id) !== adapter || this.state.get(record.id)?.status !== 'offline') return;
      this.state.set(record.id, { status: 'connected', keysPresent: true });
      this.notifyConnected(record);
    });
  }

  private notifyConnected(record: AccountRecord): void {
    for (const listener of this.connectedListeners) {
      try {
        listener(record.venue);
      } catch (error) {
        this.warn(`accounts: a listener of "${record.label}" connecting failed (${describe(error)})`);
      }
    }
  }

  private require(id: string): AccountRecord {
    const record = this.options.repository.get(id);
    if (!record) throw new AppError('NOT_FOUND', 'No such account: it may have been removed already');
    return record;
  }

  private summary(record: AccountRecord): AccountSummary {
    const state = this.state.get(record.id) ?? { status: 'needs-attention', keysPresent: true };
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
      const link = this.options.link?.(record.venue).state;
      if (link?.state === 'offline' && link.nextProbeAt !== undefined) summary.retryAt = link.nextProbeAt;
    }
    return summary;
  }

  private venueName(venue: VenueId): string {
    return this.options.venues.summaries().find((summary) => summary.id === venue)?.name ?? venue;
  }
}

/** Any failure as an AppError whose message holds none of the credentials. */
function scrub(error: unknown, credentials: ExchangeCredentials, venueName: string): AppError {
  if (error instanceof AppError) {
    const options = error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs };
    return new AppError(error.code, redactCredentials(error.message, credentials), error.retryable, options);
  }
  // The port promises AppErrors; anything else is an adapter bug. Its cause is not kept: it may hold the keys.
  return new AppError('INTERNAL', `${venueName}: ${redactCredentials(describe(error), credentials)}`);
}

/** A failure that the venue coming back heals: it could not be reached, did not answer in time, or answered 5xx. */
function isUnreachable(error: unknown): boolean {
  if (!(error instanceof AppError) || !error.retryable) return false;
  return ['VENUE_UNAVAILABLE', 'TIMEOUT', 'CIRCUIT_OPEN', 'DISCONNECTED', 'RATE_LIMITED'].includes(error.code);
}

function toData(error: unknown): ApiErrorData {
  return error instanceof AppError ? error.toData() : { code: 'INTERNAL', message: describe(error), retryable: false };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function closeQuietly(adapter: ExchangeAdapter): Promise<void> {
  try {
    await adapter.close();
  } catch {
    // Closing only frees the adapter's resources; a failure to do so changes nothing for the trader.
  }
}

function connectionOf(record: AccountRecord): ExchangeConnectionOptions {
  const options: ExchangeConnectionOptions = { sandbox: record.sandbox };
  if (record.restBaseUrl !== undefined) options.restBaseUrl = record.restBaseUrl;
  if (record.wsBaseUrl !== undefined) options.wsBaseUrl = record.wsBaseUrl;
  return options;
}
