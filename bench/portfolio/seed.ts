// A long trading history written straight into a database, as years of use would leave it: finished orders and
// their fills in the order journal, the same in the demo account's own tables (the simulated venue's side), and the
// holdings the portfolio saved after the last fill.
import type { SqliteDatabase } from '../../src-main/storage';

const SYMBOLS = ['BTC/USDT', 'ETH/USDT', 'SOL/USDT', 'ETH/BTC', 'BNB/USDT'];
const BASE_PRICE: Record<string, number> = { 'BTC/USDT': 60_000, 'ETH/USDT': 3_000, 'SOL/USDT': 150, 'ETH/BTC': 0.05, 'BNB/USDT': 600 };

/** `count` filled orders with one fill each, alternating buys and sells per symbol, ending `endAt`. */
export function seedHistory(db: SqliteDatabase, count: number, endAt = Date.now()): void {
  const order = db.prepare(
    `INSERT INTO orders (client_order_id, venue, mode, symbol, side, type, amount, price, status, filled, average_price, created_at, updated_at)
     VALUES (?, 'demo', 'demo', ?, ?, 'market', ?, NULL, 'filled', ?, ?, ?, ?)`,
  );
  const trade = db.prepare(
    `INSERT INTO trades (venue, mode, trade_id, client_order_id, symbol, side, price, amount, fee, fee_asset, timestamp)
     VALUES ('demo', 'demo', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const simOrder = db.prepare(`INSERT INTO sim_orders (venue, mode, exchange_order_id, client_order_id, booked) VALUES ('demo', 'demo', ?, ?, ?)`);
  const simTrade = db.prepare(`INSERT INTO sim_trades (venue, mode, trade_id, trade) VALUES ('demo', 'demo', ?, ?)`);
  db.prepare(
    `INSERT OR REPLACE INTO sim_accounts (venue, mode, state, updated_at) VALUES ('demo', 'demo', ?, ?)`,
  ).run(JSON.stringify({ format: 1, balances: { USDT: { free: 10_000, used: 0 }, BTC: { free: 0.1, used: 0 } }, nextOrderId: count + 1, nextTradeId: count + 1 }), endAt);
  // What the portfolio saved after the last of those fills: the account's holdings, moved by every fill.
  const holdings = new Map<string, number>();
  const move = (asset: string, by: number) => holdings.set(asset, (holdings.get(asset) ?? 0) + by);
  const write = db.transaction(() => {
    for (let i = 0; i < count; i += 1) {
      const symbol = SYMBOLS[i % SYMBOLS.length]!;
      const side = Math.floor(i / SYMBOLS.length) % 2 === 0 ? 'buy' : 'sell';
      const price = BASE_PRICE[symbol]! * (1 + 0.01 * Math.sin(i / 50));
      const amount = 0.01 + (i % 7) * 0.001;
      const at = endAt - (count - i) * 1_000;
      const clientOrderId = `sim-bench-${i}`;
      const fee = amount * 0.001;
      const feeAsset = side === 'buy' ? symbol.split('/')[0]! : symbol.split('/')[1]!;
      const feeValue = side === 'buy' ? fee : fee * price;
      const [base, quote] = symbol.split('/') as [string, string];
      const signed = side === 'buy' ? amount : -amount;
      move(base, signed);
      move(quote, -signed * price);
      move(feeAsset, -feeValue);
      order.run(clientOrderId, symbol, side, amount, amount, price, at, at);
      trade.run(`t${i}`, clientOrderId, symbol, side, price, amount, feeValue, feeAsset, at);
      const booked = {
        order: { clientOrderId, exchangeOrderId: String(i + 1), venue: 'demo', mode: 'demo', symbol, side, type: 'market', amount, filled: amount, averagePrice: price, status: 'filled', createdAt: at, updatedAt: at },
        triggered: false,
        lockedAsset: symbol.split('/')[1],
        locked: 0,
      };
      simOrder.run(String(i + 1), clientOrderId, JSON.stringify(booked));
      simTrade.run(`t${i}`, JSON.stringify({ id: `t${i}`, venue: 'demo', mode: 'demo', symbol, side, price, amount, fee: feeValue, feeAsset, clientOrderId, timestamp: at }));
    }
    if (count > 0) {
      db.prepare(`INSERT OR REPLACE INTO portfolio_holdings (venue, mode, assets, at) VALUES ('demo', 'demo', ?, ?)`).run(JSON.stringify(Object.fromEntries(holdings)), endAt);
    }
  });
  write();
}
