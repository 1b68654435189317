// The order journal: every order the app places, written before its create is sent, and every trade, once. Tables
// `orders` and `trades` (storage migration "create order journal").
//
// Durability: each write below is a single statement, i.e. its own committed transaction, and returns only after
// SQLite has committed it. With `PRAGMA synchronous=FULL` (the app's database is opened that way, see core.ts) the
// commit is on disk too, so an intent journaled before a send survives a crash or power cut during the send.
import { TradingMode, VenueId, type Order, type OrderScope, type OrderStatus, type PageCursor, type Symbol, type Trade } from '../../src-shared';
import type { SqliteDatabase } from '../storage';

/** What the resolver keeps about an order whose create answer was lost. */
export interface Resolution {
  lookups: number;
  notFound: number;
  firstNotFoundAt: number | undefined;
  /** From when a create still in flight can no longer be accepted by the venue; undefined until the fate is unknown. */
  settleFrom: number | undefined;
}

export interface JournaledOrder {
  order: Order;
  resolution: Resolution;
}

interface OrderRow {
  client_order_id: string;
  venue: string;
  mode: string;
  symbol: string;
  side: string;
  type: string;
  amount: number;
  price: number | null;
  stop_price: number | null;
  exchange_order_id: string | null;
  status: string;
  filled: number;
  average_price: number | null;
  reason: string | null;
  lookups: number;
  not_found: number;
  first_not_found_at: number | null;
  settle_from: number | null;
  created_at: number;
  updated_at: number;
}

interface TradeRow {
  venue: string;
  mode: string;
  trade_id: string;
  client_order_id: string | null;
  symbol: string;
  side: string;
  price: number;
  amount: number;
  fee: number | null;
  fee_asset: string | null;
  timestamp: number;
}

export interface TradeQuery {
  venue?: VenueId | undefined;
  mode?: TradingMode | undefined;
  symbol?: Symbol | undefined;
  limit: number;
  /** The last row of the previous page: this page starts just after it. */
  before?: PageCursor | undefined;
}

export interface OrderQuery {
  scope: OrderScope;
  venue?: VenueId | undefined;
  mode?: TradingMode | undefined;
  limit: number;
  before?: PageCursor | undefined;
}

interface ListParams {
  venue: string | null;
  mode: string | null;
  limit: number;
  /** The cursor, or a point past every row. */
  at: number;
  id: string;
}

/** Past every row: a time no row has, and an id above any (ids are compared as text only at equal times). */
const FIRST_PAGE = { at: Number.MAX_SAFE_INTEGER, id: '\u{10FFFF}' };

const OPEN_STATUSES = "('pending', 'open', 'partially-filled', 'unknown')";

const TRADE_COLUMNS = ['venue', 'mode', 'trade_id', 'client_order_id', 'symbol', 'side', 'price', 'amount', 'fee', 'fee_asset', 'timestamp'] as const;
/**
 * What a position needs of a fill, read cheaply: strings are what a long read spends on, so there is no order id, the
 * side is 1 or 0, and the venue and mode (closed lists) come as their place in the list.
 */
const placeIn = (column: string, values: readonly string[]) =>
  `CASE ${column} ${values.map((value, i) => `WHEN '${value}' THEN ${i}`).join(' ')} ELSE ${column} END`;
/** A value read by `placeIn`: its place in the list, or itself when the list no longer has it. */
const fromPlace = <T extends string>(value: unknown, values: readonly T[]): T => (typeof value === 'number' ? values[value]! : (value as T));
const FILL_COLUMNS = [
  placeIn('venue', VenueId.options), placeIn('mode', TradingMode.options), 'trade_id', 'symbol', "side = 'buy'", 'price', 'amount', 'fee', 'fee_asset', 'timestamp',
] as const;
const ORDER_COLUMNS = [
  'client_order_id', 'venue', 'mode', 'symbol', 'side', 'type', 'amount', 'price', 'stop_price', 'exchange_order_id', 'status', 'filled',
  'average_price', 'reason', 'lookups', 'not_found', 'first_not_found_at', 'settle_from', 'updated_at', 'created_at',
] as const;
const PAGE_ROWS = 5_000;

/**
 * Walks a keyset-paged query whose rows are `columns` values then the rowid, the time being the last of the values.
 * (The trades table is the TRADE_COLUMNS order, the orders table the ORDER_COLUMNS order; the callers map by position.)
 */
