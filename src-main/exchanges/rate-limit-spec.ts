// The declarative shape of a venue's REST rate limits. It describes the venue, so it lives here: each venue file
// (binance, gate, mexc) provides one, and resilience's rate budget enforces it. Kept free of runtime code.

/** Every method of the ExchangeAdapter port that sends REST requests, plus variants that the venue prices apart. */
export const EXCHANGE_OPERATIONS = [
  'markets',
  'ticker',
  'candles',
  'balance',
  'createOrder',
  'cancelOrder',
  'fetchOrder',
  'fetchOrderByClientId',
  'openOrders',
  /** openOrders without a symbol: Binance charges 80 instead of 6 for it. */
  'openOrdersAll',
  'myTrades',
] as const;
export type ExchangeOperation = (typeof EXCHANGE_OPERATIONS)[number];

/** One limit the venue enforces: at most `limit` cost units in any `intervalMs`. */
export interface RateWindowSpec {
  /** The venue's name for it, e.g. Binance `REQUEST_WEIGHT` or `ORDERS`. */
  readonly id: string;
  readonly intervalMs: number;
  readonly limit: number;
}

/** Cost of one call per window id; a window the operation does not name costs nothing. */
export type OperationCost = Readonly<Record<string, number>>;

export interface RateLimitSpec {
  readonly windows: readonly RateWindowSpec[];
  /** Per operation; operations absent here cost `defaultCost`. */
  readonly costs: Readonly<Partial<Record<ExchangeOperation, OperationCost>>>;
  /** Cost of an operation the table does not list. Defaults to 1 in every window. */
  readonly defaultCost?: OperationCost;
  /**
   * Fraction of each limit kept free (0.1 = use at most 90 %), because other clients on the same IP or key, and
   * ccxt's own implicit calls (loadMarkets), spend from the same allowance without telling us. Default 0.1.
   */
  readonly safetyMargin?: number;
  /** Header names carrying the server's count of used cost per window, e.g. `{ REQUEST_WEIGHT: 'x-mbx-used-weight-1m' }`. */
  readonly usedHeaders?: Readonly<Record<string, string>>;
}
