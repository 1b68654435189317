// The app's plan: the last entitlement token the account server signed, kept in SQLite and verified offline with the
// configured public key at every start, refreshed from the server every few hours (and every few seconds for a while
// after the trader opens a checkout or the portal). Its changes go on the bus as payment events and to every window.
// Gating happens only with an account server configured; without one everything is available.
import {
  AppError,
  FREE_LIVE_ACCOUNTS,
  VENUE_NAMES,
  type BillingInterval,
  type PlanFeature,
  type PlanStatus,
  type RedirectResponse,
  type TradingMode,
  type VenueId,
} from '../../src-shared';
import type { EventBus } from '../events';
import { AccountServerClient } from './account-server-client';
import { issuerOf, type BillingConfig } from './config';
import { EntitlementKey, EntitlementRefused, type VerifiedEntitlement } from './entitlement-token';
import { paymentChanges } from './payment-events';
import { planStatusAt } from './plan-policy';

/** Where the token is kept between runs (a row of the settings table): a signed statement of the plan, not a secret. */
export interface EntitlementStore {
  load(): string | undefined;
  save(token: string | undefined): void;
}

export interface BillingServiceDeps {
  config: BillingConfig | undefined;
  /** Why the account server settings in force do not work (a half-set environment). */
  configProblem?: string;
  /** The product account's access token (src-main/auth), undefined while signed out. */
  accessToken: () => Promise<string | undefined>;
  signedIn: () => boolean;
  /**
   * Tells of every sign-in state (src-main/auth's status changes), so that the plan is asked for as soon as the trader
   * is signed in, a saved session restored at start included; returns the function that stops it.
   */
  watchSignIn?: (listener: (signedIn: boolean) => void) => () => void;
  store: EntitlementStore;
  bus: EventBus;
  /** The live exchange accounts, for Free's allowance: the earliest added ones keep live trading. */
  liveAccounts?: () => ReadonlyArray<{ venue: VenueId; createdAt: number }>;
  now?: () => number;
  fetch?: typeof fetch;
  /** How often the plan is asked for (default 6 h). */
  refreshEveryMs?: number;
  /** After a checkout or the portal: how often, and for how long, the plan is asked for. */
  followUp?: { everyMs: number; forMs: number };
  log?: (line: string) => void;
}

