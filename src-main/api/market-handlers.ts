import { randomUUID } from 'node:crypto';
import type { Ticker } from '../../src-shared';
import { FrameBatcher, FrameCoalescer, newestWins, TradeBatcher, type StatusChange, type StreamKey } from '../streaming';
import type { ApiServices } from './services';
import type { Handlers } from './dispatcher';
import type { Session } from './session';

type MarketChannels =
  | 'market:markets'
  | 'market:ticker'
  | 'market:candles'
  | 'market:subscribe'
  | 'market:subscribe-trades'
  | 'market:subscribe-ticker'
  | 'market:unsubscribe';

interface Subscription {
  sessionId: string;
  stop: () => void;
}

/** What a stream subscription needs: its registry's subscribe and how it pushes to the session. */
interface StreamSubscription<Key extends StreamKey, Value> {
  subscribe: (key: Key, onValue: (value: Value) => void, onStatus: (change: StatusChange) => void) => () => void;
  /** Coalesces towards the session, pushing the event with the subscription's id. */
  batcher: (subscriptionId: string) => { offer(value: Value): void; flush(): void; close(): void };
}

export function marketHandlers({ venues, streams, tapes, tickers }: ApiServices): Pick<Handlers, MarketChannels> {
  // Subscriptions belong to the session that made them: another session cannot cancel them, and they end with it.
  const subscriptions = new Map<string, Subscription>();

  /** Ties a running subscription to its session: it ends with the session or by `market:unsubscribe`. */
  const register = (subscriptionId: string, session: Session, stop: () => void): void => {
    const cancelOnClose = session.onClose(() => {
      subscriptions.delete(subscriptionId);
      stop();
    });
    subscriptions.set(subscriptionId, {
      sessionId: session.id,
      stop: () => {
        cancelOnClose();
        stop();
      },
    });
  };

  /**
   * A candle, trades or ticker subscription: the symbol checked first, then coalesced here, the one path both
   * transports share (at most one push per stream per frame), and tied to the session.
   */
  async function subscribeStream<Key extends StreamKey, Value>(key: Key, session: Session, shared: StreamSubscription<Key, Value>) {
    await venues.get(key.venue).ticker(key.symbol); // a typed NOT_FOUND for an unknown symbol, before any stream starts
    const subscriptionId = randomUUID();
    const batcher = shared.batcher(subscriptionId);
    const stop = shared.subscribe(
      key,
      (value) => batcher.offer(value),
      ({ status, reason }) => {
        batcher.flush(); // what came before the change arrives before it
        session.push('stream.status-changed', { subscriptionId, status, ...(reason === undefined ? {} : { reason }) });
      },
    );
    register(subscriptionId, session, () => {
      batcher.close();
      stop();
    });
    return { subscriptionId };
  }

  return {
    'market:markets': ({ venue }) => venues.get(venue).markets(),
    'market:ticker': ({ venue, symbol }) => venues.get(venue).ticker(symbol),
    'market:candles': ({ venue, symbol, timeframe, limit, before }) =>
      venues.get(venue).candles(symbol, timeframe, before === undefined ? { limit } : { limit, before }),

    'market:subscribe': (series, session) =>
      subscribeStream(series, session, {
        subscribe: (k, onUpdate, onStatus) => streams.subscribe(k, onUpdate, onStatus),
        batcher: (subscriptionId) =>
          new FrameCoalescer(({ closed, candle, ticker }) => {
            session.push('candle.updated', { subscriptionId, ...series, ...(closed.length > 0 ? { closed } : {}), candle, ticker });
          }),
      }),

    'market:subscribe-trades': (key, session) =>
      subscribeStream(key, session, {
        subscribe: (k, onTrades, onStatus) => tapes.subscribe(k, onTrades, onStatus),
        // Appended within a frame, not replaced: every trade belongs on the tape.
        batcher: (subscriptionId) => new TradeBatcher((trades) => session.push('trades.updated', { subscriptionId, ...key, trades })),
      }),

    'market:subscribe-ticker': (key, session) =>
      subscribeStream(key, session, {
        subscribe: (k, onTicker, onStatus) => tickers.subscribe(k, onTicker, onStatus),
        batcher: (subscriptionId) => new FrameBatcher<Ticker>(newestWins, (ticker) => session.push('ticker.updated', { subscriptionId, ticker })),
      }),

    'market:unsubscribe': ({ subscriptionId }, session) => {
      const subscription = subscriptions.get(subscriptionId);
      if (!subscription || subscription.sessionId !== session.id) return { unsubscribed: false };
      subscriptions.delete(subscriptionId);
      subscription.stop();
      return { unsubscribed: true };
    },
  };
}