function eachPage(
  statement: { all(after: number, afterRowid: number, limit: number): unknown[][] },
  columns: number,
  visit: (values: unknown[]) => void,
): void {
  let after = Number.MIN_SAFE_INTEGER;
  let afterRowid = Number.MIN_SAFE_INTEGER;
  for (;;) {
    const page = statement.all(after, afterRowid, PAGE_ROWS);
    for (const values of page) visit(values);
    if (page.length < PAGE_ROWS) return;
    const last = page[page.length - 1]!;
    after = last[columns - 1] as number;
    afterRowid = last[columns] as number;
  }
}

function toOrder(row: OrderRow): Order {
  const order: Order = {
    clientOrderId: row.client_order_id,
    venue: row.venue as Order['venue'],
    mode: row.mode as Order['mode'],
    symbol: row.symbol,
    side: row.side as Order['side'],
    type: row.type as Order['type'],
    amount: row.amount,
    filled: row.filled,
    status: row.status as OrderStatus,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
  if (row.exchange_order_id !== null) order.exchangeOrderId = row.exchange_order_id;
  if (row.price !== null) order.price = row.price;
  if (row.stop_price !== null) order.stopPrice = row.stop_price;
  if (row.average_price !== null) order.averagePrice = row.average_price;
  if (row.reason !== null) order.reason = row.reason;
  return order;
}

function toResolution(row: OrderRow): Resolution {
  return {
    lookups: row.lookups,
    notFound: row.not_found,
    firstNotFoundAt: row.first_not_found_at ?? undefined,
    settleFrom: row.settle_from ?? undefined,
  };
}

function toTrade(row: TradeRow): Trade {
  const trade: Trade = {
    id: row.trade_id,
    venue: row.venue as Trade['venue'],
    mode: row.mode as Trade['mode'],
    symbol: row.symbol,
    side: row.side as Trade['side'],
    price: row.price,
    amount: row.amount,
    timestamp: row.timestamp,
  };
  if (row.fee !== null) trade.fee = row.fee;
  if (row.fee_asset !== null) trade.feeAsset = row.fee_asset;
  if (row.client_order_id !== null) trade.clientOrderId = row.client_order_id;
  return trade;
}

const orderParams = (o: Order) => ({
  client_order_id: o.clientOrderId,
  venue: o.venue,
  mode: o.mode,
  symbol: o.symbol,
  side: o.side,
  type: o.type,
  amount: o.amount,
  price: o.price ?? null,
  stop_price: o.stopPrice ?? null,
  exchange_order_id: o.exchangeOrderId ?? null,
  status: o.status,
  filled: o.filled,
  average_price: o.averagePrice ?? null,
  reason: o.reason ?? null,
  created_at: o.createdAt,
  updated_at: o.updatedAt,
});

export class OrderJournal {
  // Prepared once: placing an order runs these on the hot path (see bench/order-path).
  private readonly insertOrder;
  private readonly insertOrIgnoreOrder;
  private readonly updateOrder;
  private readonly updateResolution;
  private readonly selectOrder;
  private readonly selectUnsettledAll;
  private readonly selectOpen;
  private readonly selectHistory;
  private readonly insertTradeRow;
  private readonly selectTrades;
  private readonly selectTradePage;
  private readonly selectFillPage;
  private readonly selectOrderPage;
  private readonly updateBoth: (order: Order, resolution: Resolution) => void;
  private readonly insertTradeBatch: (trades: readonly Trade[]) => Trade[];

  constructor(private readonly db: SqliteDatabase) {
    const columns =
      'client_order_id, venue, mode, symbol, side, type, amount, price, stop_price, exchange_order_id, status, filled, average_price, reason, created_at, updated_at';
    const values =
      '@client_order_id, @venue, @mode, @symbol, @side, @type, @amount, @price, @stop_price, @exchange_order_id, @status, @filled, @average_price, @reason, @created_at, @updated_at';
    this.insertOrder = db.prepare(`INSERT INTO orders (${columns}) VALUES (${values})`);
    this.insertOrIgnoreOrder = db.prepare(`INSERT OR IGNORE INTO orders (${columns}) VALUES (${values})`);
    this.updateOrder = db.prepare(
      `UPDATE orders SET exchange_order_id = @exchange_order_id, status = @status, filled = @filled,
         average_price = @average_price, reason = @reason, updated_at = @updated_at
       WHERE client_order_id = @client_order_id`,
    );
    this.updateResolution = db.prepare<[number, number, number | null, number | null, string]>(
      'UPDATE orders SET lookups = ?, not_found = ?, first_not_found_at = ?, settle_from = ? WHERE client_order_id = ?',
    );
    this.selectOrder = db.prepare<[string], OrderRow>('SELECT * FROM orders WHERE client_order_id = ?');
    // `+created_at` keeps SQLite from walking the whole history in time order (orders_by_time) to find the few open
    // ones: the partial index orders_unsettled finds them, and sorting a handful costs nothing. Without it a start
    // with 100,000 orders in the journal scanned them all.
    this.selectUnsettledAll = db.prepare<[], OrderRow>(`SELECT * FROM orders WHERE status IN ${OPEN_STATUSES} ORDER BY +created_at`);
    this.selectOpen = db.prepare<[ListParams], OrderRow>(
      `SELECT * FROM orders WHERE status IN ${OPEN_STATUSES} AND (@venue IS NULL OR venue = @venue) AND (@mode IS NULL OR mode = @mode)
         AND (created_at, client_order_id) < (@at, @id)
       ORDER BY +created_at DESC, client_order_id DESC LIMIT @limit`,
    );
    this.selectHistory = db.prepare<[ListParams], OrderRow>(
      `SELECT * FROM orders WHERE status NOT IN ${OPEN_STATUSES} AND (@venue IS NULL OR venue = @venue) AND (@mode IS NULL OR mode = @mode)
         AND (updated_at, client_order_id) < (@at, @id)
       ORDER BY updated_at DESC, client_order_id DESC LIMIT @limit`,
    );
    this.updateBoth = db.transaction((order: Order, r: Resolution) => {
      this.updateOrder.run(orderParams(order));
      this.saveResolution(order.clientOrderId, r);
    });
    this.insertTradeBatch = db.transaction((trades: readonly Trade[]) => trades.filter((trade) => this.insertTrade(trade)));
    this.insertTradeRow = db.prepare(
      `INSERT OR IGNORE INTO trades (venue, mode, trade_id, client_order_id, symbol, side, price, amount, fee, fee_asset, timestamp)
       VALUES (@venue, @mode, @trade_id, @client_order_id, @symbol, @side, @price, @amount, @fee, @fee_asset, @timestamp)`,
    );
    this.selectTrades = db.prepare<[ListParams & { symbol: string | null }], TradeRow>(
      `SELECT * FROM trades WHERE (@venue IS NULL OR venue = @venue) AND (@mode IS NULL OR mode = @mode) AND (@symbol IS NULL OR symbol = @symbol)
         AND (timestamp, trade_id) < (@at, @id)
       ORDER BY timestamp DESC, trade_id DESC LIMIT @limit`,
    );
    // Pages of rows as arrays, keyed on (time, rowid): the fastest way better-sqlite3 reads a long history (about
    // twice as fast as row objects one at a time), and memory holds one page, never the whole history.
    this.selectTradePage = db
      .prepare<[number, number, number], unknown[]>(
        `SELECT ${TRADE_COLUMNS.join(', ')}, rowid FROM trades WHERE (timestamp, rowid) > (?, ?) ORDER BY timestamp, rowid LIMIT ?`,
      )
      .raw();
    this.selectFillPage = db
      .prepare<[number, number, number], unknown[]>(
        `SELECT ${FILL_COLUMNS.join(', ')}, rowid FROM trades WHERE (timestamp, rowid) > (?, ?) ORDER BY timestamp, rowid LIMIT ?`,
      )
      .raw();
    this.selectOrderPage = db
      .prepare<[number, number, number], unknown[]>(
        `SELECT ${ORDER_COLUMNS.join(', ')}, rowid FROM orders WHERE (created_at, rowid) > (?, ?) ORDER BY created_at, rowid LIMIT ?`,
      )
      .raw();
  }

  /** Whether the database is still open: a stopped service's late answers must not write. */
  get open(): boolean {
    return this.db.open;
  }

  /** Journals a new intent; committed (and with synchronous=FULL on disk) when this returns. */
  insert(order: Order): void {
    this.insertOrder.run(orderParams(order));
  }

  /** Journals an order the venue reports but the journal does not know (placed elsewhere). Whether it was new. */
  adopt(order: Order): boolean {
    return this.insertOrIgnoreOrder.run(orderParams(order)).changes > 0;
  }

  /** Writes the order's new state, and its resolution bookkeeping when given, in one transaction. */
  update(order: Order, resolution?: Resolution): void {
    if (resolution === undefined) this.updateOrder.run(orderParams(order));
    else this.updateBoth(order, resolution);
  }

  saveResolution(clientOrderId: string, r: Resolution): void {
    this.updateResolution.run(r.lookups, r.notFound, r.firstNotFoundAt ?? null, r.settleFrom ?? null, clientOrderId);
  }

  get(clientOrderId: string): JournaledOrder | undefined {
    const row = this.selectOrder.get(clientOrderId);
    return row === undefined ? undefined : { order: toOrder(row), resolution: toResolution(row) };
  }

  /** Every order not final (pending, unknown, open, partially filled), oldest first. */
  unsettled(): JournaledOrder[] {
    return this.selectUnsettledAll.all().map((row) => ({ order: toOrder(row), resolution: toResolution(row) }));
  }

  list(query: OrderQuery): Order[] {
    const statement = query.scope === 'open' ? this.selectOpen : this.selectHistory;
    const { at, id } = query.before ?? FIRST_PAGE;
    return statement.all({ venue: query.venue ?? null, mode: query.mode ?? null, limit: query.limit, at, id }).map(toOrder);
  }

  /** Records trades once each, in one transaction (one wait for the disk); the ones that were new. */
  insertTrades(trades: readonly Trade[]): Trade[] {
    return trades.length === 0 ? [] : this.insertTradeBatch(trades);
  }

  private insertTrade(trade: Trade): boolean {
    const result = this.insertTradeRow.run({
      venue: trade.venue,
      mode: trade.mode,
      trade_id: trade.id,
      client_order_id: trade.clientOrderId ?? null,
      symbol: trade.symbol,
      side: trade.side,
      price: trade.price,
      amount: trade.amount,
      fee: trade.fee ?? null,
      fee_asset: trade.feeAsset ?? null,
      timestamp: trade.timestamp,
    });
    return result.changes > 0;
  }

  trades(query: TradeQuery): Trade[] {
    return this.selectTrades
      .all({ venue: query.venue ?? null, mode: query.mode ?? null, symbol: query.symbol ?? null, limit: query.limit, ...(query.before ?? FIRST_PAGE) })
      .map(toTrade);
  }

  /** Every trade, oldest first, a page at a time: a long history is streamed, never held whole. */
  eachTrade(visit: (trade: Trade) => void): void {
    eachPage(this.selectTradePage, TRADE_COLUMNS.length, (v) =>
      visit(
        toTrade({
          venue: v[0] as string,
          mode: v[1] as string,
          trade_id: v[2] as string,
          client_order_id: v[3] as string | null,
          symbol: v[4] as string,
          side: v[5] as string,
          price: v[6] as number,
          amount: v[7] as number,
          fee: v[8] as number | null,
          fee_asset: v[9] as string | null,
          timestamp: v[10] as number,
        }),
      ),
    );
  }

  /** Every fill, oldest first, without its order id: the portfolio's rebuild, where each column read counts. */
  eachFill(visit: (fill: Trade) => void): void {
    eachPage(this.selectFillPage, FILL_COLUMNS.length, (v) => {
      const fill: Trade = {
        id: v[2] as string,
        venue: fromPlace(v[0], VenueId.options),
        mode: fromPlace(v[1], TradingMode.options),
        symbol: v[3] as string,
        side: v[4] === 1 ? 'buy' : 'sell',
        price: v[5] as number,
        amount: v[6] as number,
        timestamp: v[9] as number,
      };
      if (v[7] !== null) fill.fee = v[7] as number;
      if (v[8] !== null) fill.feeAsset = v[8] as string;
      visit(fill);
    });
  }

  /** Every order, oldest first, streamed the same way (the CSV export). */
  eachOrder(visit: (order: Order) => void): void {
    eachPage(this.selectOrderPage, ORDER_COLUMNS.length, (v) =>
      visit(toOrder(Object.fromEntries(ORDER_COLUMNS.map((column, i) => [column, v[i]])) as unknown as OrderRow)),
    );
  }
}
