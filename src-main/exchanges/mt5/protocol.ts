// The MetaTrader 5 bridge protocol (docs/mt5-protocol.md) as zod schemas: every line the EA may send is parsed here
// before anything else sees it, and every request the app sends is typed from here. Readers ignore unknown fields
// (zod strips them), so a newer EA that adds fields still talks to this app.
import { z } from 'zod';

export const PROTOCOL_VERSION = 1;
/** The port the EA connects to unless the trader changes its InpPort input. */
export const DEFAULT_BRIDGE_PORT = 17031;
/** The versions this app speaks; a hello with another is refused with `version`. */
export const SUPPORTED_VERSIONS: readonly number[] = [PROTOCOL_VERSION];
/** Longest line either side accepts, newline excluded. */
export const MAX_LINE_BYTES = 1024 * 1024;
export const HEARTBEAT_MS = 5_000;
/** Three heartbeats missed: the peer is gone. */
export const PEER_SILENT_MS = 3 * HEARTBEAT_MS;

const ticket = z.string().regex(/^\d{1,20}$/);
const num = z.number().finite();
/** `tbs:` + cid must fit the 31 characters of an MT5 order comment. */
export const ClientOrderId = z.string().regex(/^[A-Za-z0-9_-]{1,27}$/);
export const Timeframe = z.enum(['M1', 'M5', 'M15', 'M30', 'H1', 'H4', 'D1', 'W1', 'MN1']);
export type Mt5Timeframe = z.infer<typeof Timeframe>;
export const MarginMode = z.enum(['hedging', 'netting', 'exchange']);

// ---- control lines -------------------------------------------------------------------------------------------

export const Hello = z.object({
  type: z.literal('hello'),
  v: z.number().int(),
  token: z.string().max(256),
  login: z.string().min(1).max(32),
  server: z.string().max(128),
  company: z.string().max(128),
  name: z.string().max(128),
  currency: z.string().max(16),
  leverage: z.number().int(),
  marginMode: MarginMode,
  tradeAllowed: z.boolean(),
  build: z.number().int(),
  eaVersion: z.string().max(32),
  serverOffsetMs: z.number().int(),
});
export type Hello = z.infer<typeof Hello>;

export const RefusalReason = z.enum(['version', 'token', 'hello']);
export type RefusalReason = z.infer<typeof RefusalReason>;

export const Heartbeat = z.object({ type: z.literal('heartbeat'), time: num, serverOffsetMs: z.number().int().optional() });
export const Bye = z.object({ type: z.literal('bye'), reason: z.string() });

export interface Welcome { type: 'welcome'; v: number; heartbeatMs: number; app: string }
export interface Refused { type: 'refused'; reason: RefusalReason; message: string }

// ---- replies -------------------------------------------------------------------------------------------------

export const WireErrorCode = z.enum(['line_too_long', 'bad_json', 'unknown_command', 'bad_request', 'not_found', 'in_doubt', 'internal']);
export type WireErrorCode = z.infer<typeof WireErrorCode>;
export const WireError = z.object({ code: WireErrorCode, message: z.string() });
export type WireError = z.infer<typeof WireError>;

export const Reply = z.union([
  z.object({ id: z.string(), ok: z.literal(true), result: z.unknown() }),
  z.object({ id: z.string().nullable(), ok: z.literal(false), error: WireError }),
]);
export type Reply = z.infer<typeof Reply>;

// ---- results ---------------------------------------------------------------------------------------------------

const SymbolInfo = z.object({
  name: z.string(),
  description: z.string(),
  digits: z.number().int(),
  point: num,
  tickSize: num,
  tickValue: num,
  contractSize: num,
  volumeMin: num,
  volumeMax: num,
  volumeStep: num,
  stopsLevel: z.number().int(),
  tradeMode: z.enum(['disabled', 'long_only', 'short_only', 'close_only', 'full']),
  fillingModes: z.array(z.enum(['fok', 'ioc', 'return'])),
  currencyBase: z.string(),
  currencyProfit: z.string(),
  currencyMargin: z.string(),
  sessions: z.array(z.object({ day: z.number().int().min(0).max(6), from: z.number().int(), to: z.number().int() })),
});
export type Mt5Symbol = z.infer<typeof SymbolInfo>;

