// Shapes of the risk channels (`risk:*`) and the events they push: limits per account and global, the kill switch
// and the log of every refusal and engagement. Amounts are in the quote currency of the order's market (USDT for
// BTC/USDT); a figure over several markets (the global daily loss) converts each market's amounts into the order's
// quote currency with the portfolio's rates, and leaves out an amount that has no rate.
import { z } from 'zod';
import { Symbol, TradingMode, VenueId } from './domain';
import { ApiErrorData } from './errors';

const money = z.number().finite().positive();
const timestamp = z.number().int().nonnegative();

/** Every limit is optional: an absent one is not checked. */
export const RiskLimits = z
  .object({
    /** Largest value of one order (amount × price). */
    maxOrderNotional: money.optional(),
    /** Largest value of the position in one symbol, counting open orders that would add to it. */
    maxPositionNotional: money.optional(),
    /** Most orders open at once. */
    maxOpenOrders: z.number().int().positive().max(100_000).optional(),
    /** Largest loss since the daily reset, realized plus unrealized. */
    maxDailyLoss: money.optional(),
    /** Only these symbols may be traded; absent or empty allows every symbol. */
    allowedSymbols: z.array(Symbol).max(1000).optional(),
  })
  .strict();
export type RiskLimits = z.infer<typeof RiskLimits>;

export const RISK_LIMIT_NAMES = ['maxOrderNotional', 'maxPositionNotional', 'maxOpenOrders', 'maxDailyLoss', 'allowedSymbols'] as const;
export const RiskLimitName = z.enum(RISK_LIMIT_NAMES);
export type RiskLimitName = z.infer<typeof RiskLimitName>;

/** Limits' names as a trader reads them. */
export const RISK_LIMIT_LABELS: Record<RiskLimitName, string> = {
  maxOrderNotional: 'Maximum order value',
  maxPositionNotional: 'Maximum position per symbol',
  maxOpenOrders: 'Maximum open orders',
  maxDailyLoss: 'Maximum daily loss',
  allowedSymbols: 'Allowed symbols',
};

/** HH:MM in UTC, e.g. "00:00": when the daily loss starts again from zero. */
export const DailyResetTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a reset time looks like 00:00 (UTC)');

export const RiskSettings = z
  .object({
    /** Apply to everything of one mode together: every venue's orders, positions and losses added up. */
    global: RiskLimits,
    /** One account per venue: its own limits, checked as well as the global ones. */
    accounts: z.partialRecord(VenueId, RiskLimits),
    dailyResetUtc: DailyResetTime,
    /** A warning is published when a figure reaches this share of its limit. */
    warnAtPct: z.number().int().min(50).max(99),
  })
  .strict();
export type RiskSettings = z.infer<typeof RiskSettings>;

export const DEFAULT_RISK_SETTINGS: RiskSettings = { global: {}, accounts: {}, dailyResetUtc: '00:00', warnAtPct: 80 };

/** Where a limit was set: the global limits or one account's. */
export const RiskScope = z.union([z.literal('global'), VenueId]);
export type RiskScope = z.infer<typeof RiskScope>;

/** A limit reached (`exceeded`: an order was refused or the daily loss passed its limit) or nearly reached. */
export const RiskLimitEvent = z.object({
  level: z.enum(['warning', 'exceeded']),
  limit: RiskLimitName,
  scope: RiskScope,
  venue: VenueId.optional(),
  mode: TradingMode.optional(),
  symbol: Symbol.optional(),
  /** The figure checked (order value, position value, open orders, loss) and its limit. */
  value: z.number(),
  threshold: z.number(),
  /** The whole thing in words. */
  message: z.string(),
  at: timestamp,
});
export type RiskLimitEvent = z.infer<typeof RiskLimitEvent>;

export const CancelledOrder = z.object({
  clientOrderId: z.string(),
  symbol: z.string(),
  /** 1 for the first sweep; higher when it went only on a retry. */
  attempt: z.number().int().positive(),
});
export type CancelledOrder = z.infer<typeof CancelledOrder>;

