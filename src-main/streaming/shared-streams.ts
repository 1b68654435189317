// A stream of one (venue, symbol) shared between subscribers: one upstream `watch*` however many windows show it,
// stopped when the last one leaves. A late subscriber first gets what was kept (the recent trades, the last ticker),
// so it shows something before the next message, and the stream's status if it is not live. What is watched, what
// is kept and how long a silence may last is the kind's (trade-streams.ts, ticker-streams.ts).
import { AppError, type Symbol, type VenueId } from '../../src-shared';
import type { LiveCandleSource, StatusChange, StatusListener } from '../exchanges';
import { SilenceWatch } from './silence-watch';

export interface StreamKey {
  venue: VenueId;
  symbol: Symbol;
}

export interface SharedStreamKind<Value> {
  /** In errors: "binance does not stream its {what}". */
  what: string;
  /** Starts the upstream watch, or undefined when the source cannot stream this kind. */
  watch(source: LiveCandleSource, symbol: Symbol, onValue: (value: Value) => void, onStatus: StatusListener): (() => void) | undefined;
  /** What a late subscriber is given at once: what was kept with the new value added. */
  keep(kept: Value | undefined, value: Value): Value;
  /** Silence longer than this marks the stream stale; absent where silence is normal (a quiet tape). */
  staleAfterMs?(source: LiveCandleSource): number;
  /** Told once per value from upstream, however many subscribers: what the whole app learns from it (a price). */
  heard?(value: Value): void;
}

interface Subscriber<Value> {
  onValue: (value: Value) => void;
  onStatus: StatusListener | undefined;
}

interface Shared<Value> {
  key: string;
  subscribers: Set<Subscriber<Value>>;
  kept?: Value;
  status?: StatusChange;
  silence?: SilenceWatch;
  stop: () => void;
}

export class SharedStreams<Value> {
  private readonly streams = new Map<string, Shared<Value>>();

  constructor(
    private readonly sources: (venue: VenueId) => LiveCandleSource | undefined,
    private readonly kind: SharedStreamKind<Value>,
  ) {}

  get activeStreams(): number {
    return this.streams.size;
  }

  subscribe(key: StreamKey, onValue: (value: Value) => void, onStatus?: StatusListener): () => void {
    const id = `${key.venue}|${key.symbol}`;
    const subscriber: Subscriber<Value> = { onValue, onStatus };
    let shared = this.streams.get(id);
    if (shared) {
      shared.subscribers.add(subscriber);
      if (shared.kept !== undefined) onValue(shared.kept);
      if (shared.status && shared.status.status !== 'live') onStatus?.(shared.status);
    } else {
      shared = this.open(id, key, subscriber);
    }
    const subscribed = shared;
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      subscribed.subscribers.delete(subscriber);
      if (subscribed.subscribers.size === 0 && this.streams.get(id) === subscribed) this.end(subscribed);
    };
  }

  close(): void {
    for (const shared of [...this.streams.values()]) this.end(shared);
  }

  private end(shared: Shared<Value>): void {
    this.streams.delete(shared.key);
    shared.silence?.stop();
    shared.stop();
  }

  private open(id: string, key: StreamKey, first: Subscriber<Value>): Shared<Value> {
    const source = this.sources(key.venue);
    if (!source) throw new AppError('VENUE_UNAVAILABLE', `${key.venue} has no live data connection`);
    const shared: Shared<Value> = { key: id, subscribers: new Set([first]), stop: () => {} };
    this.streams.set(id, shared);
    try {
      const stop = this.kind.watch(
        source,
        key.symbol,
        (value) => this.received(shared, value),
        (change) => this.setStatus(shared, change),
      );
      if (!stop) throw new AppError('NOT_FOUND', `${key.venue} does not stream its ${this.kind.what}`);
      shared.stop = stop;
    } catch (error) {
      this.streams.delete(id);
      throw error;
    }
    const staleAfterMs = this.kind.staleAfterMs?.(source);
    if (staleAfterMs !== undefined) {
      shared.silence = new SilenceWatch(staleAfterMs, (quiet) => {
        // A stream already reconnecting or failed says more than "quiet".
        if (!shared.status || shared.status.status === 'live') this.setStatus(shared, { status: 'stale', reason: `no update for ${Math.round(quiet / 1000)} s` });
      });
    }
    return shared;
  }

  private received(shared: Shared<Value>, value: Value): void {
    shared.silence?.heard();
    shared.kept = this.kind.keep(shared.kept, value);
    this.kind.heard?.(value);
    if (shared.status && shared.status.status !== 'live') this.setStatus(shared, { status: 'live' });
    for (const subscriber of shared.subscribers) {
      try {
        subscriber.onValue(value);
      } catch (error) {
        console.error(`${this.kind.what} listener for ${shared.key} failed`, error);
      }
    }
  }

  private setStatus(shared: Shared<Value>, change: StatusChange): void {
    const current = shared.status;
    if (current && current.status === change.status && current.reason === change.reason) return;
    if (!current && change.status === 'live') return; // live from the start: nothing to announce
    shared.status = change;
    for (const subscriber of shared.subscribers) {
      try {
        subscriber.onStatus?.(change);
      } catch (error) {
        console.error(`status listener for ${shared.key} failed`, error);
      }
    }
  }
}
