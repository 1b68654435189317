// Portfolio and performance (`portfolio:*`): what is held and what it is worth in one reporting currency, positions
// and P&L, the equity curve, statistics and CSV exports. Live, paper, demo and MetaTrader 5 money are separate views
// that are never added together. An amount that cannot be priced is null ("no price"), never 0.
import { z } from 'zod';
import { OrderSide, TradingMode, VenueId } from './domain';

const finite = z.number().finite();
const timestamp = z.number().int().nonnegative();

export const PORTFOLIO_VIEWS = ['live', 'paper', 'demo', 'mt5'] as const;
/** Which money is shown: live accounts (the default), paper, demo, or MetaTrader 5. */
export const PortfolioView = z.enum(PORTFOLIO_VIEWS);
export type PortfolioView = z.infer<typeof PortfolioView>;

export const EQUITY_RANGES = ['1D', '1W', '1M', 'all'] as const;
export const EquityRange = z.enum(EQUITY_RANGES);
export type EquityRange = z.infer<typeof EquityRange>;

/** Currencies a trader reports in. */
export const REPORTING_CURRENCIES = ['USDT', 'USD', 'USDC', 'EUR', 'GBP', 'JPY', 'BTC', 'ETH'] as const;
export const ReportingCurrency = z.enum(REPORTING_CURRENCIES);
export type ReportingCurrency = z.infer<typeof ReportingCurrency>;

export const PortfolioSettings = z.object({ currency: ReportingCurrency }).strict();
export type PortfolioSettings = z.infer<typeof PortfolioSettings>;

export const ValuedHoldingDto = z.object({
  venue: VenueId,
  mode: TradingMode,
  asset: z.string(),
  amount: finite,
  /** In the reporting currency; null: no price. */
  value: finite.nullable(),
  rate: finite.nullable(),
  /** Where the rate comes from ("binance ETH/USDT"). */
  rateSource: z.string().nullable(),
  /** When the rate was quoted; null for the currency itself. */
  rateAt: timestamp.nullable(),
});
export type ValuedHoldingDto = z.infer<typeof ValuedHoldingDto>;

const AssetAmount = z.object({ asset: z.string(), amount: finite });

export const PortfolioSummary = z.object({
  view: PortfolioView,
  currency: z.string(),
  at: timestamp,
  /** Sum of everything that could be priced. */
  equity: finite,
  holdings: z.array(ValuedHoldingDto),
  /** Holdings with no price: not in `equity`. */
  unpriced: z.array(AssetAmount.extend({ venue: VenueId })),
  /** Realized P&L net of fees; unrealized P&L of open positions at the last prices. */
  realized: finite,
  unrealized: finite,
  fees: finite,
  /** Fees in an asset with no rate at the fill (BNB with no BNB price): not in P&L. */
  unconvertedFees: z.array(AssetAmount),
  /** Money sent in and out, seen in balances: apart from P&L. */
  deposits: finite,
  withdrawals: finite,
  /** P&L or transfers in a currency with no rate into the reporting one: left out of the sums above. */
  unconvertedCount: z.number().int().nonnegative(),
  accounts: z.array(z.object({ venue: VenueId, mode: TradingMode, equity: finite, unpricedCount: z.number().int().nonnegative() })),
});
export type PortfolioSummary = z.infer<typeof PortfolioSummary>;

export const PortfolioPosition = z.object({
  venue: VenueId,
  mode: TradingMode,
  symbol: z.string(),
  base: z.string(),
  quote: z.string(),
  /** Signed base units: negative for a short (netting) position. */
  quantity: finite,
  /** Average cost per unit, in the quote (see docs/portfolio.md for the method). */
  averagePrice: finite,
  mark: finite.nullable(),
  /** In the quote: null when there is no price. */
  unrealized: finite.nullable(),
  realized: finite,
  /** Realized P&L by FIFO lots (for taxes), in the quote. */
  realizedFifo: finite,
  fees: finite,
  openLots: z.number().int().nonnegative(),
  trades: z.number().int().nonnegative(),
  /** The realized and unrealized P&L in the reporting currency; null when the quote has no rate. */
  realizedInCurrency: finite.nullable(),
  unrealizedInCurrency: finite.nullable(),
});
export type PortfolioPosition = z.infer<typeof PortfolioPosition>;

