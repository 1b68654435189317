// The price sources of the market-data aggregator (`providers:*`): which sources exist (data APIs and the connected
// exchanges), in what order they are asked, their keys, and what each one answered. The venues' own market channels
// are `market:*` (src-shared/market.ts).
import { z } from 'zod';
import { Candle, Symbol, Timeframe, VENUE_IDS } from './domain';
import { ErrorCode } from './errors';

/** Third-party data APIs. Each connected exchange is a source too, under its venue id. */
export const DATA_API_IDS = ['coinmarketcap', 'yahoo', 'alpha-vantage', 'polygon'] as const;
export const DataApiId = z.enum(DATA_API_IDS);
export type DataApiId = z.infer<typeof DataApiId>;

export const ProviderId = z.enum([...DATA_API_IDS, ...VENUE_IDS]);
export type ProviderId = z.infer<typeof ProviderId>;

export const ProviderCapability = z.enum(['quote', 'candles']);
export type ProviderCapability = z.infer<typeof ProviderCapability>;

/** What the settings screen shows of a source. A key is only ever reported as set or not, never sent back. */
export const ProviderInfo = z.object({
  id: ProviderId,
  name: z.string(),
  kind: z.enum(['data-api', 'exchange']),
  capabilities: z.array(ProviderCapability),
  needsKey: z.boolean(),
  keySet: z.boolean(),
  /** The free tier's limits in words, e.g. "5 requests/min, 25/day". */
  rateLimit: z.string(),
  /** False for an exchange that is not connected. */
  available: z.boolean(),
});
export type ProviderInfo = z.infer<typeof ProviderInfo>;

export const ProvidersState = z.object({
  /** Every source, most trusted first: `providers:quote` asks them in this order. */
  priority: z.array(ProviderId),
  providers: z.array(ProviderInfo),
});
export type ProvidersState = z.infer<typeof ProvidersState>;

/** Why a source gave no answer: `called` is false when it was skipped (no key, at its rate limit, unsupported). */
export const ProviderFailure = z.object({
  provider: ProviderId,
  name: z.string(),
  called: z.boolean(),
  code: ErrorCode,
  message: z.string(),
  retryAfterMs: z.number().int().nonnegative().optional(),
});
export type ProviderFailure = z.infer<typeof ProviderFailure>;

export const SourcedQuote = z.object({
  provider: ProviderId,
  name: z.string(),
  symbol: Symbol,
  /** The source's own name for the pair, e.g. Yahoo's `BTC-USD` for BTC/USDT. */
  pair: z.string(),
  price: z.number().finite().positive(),
  bid: z.number().finite().positive().optional(),
  ask: z.number().finite().positive().optional(),
  /** When the source says the price was made (ms since the epoch). */
  timestamp: z.number().int().nonnegative(),
  /** How old the price is now: now − timestamp. */
  ageMs: z.number().int().nonnegative(),
  /** Served from the in-memory cache rather than a new request. */
  cached: z.boolean(),
});
export type SourcedQuote = z.infer<typeof SourcedQuote>;

export const QuoteResult = z.object({
  /** Absent when every source failed; `failures` says why, source by source. */
  quote: SourcedQuote.optional(),
  failures: z.array(ProviderFailure),
});
export type QuoteResult = z.infer<typeof QuoteResult>;

export const SourceRow = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), quote: SourcedQuote }),
  z.object({ ok: z.literal(false), failure: ProviderFailure }),
]);
export type SourceRow = z.infer<typeof SourceRow>;

export const CompareResult = z.object({ symbol: Symbol, rows: z.array(SourceRow) });
export type CompareResult = z.infer<typeof CompareResult>;

export const CandlesResult = z.object({
  /** The source that answered, or absent when the candles come from the local store only. */
  provider: ProviderId.optional(),
  /** True when every source failed and these are the candles stored earlier. */
  fromStore: z.boolean(),
  candles: z.array(Candle),
  failures: z.array(ProviderFailure),
});
export type CandlesResult = z.infer<typeof CandlesResult>;

export const MAX_API_KEY_LENGTH = 256;

const NoPayload = z.object({}).strict();
const QuoteRequest = z.object({ symbol: Symbol }).strict();

export const providersChannels = {
  /** The price sources (data APIs and exchanges) in priority order; keys are reported only as set or not. */
  'providers:list': { req: NoPayload, res: ProvidersState },
  'providers:set-priority': { req: z.object({ priority: z.array(ProviderId).min(1) }).strict(), res: ProvidersState },
  /** Stores a data API's key in the OS keychain; the answer says only that it is set. */
  'providers:set-key': {
    req: z.object({ provider: DataApiId, apiKey: z.string().trim().min(1).max(MAX_API_KEY_LENGTH) }).strict(),
    res: ProviderInfo,
  },
  'providers:remove-key': { req: z.object({ provider: DataApiId }).strict(), res: ProviderInfo },
  /** The first source's price in priority order, with every failure before it. */
  'providers:quote': { req: QuoteRequest, res: QuoteResult },
  /** Every source's price (with its age) or failure, side by side. */
  'providers:compare': { req: QuoteRequest, res: CompareResult },
  'providers:candles': {
    req: z
      .object({
        symbol: Symbol,
        timeframe: Timeframe,
        limit: z.number().int().min(1).max(5000).default(500),
        before: z.number().int().nonnegative().optional(),
      })
      .strict(),
    res: CandlesResult,
  },
} as const;
