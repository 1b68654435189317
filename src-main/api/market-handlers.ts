import { randomUUID } from 'node:crypto';
import { AppError, type Ticker } from '../../src-shared';
import { pendingWords, type StatusChange } from '../exchanges';
import { FrameBatcher, FrameCoalescer, newestWins, TradeBatcher, type StreamKey } from '../streaming';
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

/** Each stream costs the host memory and the venue a watch: one connection cannot open them without end. */
export const MAX_SUBSCRIPTIONS_PER_SESSION = 50;

/** What a stream subscription needs: its registry's subscribe and how it pushes to the session. */
interface StreamSubscription<Key extends StreamKey, Value> {
  subscribe: (key: Key, onValue: (value: Value) => void, onStatus: (change: StatusChange) => void) => () => void;
  /** Coalesces towards the session, pushing the event with the subscription's id. */
  batcher: (subscriptionId: string) => { offer(value: Value): void; flush(): void; close(): void };
}

export function marketHandlers({
  venues,
  streams,
  tapes,
  tickers,
}: Pick<ApiServices, 'venues' | 'streams' | 'tapes' | 'tickers'>): Pick<Handlers, MarketChannels> {
  // Subscriptions belong to the session that made them: another session cannot cancel them, and they end with it.
  const subscriptions = new Map<string, Subscription>();

  const heldBy = (session: Session): number => {
    let held = 0;
    for (const subscription of subscriptions.values()) if (subscription.sessionId === session.id) held++;
    return held;
  };

  /**
   * Takes a subscription's place before anything is awaited, so that a session closing meanwhile ends it and a burst
   * of requests cannot pass the cap together. The stream is attached once it runs; `ended` says it must not start.
   */
  const reserve = (session: Session) => {
    if (heldBy(session) >= MAX_SUBSCRIPTIONS_PER_SESSION) {
      throw new AppError(
        'TOO_MANY_SUBSCRIPTIONS',
        `at most ${MAX_SUBSCRIPTIONS_PER_SESSION} market subscriptions per connection: end some with market:unsubscribe first`,
      );
    }
    const subscriptionId = randomUUID();
    const slot = { subscriptionId, ended: false, stopStream: undefined as (() => void) | undefined, end: () => {} };
    let cancelOnClose = (): void => {};
    slot.end = () => {
      if (slot.ended) return;
      slot.ended = true;
      cancelOnClose();
      subscriptions.delete(subscriptionId);
      slot.stopStream?.();
    };
    subscriptions.set(subscriptionId, { sessionId: session.id, stop: slot.end });
    // After the entry exists: a session that is already closed runs `end` at once, which removes it again.
    cancelOnClose = session.onClose(slot.end);
    return slot;
  };

  /**
   * A candle, trades or ticker subscription: the symbol checked first, then coalesced here, the one path both
   * transports share (at most one push per stream per frame), and tied to the session.
   */
  async function subscribeStream<Key extends StreamKey, Value>(key: Key, session: Session, shared: StreamSubscription<Key, Value>) {
    const slot = reserve(session);
    const { subscriptionId } = slot;
    const pushStatus = ({ status, reason, retryAt }: StatusChange) =>
      session.push('stream.status-changed', {
        subscriptionId,
        status,
        ...(reason === undefined ? {} : { reason }),
        ...(retryAt === undefined ? {} : { retryAt: Math.round(retryAt) }),
      });
    const start = async () => {
      await venues.get(key.venue).ticker(key.symbol); // a typed NOT_FOUND for an unknown symbol, before any stream starts
      // The session may have closed during the await: nothing would ever stop a stream started now.
      if (slot.ended) throw new AppError('DISCONNECTED', 'the connection closed before the subscription started');
      const batcher = shared.batcher(subscriptionId);
      try {
        const stop = shared.subscribe(
          key,
          (value) => batcher.offer(value),
          (change) => {
            batcher.flush(); // what came before the change arrives before it
            pushStatus(change);
          },
        );
        slot.stopStream = () => {
          batcher.close();
          stop();
        };
      } catch (error) {
        batcher.close();
        throw error;
      }
    };
    if (venues.pendingState(key.venue)) {
      // The venue's saved account is still connecting or offline: the subscription is accepted now, says so, and
      // starts the moment the account connects.
      waitForVenue(key, slot, pushStatus, start);
      return { subscriptionId };
    }
    try {
      await start();
    } catch (error) {
      slot.end();
      throw error;
    }
    return { subscriptionId };
  }

  /** Shows a pending venue's state on the subscription until it connects, then starts it (or ends it with why not). */
  function waitForVenue(key: StreamKey, slot: ReturnType<typeof reserve>, pushStatus: (change: StatusChange) => void, start: () => Promise<void>) {
    const show = () => {
      const pending = venues.pendingState(key.venue);
      if (!pending || slot.ended) return;
      const change: StatusChange = { status: pending.status === 'connecting' ? 'reconnecting' : 'offline', reason: pendingWords(pending) };
      pushStatus(pending.retryAt === undefined ? change : { ...change, retryAt: pending.retryAt });
    };
    const stopWatching = venues.onChange((venue) => {
      if (venue === key.venue) show();
    });
    slot.stopStream = stopWatching;
    // After the answer that carries the subscription id has gone out: the client files the status under it.
    setTimeout(show, 0);
    void venues.whenAvailable(key.venue).then(async () => {
      stopWatching();
      if (slot.ended) return;
      try {
        await start();
      } catch (error) {
        if (slot.ended) return;
        pushStatus({ status: 'failed', reason: error instanceof Error ? error.message : String(error) });
        slot.end();
      }
    });
  }

  return {
    // A venue whose saved account is still connecting or offline: the request waits and is served once it connects.
    'market:markets': async ({ venue }) => {
      await venues.whenAvailable(venue);
      return venues.get(venue).markets();
    },
    'market:ticker': async ({ venue, symbol }) => {
      await venues.whenAvailable(venue);
      return venues.get(venue).ticker(symbol);
    },
    'market:candles': async ({ venue, symbol, timeframe, limit, before }) => {
      await venues.whenAvailable(venue);
      return venues.get(venue).candles(symbol, timeframe, before === undefined ? { limit } : { limit, before });
    },

    'market:subscribe': (series, session) =>
      subscribeStream(series, session, {
        subscribe: (k, onUpdate, onStatus) => streams.subscribe(k, onUpdate, onStatus),
        batcher: (subscriptionId) =>
          new FrameCoalescer(({ closed, candle }) => {
            session.push('candle.updated', { subscriptionId, ...series, ...(closed.length > 0 ? { closed } : {}), candle });
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
