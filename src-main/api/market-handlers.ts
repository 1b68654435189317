import { randomUUID } from 'node:crypto';
import type { ApiServices } from './services';
import type { Handlers } from './dispatcher';

type MarketChannels = 'market:markets' | 'market:ticker' | 'market:candles' | 'market:subscribe' | 'market:unsubscribe';

interface Subscription {
  sessionId: string;
  stop: () => void;
}

export function marketHandlers({ venues, streams }: ApiServices): Pick<Handlers, MarketChannels> {
  // Subscriptions belong to the session that made them: another session cannot cancel them, and they end with it.
  const subscriptions = new Map<string, Subscription>();

  return {
    'market:markets': ({ venue }) => venues.get(venue).markets(),
    'market:ticker': ({ venue, symbol }) => venues.get(venue).ticker(symbol),
    'market:candles': ({ venue, symbol, timeframe, limit, before }) =>
      venues.get(venue).candles(symbol, timeframe, before === undefined ? { limit } : { limit, before }),

    'market:subscribe': async (series, session) => {
      // Checks the symbol (a typed NOT_FOUND) before any stream starts.
      await venues.get(series.venue).ticker(series.symbol);
      const subscriptionId = randomUUID();
      let first = true;
      const stopStream = streams.subscribe(series, ({ candle, ticker }) => {
        session.push('candle.updated', { subscriptionId, ...series, candle });
        session.push('ticker.updated', { subscriptionId, ticker });
        if (first) {
          first = false;
          session.push('stream.status-changed', { subscriptionId, status: 'live' });
        }
      });
      const cancelOnClose = session.onClose(() => {
        subscriptions.delete(subscriptionId);
        stopStream();
      });
      subscriptions.set(subscriptionId, {
        sessionId: session.id,
        stop: () => {
          cancelOnClose();
          stopStream();
        },
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