export const EquityPointDto = z.object({ at: timestamp, equity: finite });
export type EquityPointDto = z.infer<typeof EquityPointDto>;

export const EquityCurve = z.object({
  view: PortfolioView,
  currency: z.string(),
  range: EquityRange,
  points: z.array(EquityPointDto),
  /** Under each point: how far below the highest equity so far (0 or negative). */
  drawdown: z.array(EquityPointDto),
});
export type EquityCurve = z.infer<typeof EquityCurve>;

export const PerformanceStatistics = z.object({
  trades: z.number().int().nonnegative(),
  closedTrades: z.number().int().nonnegative(),
  wins: z.number().int().nonnegative(),
  losses: z.number().int().nonnegative(),
  winRate: finite.nullable(),
  averageWin: finite.nullable(),
  averageLoss: finite.nullable(),
  profitFactor: finite.nullable(),
  realized: finite,
  fees: finite,
  maxDrawdown: finite,
  maxDrawdownPct: finite.nullable(),
  unconverted: z.number().int().nonnegative(),
});
export type PerformanceStatistics = z.infer<typeof PerformanceStatistics>;

export const PortfolioStatistics = z.object({
  view: PortfolioView,
  currency: z.string(),
  from: timestamp.nullable(),
  to: timestamp.nullable(),
  total: PerformanceStatistics,
  perSymbol: z.array(PerformanceStatistics.extend({ symbol: z.string() })),
});
export type PortfolioStatistics = z.infer<typeof PortfolioStatistics>;

/** One line of the P&L ledger: a fill and what it realized. */
export const LedgerEntry = z.object({
  /** Its place in the ledger, oldest 0: the cursor of the next page. */
  seq: z.number().int().nonnegative(),
  tradeId: z.string(),
  venue: VenueId,
  mode: TradingMode,
  symbol: z.string(),
  side: OrderSide,
  amount: finite,
  price: finite,
  at: timestamp,
  quote: z.string(),
  closed: finite,
  costPrice: finite,
  pnl: finite,
  pnlFifo: finite,
  fee: finite,
});
export type LedgerEntry = z.infer<typeof LedgerEntry>;

export const EXPORT_KINDS = ['trades', 'orders', 'ledger'] as const;
export const ExportKind = z.enum(EXPORT_KINDS);
export type ExportKind = z.infer<typeof ExportKind>;

export const PortfolioUpdated = z.object({
  view: PortfolioView,
  currency: z.string(),
  equity: finite,
  realized: finite,
  unrealized: finite,
  unpricedCount: z.number().int().nonnegative(),
  at: timestamp,
});
export type PortfolioUpdated = z.infer<typeof PortfolioUpdated>;

const ViewReq = z.object({ view: PortfolioView.default('live') }).strict();

export const portfolioChannels = {
  'portfolio:summary': { req: ViewReq, res: PortfolioSummary },
  'portfolio:positions': { req: ViewReq, res: z.array(PortfolioPosition) },
  'portfolio:equity': { req: ViewReq.extend({ range: EquityRange.default('1D') }).strict(), res: EquityCurve },
  /** For a period (both ends optional, ms since epoch), in total and per symbol. */
  'portfolio:statistics': {
    req: ViewReq.extend({ from: timestamp.optional(), to: timestamp.optional() }).strict(),
    res: PortfolioStatistics,
  },
  /** The P&L ledger, newest first, a page at a time: `before` is the `seq` of the last line of the previous page. */
  'portfolio:ledger': {
    req: ViewReq.extend({ before: z.number().int().nonnegative().optional(), limit: z.number().int().min(1).max(1000).default(200) }).strict(),
    res: z.array(LedgerEntry),
  },
  /** A CSV file: ISO times in UTC, a header row, a decimal point, one currency column per amount. */
  'portfolio:export': {
    req: ViewReq.extend({ kind: ExportKind }).strict(),
    res: z.object({ filename: z.string(), csv: z.string(), rows: z.number().int().nonnegative() }),
  },
  'portfolio:settings': { req: z.object({}).strict(), res: PortfolioSettings },
  'portfolio:update-settings': { req: PortfolioSettings, res: PortfolioSettings },
} as const;

export const portfolioEvents = {
  /** Equity or P&L of a view changed (a fill, a price, a balance): at most a few times a second. */
  'portfolio.updated': PortfolioUpdated,
} as const;
