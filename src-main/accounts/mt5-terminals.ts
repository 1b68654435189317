// MetaTrader 5 terminals: the bridge server the EAs connect to, the terminals it has seen (connected or gone), the
// refused attempts, and the one terminal the `mt5` venue trades through. Every connected login also answers for its
// positions; the ticket, the order journal and the kill switch act on the trading terminal only, so one client order
// id never meets two accounts.
import { z } from 'zod';
import { AppError, type Mt5BridgeStatus, type Mt5Refusal, type Mt5TerminalSummary } from '../../src-shared';
import {
  getOrCreatePairingToken,
  Mt5BridgeServer,
  Mt5LiveSource,
  Mt5Venue,
  renewPairingToken,
  type Mt5Session,
  type Mt5Terminal,
  type PositionAccount,
  type VenueDirectory,
} from '../exchanges';
import type { SecretStore } from '../secrets';
import type { SettingsRepository } from '../storage';

/** Settings key of the trading terminal's login, so that it is the same after a restart. */
export const TRADING_LOGIN_KEY = 'mt5.tradingLogin';
const MAX_REFUSALS = 10;
/** Trade pushes come in bursts (a deal, then the order, then the position): one refresh per burst. */
const POSITIONS_COALESCE_MS = 150;

type Figures = NonNullable<Mt5TerminalSummary['figures']>;

interface TerminalRecord {
  terminal: Mt5Terminal;
  session?: Mt5Session;
  since: number;
  figures?: Figures;
}

export interface Mt5TerminalsOptions {
  secrets: SecretStore;
  settings: SettingsRepository;
  venues: VenueDirectory;
  /** Where the bridge listens: 17031 unless the host says otherwise; 0 picks a free port (tests). */
  port: number;
  appName: string;
  /** Whether the journal has open orders on the `mt5` venue: the trading terminal is not switched under them. */
  hasOpenOrders: () => boolean;
  now?: () => number;
}

export class Mt5Terminals {
  private readonly server: Mt5BridgeServer;
  private readonly records = new Map<string, TerminalRecord>();
  private readonly accounts = new Map<string, Mt5Venue>();
  private readonly refusals: Mt5Refusal[] = [];
  private readonly changeListeners = new Set<(status: Mt5BridgeStatus) => void>();
  private readonly positionListeners = new Set<(login: string) => void>();
  private readonly tradingListeners = new Set<() => void>();
  private readonly positionTimers = new Map<string, NodeJS.Timeout>();
  private readonly now: () => number;
  private listening = false;
  private port: number;
  private problem: string | undefined;
  private tradingLogin: string | undefined;

  constructor(private readonly options: Mt5TerminalsOptions) {
    this.now = options.now ?? Date.now;
    this.port = options.port;
    this.server = new Mt5BridgeServer({ pairingToken: () => getOrCreatePairingToken(options.secrets), appName: options.appName });
    this.server.onSession((session) => this.connected(session));
    this.server.onRefusal((refusal) => {
      this.refusals.unshift(refusal);
      this.refusals.length = Math.min(this.refusals.length, MAX_REFUSALS);
      this.changed();
    });
    const saved = options.settings.get(TRADING_LOGIN_KEY, z.string().min(1).max(32));
    if (saved) this.trade(saved);
  }

  /** Starts listening; a port already taken is reported in the status (and the log), not thrown: the app runs on. */
  async start(): Promise<void> {
    try {
      this.port = await this.server.listen(this.options.port);
      this.listening = true;
      this.problem = undefined;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      this.problem =
        code === 'EADDRINUSE'
          ? `Port ${this.options.port} on 127.0.0.1 is used by another program: close it, or start the app with another MetaTrader 5 port and set the EA's InpPort to match.`
          : `The MetaTrader 5 bridge could not listen on 127.0.0.1:${this.options.port}: ${error instanceof Error ? error.message : String(error)}`;
      console.warn(`mt5: ${this.problem}`);
    }
    this.changed();
  }

  status(): Mt5BridgeStatus {
    const terminals = [...this.records.values()].map((record): Mt5TerminalSummary => {
      const summary: Mt5TerminalSummary = {
        ...record.terminal,
        connected: !!record.session?.open,
        since: record.since,
        trading: record.terminal.login === this.tradingLogin,
      };
      if (record.figures) summary.figures = record.figures;
      return summary;
    });
    const status: Mt5BridgeStatus = { listening: this.listening, host: '127.0.0.1', port: this.port, terminals, refusals: [...this.refusals] };
    if (this.problem) status.problem = this.problem;
    return status;
  }

  async pairing(): Promise<{ token: string; host: '127.0.0.1'; port: number }> {
    return { token: await getOrCreatePairingToken(this.options.secrets), host: '127.0.0.1', port: this.port };
  }

