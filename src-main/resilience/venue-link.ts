// Whether a venue answers, decided once per venue rather than once per stream. Streams (and the account) that gave
// up their own fast retries wait here; the link probes the venue at a slow steady pace — one probe at a time, made
// by one of the waiters with its own real call, so a probe fails exactly when their connections would — and when it
// answers every waiter goes at once. Connection attempts of the venue (reconnects and probes alike) are counted
// against the venue's documented limit, so a long outage with many streams never gets the address banned.
import type { VenueId } from '../../src-shared';
import { systemClock, type Clock } from './clock';
import type { RateWindowSpec } from '../exchanges';
import { SlidingWindow } from './sliding-window';

export type LinkState =
  | { state: 'live' }
  /** Unreachable: `nextProbeAt` is when it is tried again (absent while nothing waits for it). */
  | { state: 'offline'; since: number; reason: string; nextProbeAt?: number }
  /** The venue answered but refused the account's keys: retrying cannot fix it, the trader must. */
  | { state: 'rejected'; reason: string };

/** One waiter's real call, tried as the venue's probe; resolves when the venue answered it. */
export type Probe = () => Promise<void>;

export interface VenueLinkOptions {
  clock?: Clock;
  /** The slow pace: a probe at most this often (jitter only shortens it). */
  probeEveryMs?: number;
  /** Share of the pause taken off at random (0..0.5), so that several apps behind one router do not knock in step. */
  jitter?: number;
  random?: () => number;
  /** The venue's documented limit on connection attempts (Binance: 300 per 5 minutes per IP). */
  connectLimit?: RateWindowSpec;
  /**
   * A probe that has neither failed nor answered after this long got through (a watch on a quiet market waits for
   * its first message; a refused or unreachable connection fails well before): the venue counts as reachable.
   */
  probeSettleMs?: number;
}

export const DEFAULT_PROBE_EVERY_MS = 15_000;
export const DEFAULT_PROBE_JITTER = 0.2;
/** Longer than a connection attempt's own timeout (ccxt: 10 s), so that a venue that drops packets is not taken as up. */
export const DEFAULT_PROBE_SETTLE_MS = 20_000;

/** Documented WebSocket connection-attempt limits (Binance spot: 300 connections per 5 minutes per IP). */
export const CONNECT_LIMITS: Partial<Record<VenueId, RateWindowSpec>> = {
  binance: { id: 'ws-connect-5m', limit: 300, intervalMs: 300_000 },
};

interface Waiter {
  probe: Probe | undefined;
  release: () => void;
}

export class VenueLink {
  private current: LinkState = { state: 'live' };
  private readonly waiters = new Set<Waiter>();
  private readonly reachableListeners = new Set<() => void>();
  private readonly changeListeners = new Set<(state: LinkState) => void>();
  private readonly attempts: SlidingWindow | undefined;
  private cancelTimer: (() => void) | undefined;
  private probing = false;
  /** Round robin over the waiters: a waiter whose own call keeps failing for its own reason does not starve the rest. */
  private turn = 0;
  private readonly clock: Clock;
  /** Probes made, for tests and the recovery benchmark. */
  probes = 0;

  constructor(
    readonly venue: VenueId,
    private readonly options: VenueLinkOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    const limit = options.connectLimit ?? CONNECT_LIMITS[venue];
    this.attempts = limit ? new SlidingWindow(limit, 0.1) : undefined;
  }

  get state(): LinkState {
    return this.current;
  }

  /** Connection attempts counted in the last window, and the limit they are held under. */
  attemptsUsed(): { used: number; limit: number } | undefined {
    if (!this.attempts) return undefined;
    return { used: this.attempts.used(this.clock.now()), limit: this.attempts.limit };
  }

  /**
   * Counts one connection attempt if the venue's limit allows it now (returns 0), or says how long to wait first.
   * A reconnect and a probe both call it before they dial.
   */
  reserveAttempt(): number {
    if (!this.attempts) return 0;
    const now = this.clock.now();
    const wait = this.attempts.waitFor(1, now);
    if (wait > 0) return wait === Infinity ? 1_000 : wait;
    this.attempts.reserve(1);
    this.attempts.complete(1, now);
    return 0;
  }

  /** Something of this venue answered (a stream got data, the account connected): every waiter goes now. */
  reached(): void {
    if (this.current.state === 'live') return;
    this.setState({ state: 'live' });
    this.stopTimer();
    const waiting = [...this.waiters];
    this.waiters.clear();
    for (const waiter of waiting) waiter.release();
    for (const listener of this.reachableListeners) {
      try {
        listener();
      } catch (error) {
        console.error(`a listener of ${this.venue} becoming reachable failed`, error);
      }
    }
  }

  /** The venue refused the account's keys. Waiters are not released: nothing changes until the trader acts. */
  rejected(reason: string): void {
    this.stopTimer();
    this.setState({ state: 'rejected', reason });
  }

  /**
   * Waits until the venue is reachable again, offering `probe` as one way to find out; marks the venue offline with
   * `reason` if it was not yet. Returns the wait and the function that gives it up (the stream was stopped).
   */
  whenReachable(reason: string, probe?: Probe): { reachable: Promise<void>; cancel: () => void } {
    let waiter!: Waiter;
    const reachable = new Promise<void>((resolve) => {
      waiter = { probe, release: resolve };
    });
    this.waiters.add(waiter);
    if (this.current.state !== 'offline') this.setState({ state: 'offline', since: this.clock.now(), reason });
    this.schedule();
    return {
      reachable,
      cancel: () => {
        this.waiters.delete(waiter);
        if (this.waiters.size === 0) this.stopTimer();
      },
    };
  }