const AccountFigures = {
  balance: num,
  equity: num,
  margin: num,
  freeMargin: num,
  marginLevel: num,
};
const AccountInfo = z.object({
  login: z.string(),
  currency: z.string(),
  ...AccountFigures,
  leverage: z.number().int(),
  marginMode: MarginMode,
  tradeAllowed: z.boolean(),
});
export type Mt5Account = z.infer<typeof AccountInfo>;

const Position = z.object({
  ticket,
  identifier: ticket,
  symbol: z.string(),
  side: z.enum(['buy', 'sell']),
  volume: num,
  priceOpen: num,
  priceCurrent: num,
  sl: num,
  tp: num,
  swap: num,
  profit: num,
  time: num,
  magic: z.number().int(),
  comment: z.string(),
});
export type Mt5Position = z.infer<typeof Position>;

export const PendingType = z.enum(['buy_limit', 'sell_limit', 'buy_stop', 'sell_stop', 'buy_stop_limit', 'sell_stop_limit']);
const PendingOrder = z.object({
  ticket,
  symbol: z.string(),
  type: PendingType,
  volumeInitial: num,
  volumeCurrent: num,
  price: num,
  stopLimit: num,
  sl: num,
  tp: num,
  time: num,
  magic: z.number().int(),
  comment: z.string(),
});
export type Mt5Order = z.infer<typeof PendingOrder>;

const Deal = z.object({
  ticket,
  order: ticket,
  positionId: ticket,
  symbol: z.string(),
  type: z.enum(['buy', 'sell', 'balance', 'credit', 'charge', 'correction', 'bonus', 'commission', 'other']),
  entry: z.enum(['in', 'out', 'inout', 'out_by']),
  volume: num,
  price: num,
  commission: num,
  swap: num,
  profit: num,
  fee: num,
  time: num,
  magic: z.number().int(),
  comment: z.string(),
});
export type Mt5Deal = z.infer<typeof Deal>;

const Bar = z.object({ time: num, open: num, high: num, low: num, close: num, tickVolume: num });

export const TradeResult = z.object({
  cid: ClientOrderId,
  retcode: z.number().int(),
  message: z.string(),
  order: ticket,
  deal: ticket,
  volume: num,
  price: num,
  bid: num,
  ask: num,
  replayed: z.boolean(),
});
export type TradeResult = z.infer<typeof TradeResult>;

const RetcodeOnly = z.object({ retcode: z.number().int(), message: z.string() });

// ---- requests: arguments (flat, docs/mt5-protocol.md) and the result each command answers with ----------------

const optionalSymbol = { symbol: z.string().min(1).max(64).optional() };
const price = num.nonnegative();
const stream = z.discriminatedUnion('stream', [
  z.object({ stream: z.literal('ticks'), symbol: z.string().min(1).max(64) }),
  z.object({ stream: z.literal('bars'), symbol: z.string().min(1).max(64), timeframe: Timeframe }),
]);

export const COMMANDS = {
  symbols: { args: z.object(optionalSymbol), result: z.object({ symbols: z.array(SymbolInfo) }) },
  account: { args: z.object({}), result: AccountInfo },
  positions: { args: z.object(optionalSymbol), result: z.object({ positions: z.array(Position) }) },
  orders: { args: z.object(optionalSymbol), result: z.object({ orders: z.array(PendingOrder) }) },
  deals: {
    args: z.object({ from: num, to: num, ...optionalSymbol }),
    result: z.object({ deals: z.array(Deal), more: z.boolean() }),
  },
  rates: {
    args: z.object({ symbol: z.string().min(1).max(64), timeframe: Timeframe, from: num, to: num }),
    result: z.object({ bars: z.array(Bar), more: z.boolean() }),
  },
  subscribe: { args: stream, result: z.object({}) },
  unsubscribe: { args: stream, result: z.object({}) },
  order_send: {
    args: z.object({
      cid: ClientOrderId,
      symbol: z.string().min(1).max(64),
      side: z.enum(['buy', 'sell']),
      orderType: z.enum(['market', 'limit', 'stop', 'stop_limit']),
      volume: num.positive(),
      price: price.optional(),
      stopLimit: price.optional(),
      sl: price.optional(),
      tp: price.optional(),
      deviation: z.number().int().nonnegative().optional(),
      filling: z.enum(['fok', 'ioc', 'return']).optional(),
    }),
    result: TradeResult,
  },
  modify: {
    args: z.object({
      target: z.enum(['position', 'order']),
      ticket,
      price: price.optional(),
      stopLimit: price.optional(),
      sl: price.optional(),
      tp: price.optional(),
    }),
    result: RetcodeOnly,
  },
  close: {
    args: z.object({ ticket, cid: ClientOrderId, volume: num.positive().optional(), deviation: z.number().int().nonnegative().optional() }),
    result: TradeResult,
  },
  cancel: { args: z.object({ ticket }), result: RetcodeOnly },
  find: {
    args: z.object({ cid: ClientOrderId }),
    result: z.object({
      cid: ClientOrderId,
      state: z.enum(['unknown', 'in_doubt', 'done']),
      result: TradeResult.nullable(),
      orders: z.array(PendingOrder),
      positions: z.array(Position),
      deals: z.array(Deal),
    }),
  },
} as const;

