// The public tape of a symbol shared between subscribers: one upstream `watchTrades` per (venue, symbol) however many
// windows show it, stopped when the last one leaves. A late subscriber first gets the recent trades, so its tape is
// not empty until the next trade. Trades are not backfilled after a reconnect (venues do not page their public tape
// reliably); the status tells the trader the tape was interrupted.
import { AppError, type PublicTrade, type Symbol, type VenueId } from '../../src-shared';
import type { LiveCandleSource } from '../exchanges';
import type { StatusChange, StatusListener } from './source';

export interface TapeKey {
  venue: VenueId;
  symbol: Symbol;
}

type TradesListener = (trades: PublicTrade[]) => void;

/** What a trade source may offer beyond the port: status changes of its connection. */
type TradeSource = LiveCandleSource & {
  watchTrades?(symbol: Symbol, onTrades: TradesListener, onStatus?: StatusListener): () => void;
};

/** Trades a late subscriber gets at once. */
export const RECENT_TRADES_KEPT = 50;

interface Subscriber {
  onTrades: TradesListener;
  onStatus: StatusListener | undefined;
}

interface Tape {
  key: string;
  subscribers: Set<Subscriber>;
  recent: PublicTrade[];
  status?: StatusChange;
  stop: () => void;
}

export class TradeStreams {
  private readonly tapes = new Map<string, Tape>();

  constructor(private readonly sources: (venue: VenueId) => TradeSource | undefined) {}

  get activeStreams(): number {
    return this.tapes.size;
  }

  subscribe(key: TapeKey, onTrades: TradesListener, onStatus?: StatusListener): () => void {
    const id = `${key.venue}|${key.symbol}`;
    const subscriber: Subscriber = { onTrades, onStatus };
    let tape = this.tapes.get(id);
    if (tape) {
      tape.subscribers.add(subscriber);
      if (tape.recent.length > 0) onTrades([...tape.recent]);
      if (tape.status && tape.status.status !== 'live') onStatus?.(tape.status);
    } else {
      tape = this.open(id, key, subscriber);
    }
    const subscribed = tape;
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      subscribed.subscribers.delete(subscriber);
      if (subscribed.subscribers.size === 0 && this.tapes.get(id) === subscribed) {
        this.tapes.delete(id);
        subscribed.stop();
      }
    };
  }

  close(): void {
    for (const tape of this.tapes.values()) tape.stop();
    this.tapes.clear();
  }

  private open(id: string, key: TapeKey, first: Subscriber): Tape {
    const source = this.sources(key.venue);
    if (!source) throw new AppError('VENUE_UNAVAILABLE', `${key.venue} has no live data connection`);
    if (!source.watchTrades) throw new AppError('NOT_FOUND', `${key.venue} does not stream its trades`);
    const tape: Tape = { key: id, subscribers: new Set([first]), recent: [], stop: () => {} };
    this.tapes.set(id, tape);
    try {
      tape.stop = source.watchTrades(
        key.symbol,
        (trades) => this.received(tape, trades),
        (change) => this.setStatus(tape, change),
      );
    } catch (error) {
      this.tapes.delete(id);
      throw error;
    }
    return tape;
  }

  private received(tape: Tape, trades: PublicTrade[]): void {
    tape.recent = [...tape.recent, ...trades].slice(-RECENT_TRADES_KEPT);
    if (tape.status && tape.status.status !== 'live') this.setStatus(tape, { status: 'live' });
    for (const subscriber of tape.subscribers) {
      try {
        subscriber.onTrades(trades);
      } catch (error) {
        console.error(`trades listener for ${tape.key} failed`, error);
      }
    }
  }

  private setStatus(tape: Tape, change: StatusChange): void {
    const current = tape.status;
    if (current && current.status === change.status && current.reason === change.reason) return;
    if (!current && change.status === 'live') return; // live from the start: nothing to announce
    tape.status = change;
    for (const subscriber of tape.subscribers) {
      try {
        subscriber.onStatus?.(change);
      } catch (error) {
        console.error(`status listener for ${tape.key} failed`, error);
      }
    }
  }
}
