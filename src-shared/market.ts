// Markets, candles, tickers and the public tape of the venues (`market:*`), and the events their subscriptions push.
import { z } from 'zod';
import { Candle, Market, PublicTrade, Symbol, Ticker, Timeframe, VenueId } from './domain';

const VenueRef = z.object({ venue: VenueId }).strict();
const SeriesRef = z.object({ venue: VenueId, symbol: Symbol, timeframe: Timeframe }).strict();

/**
 * offline: the venue is unreachable and probed at a slow pace (the stream resumes by itself when it answers);
 * failed: only what retrying cannot fix (an unknown symbol, refused keys).
 */
export const StreamStatus = z.enum(['live', 'stale', 'reconnecting', 'offline', 'failed']);
export type StreamStatus = z.infer<typeof StreamStatus>;

export const MAX_CANDLES_PER_REQUEST = 5000;

export const marketChannels = {
  'market:markets': {
    req: VenueRef,
    res: z.array(Market),
  },
  'market:ticker': {
    req: z.object({ venue: VenueId, symbol: Symbol }).strict(),
    res: Ticker,
  },
  'market:candles': {
    req: SeriesRef.extend({
      limit: z.number().int().min(1).max(MAX_CANDLES_PER_REQUEST).default(500),
      /** Only candles that open before this time: pages backwards through history. */
      before: z.number().int().nonnegative().optional(),
    }).strict(),
    res: z.array(Candle),
  },
  'market:subscribe': {
    req: SeriesRef,
    res: z.object({ subscriptionId: z.string() }),
  },
  /** The public tape (time & sales) of a symbol: `trades.updated` events, status in `stream.status-changed`. */
  'market:subscribe-trades': {
    req: z.object({ venue: VenueId, symbol: Symbol }).strict(),
    res: z.object({ subscriptionId: z.string() }),
  },
  /** The ticker (last price, 24 h change) of a symbol: `ticker.updated` events, status in `stream.status-changed`. */
  'market:subscribe-ticker': {
    req: z.object({ venue: VenueId, symbol: Symbol }).strict(),
    res: z.object({ subscriptionId: z.string() }),
  },
  /** Ends a candle, trades or ticker subscription. */
  'market:unsubscribe': {
    req: z.object({ subscriptionId: z.string().min(1) }).strict(),
    res: z.object({ unsubscribed: z.boolean() }),
  },
} as const;

export const marketEvents = {
  /** The forming (or just closed) candle of a subscribed series. */
  'candle.updated': z.object({
    subscriptionId: z.string(),
    venue: VenueId,
    symbol: Symbol,
    timeframe: Timeframe,
    /**
     * Bars that closed since the previous push, oldest first, each in its final state: a frame that saw a new bar
     * start (or a backfill after a reconnect) must not lose them. Apply them before `candle`.
     */
    closed: z.array(Candle).optional(),
    candle: Candle,
  }),
  /** New trades of a subscribed tape, oldest first (the first push carries the recent ones). */
  'trades.updated': z.object({ subscriptionId: z.string(), venue: VenueId, symbol: Symbol, trades: z.array(PublicTrade) }),
  'ticker.updated': z.object({ subscriptionId: z.string(), ticker: Ticker }),
  'stream.status-changed': z.object({
    subscriptionId: z.string(),
    status: StreamStatus,
    reason: z.string().optional(),
    /** When the next attempt is made (reconnecting, offline), for the badge's countdown. */
    retryAt: z.number().int().nonnegative().optional(),
  }),
} as const;
