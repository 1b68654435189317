import { randomUUID } from 'node:crypto';
import { FrameCoalescer, TradeBatcher } from '../streaming';
import type { ApiServices } from './services';
import type { Handlers } from './dispatcher';
import type { Session } from './session';

type MarketChannels =
  | 'market:markets'
  | 'market:ticker'
  | 'market:candles'
  | 'market:subscribe'
  | 'market:subscribe-trades'
  | 'market:unsubscribe';

interface Subscription {
  sessionId: string;
  stop: () => void;
}

export function marketHandlers({ venues, streams, tapes }: ApiServices): Pick<Handlers, MarketChannels> {
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

  return {
    'market:markets': ({ venue }) => venues.get(venue).markets(),
    'market:ticker': ({ venue, symbol }) => venues.get(venue).ticker(symbol),
    'market:candles': ({ venue, symbol, timeframe, limit, before }) =>
      venues.get(venue).candles(symbol, timeframe, before === undefined ? { limit } : { limit, before }),

    'market:subscribe': async (series, session) => {
      // Checks the symbol (a typed NOT_FOUND) before any stream starts.
      await venues.get(series.venue).ticker(series.symbol);
      const subscriptionId = randomUUID();
      // Coalesced here, the one path both transports share: at most one push per stream per frame.
      const coalescer = new FrameCoalescer(({ closed, candle, ticker }) => {
        session.push('candle.updated', { subscriptionId, ...series, ...(closed.length > 0 ? { closed } : {}), candle, ticker });
      });
      const stopStream = streams.subscribe(
        series,
        (update) => coalescer.offer(update),
        ({ status, reason }) => {
          coalescer.flush(); // candles from before the change arrive before it
          session.push('stream.status-changed', { subscriptionId, status, ...(reason === undefined ? {} : { reason }) });
        },
      );
      register(subscriptionId, session, () => {
        coalescer.close();
        stopStream();
      });
      return { subscriptionId };
    },

    'market:subscribe-trades': async ({ venue, symbol }, session) => {
      await venues.get(venue).ticker(symbol); // a typed NOT_FOUND for an unknown symbol, before any stream starts
      const subscriptionId = randomUUID();
      // Appended within a frame, not replaced: every trade belongs on the tape.
      const batcher = new TradeBatcher((trades) => session.push('trades.updated', { subscriptionId, venue, symbol, trades }));
      const stopTape = tapes.subscribe(
        { venue, symbol },
        (trades) => batcher.offer(trades),
        ({ status, reason }) => {
          batcher.flush();
          session.push('stream.status-changed', { subscriptionId, status, ...(reason === undefined ? {} : { reason }) });
        },
      );
      register(subscriptionId, session, () => {
        batcher.close();
        stopTape();
      });
      return { subscriptionId };
    },

    'market:unsubscribe': ({ subscriptionId }, session) => {
      const subscription = subscriptions.get(subscriptionId);
      if (!subscription || subscription.sessionId !== session.id) return { unsubscribed: false };
      subscriptions.delete(subscriptionId);
      subscription.stop();
      return { unsubscribed: true };
    },
  };
}