  async renewPairing(): Promise<{ token: string; host: '127.0.0.1'; port: number }> {
    return { token: await renewPairingToken(this.options.secrets), host: '127.0.0.1', port: this.port };
  }

  /** The login the `mt5` venue trades through, if one was ever chosen. */
  get tradingTerminal(): string | undefined {
    return this.tradingLogin;
  }

  /** Makes `login` the terminal the `mt5` venue trades through. */
  useForTrading(login: string): Mt5BridgeStatus {
    if (login === this.tradingLogin) return this.status();
    if (!this.records.get(login)?.session?.open) {
      throw new AppError('NOT_FOUND', `MetaTrader 5 login ${login} is not connected: start its terminal with the EA attached first.`);
    }
    if (this.tradingLogin && this.options.hasOpenOrders()) {
      throw new AppError(
        'INVALID_REQUEST',
        `Login ${this.tradingLogin} still has open orders placed from this app: cancel them (or let them fill) before trading through another terminal.`,
      );
    }
    this.trade(login);
    this.changed();
    return this.status();
  }

  /** Every connected login, each answering for its own positions. */
  positionAccounts(): PositionAccount[] {
    return [...this.records.values()].filter((record) => record.session?.open).map((record) => this.account(record.terminal.login));
  }

  onChange(listener: (status: Mt5BridgeStatus) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** A login's positions may have changed (a deal, a close, new SL/TP): coalesced per burst of trade pushes. */
  onPositionsChanged(listener: (login: string) => void): () => void {
    this.positionListeners.add(listener);
    return () => this.positionListeners.delete(listener);
  }

  /**
   * The trading terminal connected (or another connected one was chosen): like an exchange account connecting, its
   * orders are reconciled, its balances read, and an engaged kill switch sweeps it now.
   */
  onTradingConnected(listener: () => void): () => void {
    this.tradingListeners.add(listener);
    return () => this.tradingListeners.delete(listener);
  }

  async close(): Promise<void> {
    for (const timer of this.positionTimers.values()) clearTimeout(timer);
    this.positionTimers.clear();
    if (this.listening) await this.server.close();
    this.listening = false;
  }

  private account(login: string): Mt5Venue {
    let venue = this.accounts.get(login);
    if (!venue) {
      venue = new Mt5Venue({ login, session: (l) => this.server.session(l) });
      this.accounts.set(login, venue);
    }
    return venue;
  }

  /** Puts `login` behind the `mt5` venue (before it connects too: until then its calls say "not connected"). */
  private trade(login: string): void {
    this.tradingLogin = login;
    this.options.settings.set(TRADING_LOGIN_KEY, login);
    const venue = this.account(login);
    const live = new Mt5LiveSource({ login, sessions: this.server, nameOf: (symbol) => venue.nameOf(symbol) });
    this.options.venues.remove('mt5');
    this.options.venues.add({ venue, live, mode: 'live', trading: venue });
    if (this.server.session(login)?.open) this.tradingConnected();
  }

  private tradingConnected(): void {
    for (const listener of this.tradingListeners) {
      try {
        listener();
      } catch (error) {
        console.error('mt5: a listener of the trading terminal failed', error);
      }
    }
  }

  private connected(session: Mt5Session): void {
    const login = session.login;
    this.records.set(login, { terminal: session.terminal, session, since: this.now(), figures: this.records.get(login)?.figures });
    // The first terminal ever connected trades by default; the trader may choose another one in Accounts.
    if (!this.tradingLogin) this.trade(login);
    else if (login === this.tradingLogin) this.tradingConnected();
    session.onPush((push) => {
      if (push.push === 'account') this.setFigures(login, push);
      if (push.push === 'trade') this.positionsChanged(login);
    });
    session.onClose(() => {
      const record = this.records.get(login);
      if (record?.session !== session) return; // replaced by a newer connection of the same login
      record.session = undefined;
      record.since = this.now();
      this.changed();
    });
    this.changed();
    this.positionsChanged(login);
    session
      .request('account', {})
      .then((account) => this.setFigures(login, account))
      .catch((error: unknown) => console.warn(`mt5: could not read the account of ${login}: ${error instanceof Error ? error.message : String(error)}`));
  }

  private setFigures(login: string, figures: Figures): void {
    const record = this.records.get(login);
    if (!record) return;
    const { balance, equity, margin, freeMargin, marginLevel } = figures;
    record.figures = { balance, equity, margin, freeMargin, marginLevel };
    this.changed();
  }

  private positionsChanged(login: string): void {
    if (this.positionTimers.has(login)) return;
    this.positionTimers.set(
      login,
      setTimeout(() => {
        this.positionTimers.delete(login);
        for (const listener of this.positionListeners) listener(login);
      }, POSITIONS_COALESCE_MS),
    );
  }

  private changed(): void {
    const status = this.status();
    for (const listener of this.changeListeners) listener(status);
  }
}