export const CancelFailure = z.object({
  /** Empty when the venue could not even list its open orders. */
  clientOrderId: z.string(),
  symbol: z.string().optional(),
  attempt: z.number().int().positive(),
  error: ApiErrorData,
});
export type CancelFailure = z.infer<typeof CancelFailure>;

/** Failures a report keeps (the latest): a venue down for hours is retried thousands of times. */
export const MAX_REPORTED_FAILURES = 50;

/**
 * What the kill switch did on one venue. It never gives up while engaged: `cancelling` while an attempt runs,
 * `waiting` while the venue still lists open orders (or cannot be asked) and the next attempt is scheduled, `done`
 * once the venue's own list of open orders is empty. `failed` is only read from a report saved by an older version.
 */
export const VenueCancelReport = z.object({
  venue: VenueId,
  mode: TradingMode,
  status: z.enum(['cancelling', 'waiting', 'done', 'failed']),
  cancelled: z.array(CancelledOrder),
  /** The latest failed tries (at most MAX_REPORTED_FAILURES), including the ones a retry then fixed. */
  failures: z.array(CancelFailure),
  /** Client ids of the orders the venue still lists as open (or, when it cannot be asked, those the app knows of). */
  outstanding: z.array(z.string()),
  /** How many orders are still open on the venue, as last known (`waiting`): "10 orders still open". */
  stillOpen: z.number().int().nonnegative().optional(),
  /** When the next attempt starts (`waiting`); sooner when the venue becomes reachable again. */
  nextAttemptAt: timestamp.optional(),
  attempts: z.number().int().nonnegative(),
  /** When the venue's list was last seen empty (`done`). */
  finishedAt: timestamp.optional(),
});
export type VenueCancelReport = z.infer<typeof VenueCancelReport>;

export const KillSwitchState = z.object({
  engaged: z.boolean(),
  reason: z.string().optional(),
  engagedAt: timestamp.optional(),
  /** The latest sweep of open orders, per venue. */
  venues: z.array(VenueCancelReport),
  /** Some venue is not `done` yet: its sweep goes on until its list of open orders is empty. */
  sweeping: z.boolean(),
});
export type KillSwitchState = z.infer<typeof KillSwitchState>;

export const RiskLogKind = z.enum([
  'refused',
  'warning',
  'exceeded',
  'kill-switch-engaged',
  'kill-switch-released',
  'kill-switch-report',
  'limits-changed',
  /** A venue's dead-man countdown ran out while the app could not renew it, and what the app found afterwards. */
  'dead-man-report',
  /** A venue back after an outage or a wake-up: its orders reconciled, balances read again, the kill switch's state there. */
  'caught-up',
]);
export type RiskLogKind = z.infer<typeof RiskLogKind>;

export const RiskLogEntry = z.object({
  id: z.number().int().positive(),
  at: timestamp,
  kind: RiskLogKind,
  venue: VenueId.optional(),
  symbol: z.string().optional(),
  message: z.string(),
});
export type RiskLogEntry = z.infer<typeof RiskLogEntry>;

const NoPayload = z.object({}).strict();

export const riskChannels = {
  'risk:settings': { req: NoPayload, res: RiskSettings },
  /** Replaces every limit at once (the settings screen saves the whole form). */
  'risk:update-settings': { req: RiskSettings, res: RiskSettings },
  'risk:kill-switch': { req: NoPayload, res: KillSwitchState },
  /**
   * Blocks new orders at once and starts cancelling every open order on every connected venue; answers as soon as
   * it is engaged. The per-venue results follow in `risk.kill-switch.changed`.
   */
  'risk:engage-kill-switch': { req: z.object({ reason: z.string().trim().max(200).optional() }).strict(), res: KillSwitchState },
  'risk:release-kill-switch': { req: NoPayload, res: KillSwitchState },
  /** Refusals, warnings and kill-switch engagements, newest first. */
  'risk:log': { req: z.object({ limit: z.number().int().min(1).max(1000).default(200) }).strict(), res: z.array(RiskLogEntry) },
} as const;

export const riskEvents = {
  'risk.kill-switch.changed': KillSwitchState,
  'risk.limit.exceeded': RiskLimitEvent,
  'risk.limit.warning': RiskLimitEvent,
} as const;
