// The connection lifecycle of saved accounts: each is reconnected at every start, proven by a private call, and its
// adapter registered in the VenueDirectory, which makes its venue available to charts and trading. An account whose
// venue cannot be reached waits on the venue's link and connects when it answers; one whose keys are refused waits
// for the trader. Records and keys are account-records.ts.
import { AppError, errorDataOf, type AccountStatus, type ApiErrorData, type VenueId } from '../../src-shared';
import type { ExchangeAdapter, ExchangeConnectionOptions, ExchangeCredentials, LiveCandleSource, VenueDirectory } from '../exchanges';
import type { VenueLink } from '../resilience';
import { describeError } from './account-errors';
import type { AccountRecords } from './account-records';
import type { AccountRecord } from './account-repository';
import { redactCredentials } from './credentials';

/** Builds an adapter for a venue; sends nothing (the first private call is made here, to prove the keys). */
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

export interface AccountConnectionsOptions {
  records: AccountRecords;
  connect: ConnectExchange;
  /** Without it a connected venue's charts show its history only, with a "no live updates" badge. */
  openLiveData?: OpenLiveData;
  venues: VenueDirectory;
  /**
   * The venue's reachability link: an account whose venue cannot be reached (network error, timeout, 5xx) waits on it
   * and is connected by its probe; without it such an account needs the trader's Test.
   */
  link?: (venue: VenueId) => VenueLink;
  warn?: (message: string) => void;
}

export interface AccountState {
  status: AccountStatus;
  problem?: ApiErrorData;
  /** false once the keychain was found without this account's entry. */
  keysPresent: boolean;
}

export class AccountConnections {
  private readonly state = new Map<string, AccountState>();
  private readonly adapters = new Map<string, ExchangeAdapter>();
  private readonly liveData = new Map<string, LiveDataHandle>();
  private readonly connectedListeners = new Set<(venue: VenueId) => void>();
  /** Accounts waiting on their venue's link: the function that stops waiting. */
  private readonly waiting = new Map<string, () => void>();
  private restoring: Promise<void> = Promise.resolve();
  private readonly records: AccountRecords;
  private readonly warn: (message: string) => void;

  constructor(private readonly options: AccountConnectionsOptions) {
    this.records = options.records;
    this.warn = options.warn ?? ((message) => console.warn(message));
  }

  /** Where the account stands; an account never connected this run needs attention. */
  stateOf(id: string): AccountState {
    return this.state.get(id) ?? { status: 'needs-attention', keysPresent: true };
  }

  /** When the venue's link probes next, for an offline account. */
  retryAt(record: AccountRecord): number | undefined {
    const link = this.options.link?.(record.venue).state;
    return link?.state === 'offline' && link.nextProbeAt !== undefined ? link.nextProbeAt : undefined;
  }

  /**
   * A new account: proves its keys with a private call, then `save`s it, then attaches it. Throws the venue's typed
   * error (AUTH_FAILED for refused keys) or the save's, with the adapter closed and nothing attached.
   */
  async connectNew(record: AccountRecord, credentials: ExchangeCredentials, save: () => Promise<void>): Promise<void> {
    const adapter = await this.open(record, credentials);
    try {
      await save();
    } catch (error) {
      await closeQuietly(adapter);
      throw error;
    }
    this.attach(record, adapter, await this.openLive(record));
  }

  /** Checks the stored keys again with a private call. A failure is recorded in the account's state, not thrown. */
  async reconnect(record: AccountRecord): Promise<void> {
    this.stopWaiting(record.id);
    let keysPresent = true;
    try {
      const credentials = await this.records.credentials(record.id);
      if (!credentials) {
        keysPresent = false;
        throw new AppError('AUTH_FAILED', 'The keys of this account are no longer in the system keychain: remove the account and add it again');
      }
      await this.connectWith(record, credentials);
    } catch (error) {
      const problem = errorDataOf(error);
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

  /** A removed account: stops waiting for it, takes its venue out of the directory and closes its connections. */
  async forget(record: AccountRecord): Promise<void> {
    this.state.delete(record.id);
    this.stopWaiting(record.id);
    this.options.venues.clearPending(record.venue);
    const adapter = this.adapters.get(record.id);
    if (adapter) {
      this.adapters.delete(record.id);
      this.options.venues.remove(record.venue);
      await closeQuietly(adapter);
    }
    await this.closeLive(record.id);
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
    const records = this.records.list();
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
    const waiting = this.records.list().filter((record) => this.state.get(record.id)?.status === 'needs-attention');
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
      const record = this.records.get(id);
      if (record) this.options.venues.remove(record.venue);
      await closeQuietly(adapter);
      await this.closeLive(id);
    }
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
      throw scrub(error, credentials, this.records.venueName(record.venue));
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
      const credentials = await this.records.credentials(record.id);
      if (!credentials) throw new AppError('AUTH_FAILED', 'The keys of this account are no longer in the system keychain');
      try {
        await this.connectWith(record, credentials);
      } catch (error) {
        const state = this.state.get(record.id);
        if (state?.status === 'offline') state.problem = errorDataOf(error);
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
      if (this.state.get(record.id)?.status !== 'connected' && this.records.get(record.id)) void this.reconnect(record);
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
      this.warn(`accounts: live data of "${record.label}" (${record.venue}) is unavailable: ${describeError(error)}`);
      return undefined;
    }
  }

  private async closeLive(id: string): Promise<void> {
    const live = this.liveData.get(id);
    this.liveData.delete(id);
    try {
      await live?.close();
    } catch (error) {
      this.warn(`accounts: closing live data failed (${describeError(error)})`);
    }
  }

  /** Registers a connected adapter, unless the account was removed while it was connecting. */
  private attach(record: AccountRecord, adapter: ExchangeAdapter, live: LiveDataHandle | undefined): void {
    if (!this.records.get(record.id)) {
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
      const problem = errorDataOf(error);
      link?.rejected(problem.message);
      problem.message = `${problem.message}. Not retried: replace the keys (remove this account and add it again), then it connects.`;
      this.state.set(record.id, { status: 'needs-attention', problem, keysPresent: true });
      this.warn(`accounts: "${record.label}" (${record.venue}) needs attention: ${problem.message}`);
      return;
    }
    // A 429 says the venue answers; only a venue that cannot be reached makes a connected account offline.
    if (!link || !isUnreachable(error) || (error as AppError).code === 'RATE_LIMITED') return;
    this.lostVenue(record, adapter, link, errorDataOf(error));
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
        if (state?.status === 'offline') state.problem = errorDataOf(error);
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
        this.warn(`accounts: a listener of "${record.label}" connecting failed (${describeError(error)})`);
      }
    }
  }
}

/** Any failure as an AppError whose message holds none of the credentials. */
function scrub(error: unknown, credentials: ExchangeCredentials, venueName: string): AppError {
  if (error instanceof AppError) {
    const options = error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs };
    return new AppError(error.code, redactCredentials(error.message, credentials), error.retryable, options);
  }
  // The port promises AppErrors; anything else is an adapter bug. Its cause is not kept: it may hold the keys.
  return new AppError('INTERNAL', `${venueName}: ${redactCredentials(describeError(error), credentials)}`);
}

/** A failure that the venue coming back heals: it could not be reached, did not answer in time, or answered 5xx. */
function isUnreachable(error: unknown): boolean {
  if (!(error instanceof AppError) || !error.retryable) return false;
  return ['VENUE_UNAVAILABLE', 'TIMEOUT', 'CIRCUIT_OPEN', 'DISCONNECTED', 'RATE_LIMITED'].includes(error.code);
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
