// The one contract between renderer and main: every channel (`domain:verb`) with its request and response schema,
// and every event main pushes. Channel and event names are written here and nowhere else.
import { z } from 'zod';
import { Candle, Market, Symbol, Ticker, Timeframe, TradingMode, VenueId } from './domain';
import type { ApiErrorData } from './errors';

const NoPayload = z.object({}).strict();
const VenueRef = z.object({ venue: VenueId }).strict();
const SeriesRef = z.object({ venue: VenueId, symbol: Symbol, timeframe: Timeframe }).strict();

export const Theme = z.enum(['dark', 'light']);
export type Theme = z.infer<typeof Theme>;

/** What the trader last looked at, restored at the next start. */
export const Preferences = z.object({
  venue: VenueId,
  symbol: Symbol,
  timeframe: Timeframe,
  theme: Theme,
});
export type Preferences = z.infer<typeof Preferences>;

export const VenueSummary = z.object({
  id: VenueId,
  name: z.string(),
  mode: TradingMode,
  available: z.boolean(),
});
export type VenueSummary = z.infer<typeof VenueSummary>;

export const StreamStatus = z.enum(['live', 'stale', 'reconnecting', 'failed']);
export type StreamStatus = z.infer<typeof StreamStatus>;

export const MAX_CANDLES_PER_REQUEST = 5000;

export const contract = {
  'app:info': {
    req: NoPayload,
    res: z.object({
      name: z.string(),
      version: z.string(),
      transport: z.enum(['ipc', 'websocket']),
      defaultVenue: VenueId,
      venues: z.array(VenueSummary),
    }),
  },
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
  'market:unsubscribe': {
    req: z.object({ subscriptionId: z.string().min(1) }).strict(),
    res: z.object({ unsubscribed: z.boolean() }),
  },
  'settings:get': {
    req: NoPayload,
    res: Preferences,
  },
  'settings:update': {
    req: Preferences.partial().strict(),
    res: Preferences,
  },
} as const satisfies Record<string, { req: z.ZodType; res: z.ZodType }>;

export const events = {
  /** The forming (or just closed) candle of a subscribed series. */
  'candle.updated': z.object({
    subscriptionId: z.string(),
    venue: VenueId,
    symbol: Symbol,
    timeframe: Timeframe,
    candle: Candle,
  }),
  'ticker.updated': z.object({ subscriptionId: z.string(), ticker: Ticker }),
  'stream.status-changed': z.object({
    subscriptionId: z.string(),
    status: StreamStatus,
    reason: z.string().optional(),
  }),
} as const satisfies Record<string, z.ZodType>;

export type Contract = typeof contract;
export type Channel = keyof Contract;
/** What a caller sends (defaults not yet applied). */
export type Req<C extends Channel> = z.input<Contract[C]['req']>;
/** What a handler receives after validation. */
export type ParsedReq<C extends Channel> = z.output<Contract[C]['req']>;
export type Res<C extends Channel> = z.output<Contract[C]['res']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const CHANNELS = Object.keys(contract) as Channel[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.hasOwn(contract, value);
}

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && Object.hasOwn(events, value);
}

export type ApiResponse<T = unknown> = { ok: true; result: T } | { ok: false; error: ApiErrorData };

/**
 * What the renderer sees as `window.api`: the preload's implementation in Electron, a WebSocket bridge in a browser.
 * Both carry the same untyped frames; the typed client in the renderer sits on top.
 */
export interface ApiBridge {
  invoke(channel: string, payload: unknown): Promise<ApiResponse>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}
