// Simulated accounts in the app's SQLite database (migration 5): per (venue, mode) one sim_accounts row with the
// balances and id counters as JSON, and one row per order (sim_orders) and per fill (sim_trades), so that a change
// writes what it touched, however long the history. At start only the resting orders are read (a partial index
// finds them); finished orders and fills stay here and are read on demand (migration 9 indexes them), so a long
// history neither slows the start nor fills memory. Read back through the account's schema: the file can be edited
// by other tools.
import { AppError, Trade, type VenueId, describeZodIssues } from '../../../src-shared';
import type { SqliteDatabase } from '../../storage';
import type { AccountChange } from './account-state';
import { AccountState, BookedOrder, type SimulatedMode } from './account-state';
import type { AccountHistory, SimulatedAccountStore } from './account-store';

type Key = [venue: string, mode: string];

export class SqliteAccountStore implements SimulatedAccountStore {
  private readonly selectHead;
  private readonly selectOrders;
  private readonly selectOrder;
  private readonly selectOrderByClientId;
  private readonly selectTrades;
  private readonly upsertHead;
  private readonly upsertOrder;
  private readonly insertTrade;
  private readonly deleteOrders;
  private readonly deleteTrades;
  private readonly write;

  constructor(
    db: SqliteDatabase,
    private readonly now: () => number = Date.now,
  ) {
    this.selectHead = db.prepare<Key, { state: string }>('SELECT state FROM sim_accounts WHERE venue = ? AND mode = ?');
    // rowid is insertion order: orders and trades come back oldest first, as they were made. The status test is
    // written exactly as the partial index sim_orders_resting has it, so that the index answers.
    this.selectOrders = db.prepare<Key, { booked: string }>(
      `SELECT booked FROM sim_orders WHERE venue = ? AND mode = ? AND json_extract(booked, '$.order.status') IN ('open', 'partially-filled') ORDER BY rowid`,
    );
    this.selectOrder = db.prepare<[...Key, string], { booked: string }>('SELECT booked FROM sim_orders WHERE venue = ? AND mode = ? AND exchange_order_id = ?');
    this.selectOrderByClientId = db.prepare<[...Key, string], { booked: string }>('SELECT booked FROM sim_orders WHERE venue = ? AND mode = ? AND client_order_id = ?');
    this.selectTrades = db.prepare<[...Key, string, number], { trade: string }>(
      `SELECT trade FROM sim_trades WHERE venue = ? AND mode = ? AND json_extract(trade, '$.symbol') = ? AND json_extract(trade, '$.timestamp') >= ?
       ORDER BY rowid`,
    );
    this.upsertHead = db.prepare<[string, string, string, number]>(
      `INSERT INTO sim_accounts (venue, mode, state, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (venue, mode) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
    );
    this.upsertOrder = db.prepare<[string, string, string, string, string]>(
      `INSERT INTO sim_orders (venue, mode, exchange_order_id, client_order_id, booked) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (venue, mode, exchange_order_id) DO UPDATE SET booked = excluded.booked`,
    );
    this.insertTrade = db.prepare<[string, string, string, string]>('INSERT INTO sim_trades (venue, mode, trade_id, trade) VALUES (?, ?, ?, ?)');
    this.deleteOrders = db.prepare<Key>('DELETE FROM sim_orders WHERE venue = ? AND mode = ?');
    this.deleteTrades = db.prepare<Key>('DELETE FROM sim_trades WHERE venue = ? AND mode = ?');
    // One transaction per change: a crash never leaves a fill saved without the balances it moved.
    this.write = db.transaction((venue: VenueId, mode: SimulatedMode, change: AccountChange) => {
      if (change.startOver) {
        this.deleteOrders.run(venue, mode);
        this.deleteTrades.run(venue, mode);
      }
      const { balances, nextOrderId, nextTradeId } = change;
      this.upsertHead.run(venue, mode, JSON.stringify({ format: 1, balances, nextOrderId, nextTradeId }), this.now());
      for (const booked of change.orders) {
        this.upsertOrder.run(venue, mode, booked.order.exchangeOrderId!, booked.order.clientOrderId, JSON.stringify(booked));
      }
      for (const trade of change.trades) this.insertTrade.run(venue, mode, trade.id, JSON.stringify(trade));
    });
  }

  load(venue: VenueId, mode: SimulatedMode): AccountState | undefined {
    const head = this.selectHead.get(venue, mode);
    if (head === undefined) return undefined;
    const read = (json: string): unknown => {
      try {
        return JSON.parse(json);
      } catch {
        throw unreadable(venue, mode, 'part of it is not valid JSON');
      }
    };
    const stored = {
      ...(read(head.state) as object),
      orders: this.selectOrders.all(venue, mode).map((row) => read(row.booked)),
      trades: [],
    };
    const parsed = AccountState.safeParse(stored);
    if (!parsed.success) {
      const issues = describeZodIssues(parsed.error, '(state)', { limit: 3 });
      throw unreadable(venue, mode, `it does not have the expected shape (${issues})`);
    }
    return parsed.data;
  }

  save(venue: VenueId, mode: SimulatedMode, change: AccountChange): void {
    this.write.immediate(venue, mode, change);
  }

  history(venue: VenueId, mode: SimulatedMode): AccountHistory {
    const booked = (row: { booked: string } | undefined) => (row === undefined ? undefined : parseRow(BookedOrder, row.booked, venue, mode));
    return {
      order: (exchangeOrderId) => booked(this.selectOrder.get(venue, mode, exchangeOrderId)),
      orderByClientId: (clientOrderId) => booked(this.selectOrderByClientId.get(venue, mode, clientOrderId)),
      trades: (symbol, since) => this.selectTrades.all(venue, mode, symbol, since ?? -1).map((row) => parseRow(Trade, row.trade, venue, mode)),
    };
  }
}

function parseRow<T>(schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } }, json: string, venue: VenueId, mode: SimulatedMode): T {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw unreadable(venue, mode, 'part of it is not valid JSON');
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw unreadable(venue, mode, 'part of its history does not have the expected shape');
  return parsed.data;
}

function unreadable(venue: VenueId, mode: SimulatedMode, why: string): AppError {
  // Refused rather than replaced: starting over silently would throw away the trader's simulated history.
  return new AppError('INTERNAL', `the saved ${mode} account for ${venue} cannot be read (${why}); reset it to start over`);
}