const DEFAULT_REFRESH_MS = 6 * 3600 * 1000;
const DEFAULT_FOLLOW_UP = { everyMs: 3_000, forMs: 15 * 60 * 1000 };
/** The grace periods are re-weighed this often, so that one ending shows without a refresh. */
const REWEIGH_MS = 60_000;

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export class BillingService {
  private readonly now: () => number;
  private readonly client: AccountServerClient | undefined;
  private key: Promise<EntitlementKey> | undefined;
  private entitlement: VerifiedEntitlement | undefined;
  private verifiedAt: number | undefined;
  private problem: string | undefined;
  private lastRefresh = 0;
  /** Counts sign-outs: a refresh that was under way when the trader signed out must not bring the plan back. */
  private sessions = 0;
  private followUntil = 0;
  private refreshing: Promise<PlanStatus> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private last: string | undefined;
  private readonly listeners = new Set<(status: PlanStatus) => void>();
  private readonly unsubscribes: Array<() => void> = [];
  private closed = false;

  constructor(private readonly deps: BillingServiceDeps) {
    this.now = deps.now ?? Date.now;
    this.problem = deps.configProblem;
    if (deps.config) {
      this.client = new AccountServerClient(deps.config.serverUrl, deps.fetch);
      this.key = EntitlementKey.fromPem(deps.config.publicKeyPem, issuerOf(deps.config));
      // Reported by whoever awaits it first; a key that does not import leaves the app on Free with the reason.
      this.key.catch(() => {});
    }
  }

  get configured(): boolean {
    return this.deps.config !== undefined;
  }

  /** Reads the cached token (refusing one that does not verify), then keeps the plan fresh in the background. */
  async start(): Promise<void> {
    if (!this.configured) return;
    // Before anything is awaited: the saved sign-in may be restored meanwhile.
    let wasSignedIn = this.deps.signedIn();
    this.unsubscribes.push(
      // Only an ended session forgets the plan: "signed out" before the saved session is restored does not.
      this.deps.bus.subscribe('user.signed-out', () => this.forget()),
    );
    if (this.deps.watchSignIn) {
      this.unsubscribes.push(
        this.deps.watchSignIn((signedIn) => {
          if (signedIn && !wasSignedIn) void this.refresh().catch(() => {});
          wasSignedIn = signedIn;
        }),
      );
    }
    const cached = this.deps.store.load();
    if (cached !== undefined) {
      try {
        this.entitlement = await this.verify(cached);
      } catch (error) {
        // A token edited in the database, or signed by another key than the one configured now: never trusted.
        this.deps.store.save(undefined);
        this.problem = (error as Error).message;
      }
    }
    this.changed();
    this.schedule(0);
  }

  status(): PlanStatus {
    return planStatusAt({
      configured: this.configured,
      signedIn: this.deps.signedIn(),
      entitlement: this.entitlement,
      ...(this.verifiedAt !== undefined ? { verifiedAt: this.verifiedAt } : {}),
      ...(this.problem !== undefined ? { problem: this.problem } : {}),
      now: this.now(),
    });
  }

  onStatusChanged(listener: (status: PlanStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  allows(feature: PlanFeature): boolean {
    return this.status().features.includes(feature);
  }

  /** Asks the account server for the plan now. Fails only for the caller: the plan in force stays as it was. */
  refresh(): Promise<PlanStatus> {
    if (!this.client) return Promise.resolve(this.status());
    this.refreshing ??= this.refreshNow().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  async checkout(interval: BillingInterval, open: (url: string) => void | Promise<void>): Promise<RedirectResponse> {
    const token = await this.signedInToken();
    const answer = await this.client!.checkout(token, interval);
    await open(answer.url);
    this.followUp();
    return answer;
  }

  async portal(open: (url: string) => void | Promise<void>): Promise<RedirectResponse> {
    const token = await this.signedInToken();
    const answer = await this.client!.portal(token);
    await open(answer.url);
    this.followUp();
    return answer;
  }

  /**
   * The plan's only say over trading: a new live order on an account beyond Free's allowance (or on MT5) needs Pro.
   * Cancels, the kill switch and closing positions never come here; a lapsed plan never touches an order.
   */
  checkLiveOrder(order: { venue: VenueId; mode: TradingMode }): void {
    if (!this.configured || order.mode !== 'live') return;
    const status = this.status();
    const why = this.whyFree(status);
    if (order.venue === 'mt5' && !status.features.includes('mt5')) {
      throw new AppError('PLAN_REQUIRED', `MetaTrader 5 trading is part of Pro${why}: upgrade in the Plan menu.`);
    }
    if (status.features.includes('unlimited-live-accounts')) return;
    const allowed = [...(this.deps.liveAccounts?.() ?? [])]
      .filter((account) => account.venue !== 'mt5')
      .sort((a, b) => a.createdAt - b.createdAt)
      .slice(0, FREE_LIVE_ACCOUNTS)
      .map((account) => account.venue);
    if (allowed.includes(order.venue)) return;
    const kept = allowed.map((venue) => VENUE_NAMES[venue]).join(', ') || 'none yet';
    throw new AppError(
      'PLAN_REQUIRED',
      `Live orders on ${VENUE_NAMES[order.venue]} need Pro${why}: Free trades live on ${FREE_LIVE_ACCOUNTS} account (${kept}). ` +
        `Upgrade or renew in the Plan menu; open orders, cancels and the kill switch are not affected.`,
    );
  }

  /** With an account server, shared mode (several processes on one Redis, `--redis`) is part of Pro. */
  checkSharedMode(): void {
    if (!this.configured) return;
    const status = this.status();
    if (status.features.includes('scale-out')) return;
    throw new AppError('PLAN_REQUIRED', `Shared mode (several processes on one Redis) is part of Pro${this.whyFree(status)}: this process works alone until you upgrade in the Plan menu.`);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    for (const unsubscribe of this.unsubscribes.splice(0)) unsubscribe();
  }

  private whyFree(status: PlanStatus): string {
    if (this.entitlement?.plan === 'pro' && status.plan === 'free' && status.status !== 'past_due') {
      return ` (your Pro plan could not be confirmed with the account server since ${day(this.entitlement.expiresAt)})`;
    }
    if (status.status === 'canceled' || status.status === 'unpaid') return ` (your Pro plan ended${status.periodEnd ? ` on ${day(status.periodEnd)}` : ''})`;
    if (status.status === 'past_due') return ' (a payment failed and its grace period is over: update your card in the Plan menu)';
    return '';
  }

  private async signedInToken(): Promise<string> {
    if (!this.client) throw new AppError('NOT_FOUND', 'no account server is configured: every feature is available without a plan');
    const token = await this.deps.accessToken();
    if (!token) throw new AppError('SIGN_IN_FAILED', 'sign in to your Trade Bot Scratch account first');
    return token;
  }

  private async verify(token: string): Promise<VerifiedEntitlement> {
    let key: EntitlementKey;
    try {
      key = await this.key!;
    } catch {
      throw new EntitlementRefused('the configured public key (TBS_ENTITLEMENT_PUBLIC_KEY) is not an EC P-256 key');
    }
    return key.verify(token, this.now());
  }

  private async refreshNow(): Promise<PlanStatus> {
    this.lastRefresh = this.now();
    const session = this.sessions;
    try {
      const token = await this.signedInToken();
      const answer = await this.client!.entitlements(token);
      const verified = await this.verify(answer.token);
      if (session !== this.sessions) return this.status();
      const before = this.entitlement;
      this.entitlement = verified;
      this.verifiedAt = this.now();
      this.problem = undefined;
      this.deps.store.save(verified.token);
      for (const change of paymentChanges(before, verified, this.now())) this.deps.bus.publish(change.topic, change.payload);
      if (verified.status !== before?.status || verified.plan !== before?.plan) this.followUntil = 0;
    } catch (error) {
      // The plan in force stays (cached, with its grace); the reason shows in the Plan menu.
      this.problem = error instanceof Error ? error.message : String(error);
      this.changed();
      throw error;
    }
    this.changed();
    return this.status();
  }

  private forget(): void {
    this.sessions += 1;
    this.entitlement = undefined;
    this.verifiedAt = undefined;
    this.problem = undefined;
    this.deps.store.save(undefined);
    this.changed();
  }

  private followUp(): void {
    this.followUntil = this.now() + (this.deps.followUp ?? DEFAULT_FOLLOW_UP).forMs;
    this.schedule((this.deps.followUp ?? DEFAULT_FOLLOW_UP).everyMs);
  }

  /** One timer: refreshes when due (often while following a checkout), and re-weighs the grace periods. */
  private schedule(inMs: number): void {
    clearTimeout(this.timer);
    if (this.closed) return;
    this.timer = setTimeout(() => void this.tick(), inMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    const now = this.now();
    const following = now < this.followUntil;
    const due = following || now - this.lastRefresh >= (this.deps.refreshEveryMs ?? DEFAULT_REFRESH_MS);
    if (due && this.deps.signedIn()) await this.refresh().catch(() => {});
    this.changed();
    this.schedule(following ? (this.deps.followUp ?? DEFAULT_FOLLOW_UP).everyMs : REWEIGH_MS);
  }

  private changed(): void {
    const status = this.status();
    const key = JSON.stringify(status);
    if (key === this.last) return;
    this.last = key;
    for (const listener of this.listeners) listener(status);
  }
}