  /** Probes at once (the trader pressed Retry now, the machine woke up, the network came back). */
  probeNow(): void {
    if (this.current.state !== 'offline') return;
    this.stopTimer();
    void this.probe();
  }

  /** Calls `listener` each time the venue answers again after being offline. Returns the function that stops it. */
  onReachable(listener: () => void): () => void {
    this.reachableListeners.add(listener);
    return () => this.reachableListeners.delete(listener);
  }

  onChange(listener: (state: LinkState) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  close(): void {
    this.stopTimer();
    this.waiters.clear();
  }

  private schedule(): void {
    if (this.cancelTimer || this.probing || this.waiters.size === 0 || this.current.state !== 'offline') return;
    const every = this.options.probeEveryMs ?? DEFAULT_PROBE_EVERY_MS;
    const jitter = Math.min(0.5, Math.max(0, this.options.jitter ?? DEFAULT_PROBE_JITTER));
    const delay = Math.round(every * (1 - jitter * (this.options.random ?? Math.random)()));
    this.cancelTimer = this.clock.setTimer(() => {
      this.cancelTimer = undefined;
      void this.probe();
    }, delay);
    this.setState({ ...this.current, nextProbeAt: this.clock.now() + delay });
  }

  private async probe(): Promise<void> {
    if (this.probing || this.current.state !== 'offline') return;
    // Only waiters that offered a call of their own can find out; the others just wait for the answer.
    const waiters = [...this.waiters].filter((w) => w.probe !== undefined);
    if (waiters.length === 0) return;
    const wait = this.reserveAttempt();
    if (wait > 0) {
      // The venue's limit is spent: the probe waits for room rather than risking a ban.
      this.cancelTimer = this.clock.setTimer(() => {
        this.cancelTimer = undefined;
        void this.probe();
      }, wait);
      this.setState({ ...this.current, nextProbeAt: this.clock.now() + wait });
      return;
    }
    const waiter = waiters[this.turn++ % waiters.length]!;
    this.probing = true;
    this.probes++;
    let cancelSettle: (() => void) | undefined;
    try {
      const probe = waiter.probe!();
      // Once settled by time, a later failure of this call is its owner's (it calls again), not this probe's.
      probe.catch(() => undefined);
      const settled = new Promise<void>((resolve) => {
        cancelSettle = this.clock.setTimer(resolve, this.options.probeSettleMs ?? DEFAULT_PROBE_SETTLE_MS, true);
      });
      await Promise.race([probe, settled]);
      cancelSettle?.();
      this.probing = false;
      this.reached();
    } catch (error) {
      cancelSettle?.();
      this.probing = false;
      if (this.current.state !== 'offline') return;
      const reason = error instanceof Error ? error.message.split('\n')[0]!.slice(0, 200) : String(error);
      this.setState({ state: 'offline', since: this.current.since, reason });
      this.schedule();
    }
  }

  private stopTimer(): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
  }

  private setState(state: LinkState): void {
    this.current = state;
    for (const listener of this.changeListeners) {
      try {
        listener(state);
      } catch (error) {
        console.error(`a listener of ${this.venue}'s link failed`, error);
      }
    }
  }
}

/** One link per venue for the whole app, created on first use. */
export class VenueLinks {
  private readonly links = new Map<VenueId, VenueLink>();
  private readonly created = new Set<(link: VenueLink) => void>();

  constructor(private readonly options: VenueLinkOptions = {}) {}

  get(venue: VenueId): VenueLink {
    let link = this.links.get(venue);
    if (!link) {
      link = new VenueLink(venue, this.options);
      this.links.set(venue, link);
      for (const listener of this.created) listener(link);
    }
    return link;
  }

  all(): VenueLink[] {
    return [...this.links.values()];
  }

  /** Calls `listener` each time `venue` answers again after an outage (the kill switch sweeps then). */
  onReachable(venue: VenueId, listener: () => void): () => void {
    return this.get(venue).onReachable(listener);
  }

  /**
   * Calls `listener` with the venue each time any venue answers again after an outage, links created later
   * included: one subscription for the kill switch's and the dead-man's sweeps ("venue reachable, sweep now").
   */
  onAnyReachable(listener: (venue: VenueId) => void): () => void {
    const stops = new Map<VenueLink, () => void>();
    const watch = (link: VenueLink) => stops.set(link, link.onReachable(() => listener(link.venue)));
    for (const link of this.links.values()) watch(link);
    this.created.add(watch);
    return () => {
      this.created.delete(watch);
      for (const stop of stops.values()) stop();
    };
  }

  /** Calls `listener` with every link's changes, those created later included. */
  onChange(listener: (venue: VenueId, state: LinkState) => void): () => void {
    const stops = new Map<VenueLink, () => void>();
    const watch = (link: VenueLink) => stops.set(link, link.onChange((state) => listener(link.venue, state)));
    for (const link of this.links.values()) watch(link);
    this.created.add(watch);
    return () => {
      this.created.delete(watch);
      for (const stop of stops.values()) stop();
    };
  }

  /** Probes every offline venue at once (a wake-up, the network back). */
  probeAll(): void {
    for (const link of this.links.values()) link.probeNow();
  }

  close(): void {
    for (const link of this.links.values()) link.close();
  }
}