export type Command = keyof typeof COMMANDS;
export const COMMAND_NAMES = Object.keys(COMMANDS) as Command[];
export type CommandArgs<C extends Command> = z.input<(typeof COMMANDS)[C]['args']>;
export type CommandResult<C extends Command> = z.infer<(typeof COMMANDS)[C]['result']>;

// ---- pushes ----------------------------------------------------------------------------------------------------

export const TradeKind = z.enum([
  'order_add', 'order_update', 'order_delete', 'deal_add', 'deal_update', 'deal_delete',
  'history_add', 'history_update', 'history_delete', 'position', 'request',
]);
export const OrderState = z.enum([
  'started', 'placed', 'canceled', 'partial', 'filled', 'rejected', 'expired', 'request_add', 'request_modify', 'request_cancel',
]);

export const PUSHES = {
  tick: z.object({ push: z.literal('tick'), symbol: z.string(), time: num, bid: num, ask: num, last: num, volume: num }),
  bar: z.object({ push: z.literal('bar'), symbol: z.string(), timeframe: Timeframe, ...Bar.shape, closed: z.boolean() }),
  trade: z.object({
    push: z.literal('trade'),
    kind: TradeKind,
    deal: ticket,
    order: ticket,
    position: ticket,
    symbol: z.string(),
    dealType: z.string(),
    orderType: z.string(),
    orderState: OrderState,
    price: num,
    volume: num,
    sl: num,
    tp: num,
  }),
  account: z.object({ push: z.literal('account'), ...AccountFigures }),
} as const;

export type PushName = keyof typeof PUSHES;
export const PUSH_NAMES = Object.keys(PUSHES) as PushName[];
export const Push = z.discriminatedUnion('push', [PUSHES.tick, PUSHES.bar, PUSHES.trade, PUSHES.account]);
export type Push = z.infer<typeof Push>;
export type PushOf<P extends PushName> = z.infer<(typeof PUSHES)[P]>;

/** Every line the EA may send after `hello`, told apart by its shape (docs/mt5-protocol.md, "The four kinds of line"). */
export type EaLine =
  | { kind: 'heartbeat'; line: z.infer<typeof Heartbeat> }
  | { kind: 'bye'; line: z.infer<typeof Bye> }
  | { kind: 'reply'; line: Reply }
  | { kind: 'push'; line: Push }
  | { kind: 'invalid'; id: string | null; message: string };

export function classifyEaLine(value: unknown): EaLine {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { kind: 'invalid', id: null, message: 'a line must be a JSON object' };
  const record = value as Record<string, unknown>;
  const id = typeof record.id === 'string' ? record.id : null;
  const invalid = (error: z.ZodError): EaLine => ({ kind: 'invalid', id, message: z.prettifyError(error) });
  if ('push' in record) {
    const parsed = Push.safeParse(record);
    return parsed.success ? { kind: 'push', line: parsed.data } : invalid(parsed.error);
  }
  if ('ok' in record) {
    const parsed = Reply.safeParse(record);
    return parsed.success ? { kind: 'reply', line: parsed.data } : invalid(parsed.error);
  }
  if (record.type === 'heartbeat') {
    const parsed = Heartbeat.safeParse(record);
    return parsed.success ? { kind: 'heartbeat', line: parsed.data } : invalid(parsed.error);
  }
  if (record.type === 'bye') {
    const parsed = Bye.safeParse(record);
    return parsed.success ? { kind: 'bye', line: parsed.data } : invalid(parsed.error);
  }
  return { kind: 'invalid', id, message: `not a line the EA sends: ${JSON.stringify(record.type ?? record.cmd ?? null).slice(0, 40)}` };
}
