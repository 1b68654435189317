// The account through real SQLite files: what a new instance (an app restart) finds, a resting order that goes on
// matching after it, and a damaged saved account that is refused in words until it is reset.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type SqliteDatabase } from '../../storage';
import { useTempDatabases } from '../../storage/testing/temp-databases';
import { InMemoryAccountStore } from './account-store';
import { SimulatedExchange } from './simulated-exchange';
import { SqliteAccountStore } from './sqlite-account-store';
import { demoRig, failure, funds, type DemoRig } from './testing/demo-rig';

const temp = useTempDatabases();
let rig: DemoRig;
afterEach(() => rig?.close());

const round2 = (value: number) => Math.round(value * 100) / 100;

describe('SimulatedExchange persistence in SQLite', () => {
  it('keeps balances, orders, trades and id counters across a restart, and a resting order fills after it', async () => {
    const file = join(temp.folder(), 'app.sqlite');
    let db: SqliteDatabase = openDatabase(file);
    rig = demoRig({ store: new SqliteAccountStore(db) });
    const start = await rig.ticker('BTC/USDT');
    const bought = await rig.exchange.createOrder({ venue: 'demo', symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: 0.02 }, 'bought');
    const price = round2(start.last * 0.999);
    const resting = await rig.exchange.createOrder({ venue: 'demo', symbol: 'BTC/USDT', side: 'buy', type: 'limit', amount: 0.05, price }, 'resting');
    const before = { funds: await funds(rig.exchange), open: await rig.exchange.openOrders(), trades: await rig.exchange.myTrades('BTC/USDT') };
    rig.exchange.close();
    db.close();

    db = temp.open(file);
    expect(rig.openFeeds()).toBe(0);
    const restarted = rig.restart(new SqliteAccountStore(db));
    expect(rig.openFeeds()).toBe(1); // the restarted engine watches the resting order's market at once
    expect(await funds(restarted)).toEqual(before.funds);
    expect(await restarted.openOrders()).toEqual(before.open);
    expect(await restarted.myTrades('BTC/USDT')).toEqual(before.trades);
    expect(await restarted.fetchOrder('BTC/USDT', bought.exchangeOrderId!)).toEqual(bought);
    // Ids go on from where they were: a used client id stays refused, the next exchange id is new.
    expect(await failure(restarted.createOrder({ venue: 'demo', symbol: 'ETH/USDT', side: 'buy', type: 'market', amount: 0.01 }, 'bought'))).toMatchObject({ code: 'ORDER_REJECTED' });
    const next = await restarted.createOrder({ venue: 'demo', symbol: 'ETH/USDT', side: 'buy', type: 'market', amount: 0.01 }, 'after-restart');
    expect(next.exchangeOrderId).not.toBe(bought.exchangeOrderId);
    expect(next.exchangeOrderId).not.toBe(resting.exchangeOrderId);

    const seen: string[] = [];
    restarted.watchOrders((activity) => seen.push(activity.order.status));
    await rig.driveUntil('BTC/USDT', async () => (await restarted.fetchOrder('BTC/USDT', resting.exchangeOrderId!)).status === 'filled');
    expect(seen).toEqual(['filled']);
    expect(await restarted.fetchOrder('BTC/USDT', resting.exchangeOrderId!)).toMatchObject({ averagePrice: price, filled: 0.05 });
    restarted.close();
    db.close();

    // And the fill itself was saved.
    const third = rig.restart(new SqliteAccountStore(temp.open(file)));
    expect(await third.openOrders()).toEqual([]);
    expect((await funds(third)).USDT!.used).toBe(0);
    expect((await third.myTrades('BTC/USDT')).map((t) => t.clientOrderId)).toEqual(['bought', 'resting']);
  });

  it('keeps an account in memory for the life of the process when no database is given, copied each way', async () => {
    const store = new InMemoryAccountStore();
    rig = demoRig({ store });
    const ticker = await rig.ticker('BTC/USDT');
    const order = await rig.exchange.createOrder({ venue: 'demo', symbol: 'BTC/USDT', side: 'buy', type: 'limit', amount: 0.01, price: round2(ticker.last * 0.5) }, 'kept');
    order.amount = 99; // a caller changing what it was given changes nothing inside
    const restarted = rig.restart(store);
    expect(await restarted.openOrders()).toMatchObject([{ clientOrderId: 'kept', amount: 0.01 }]);
    expect(await funds(restarted)).toEqual(await funds(rig.exchange));
    const fresh = rig.restart(new InMemoryAccountStore());
    expect(await fresh.openOrders()).toEqual([]);
  });

  it('keeps the demo and paper accounts of a venue apart in one database', async () => {
    const db = temp.open(':memory:');
    const store = new SqliteAccountStore(db);
    rig = demoRig({ store });
    const paper = new SimulatedExchange({ venue: 'demo', mode: 'paper', prices: rig.demo, store, startingBalances: { USDT: 500 } });
    try {
      await rig.exchange.createOrder({ venue: 'demo', symbol: 'ETH/USDT', side: 'sell', type: 'market', amount: 1 }, 'shared-id');
      await paper.createOrder({ venue: 'demo', symbol: 'ETH/USDT', side: 'buy', type: 'market', amount: 0.1 }, 'shared-id');
      expect((await funds(paper)).ETH!.total).toBeCloseTo(0.0999, 12);
      expect((await funds(rig.exchange)).ETH).toBeUndefined();
    } finally {
      paper.close();
    }
    // Fills stay in SQLite, read on demand: the loaded account holds only its resting orders.
    expect(store.load('demo', 'paper')!.trades).toEqual([]);
    expect(store.history('demo', 'paper').trades('ETH/USDT', undefined).map((t) => t.side)).toEqual(['buy']);
    expect(store.history('demo', 'demo').trades('ETH/USDT', undefined).map((t) => t.side)).toEqual(['sell']);
    expect(store.history('demo', 'demo').orderByClientId('shared-id')?.order).toMatchObject({ side: 'sell', status: 'filled' });
    expect(store.load('binance', 'paper')).toBeUndefined();
    const rows = db.prepare<[], { mode: string; orders: number }>('SELECT mode, COUNT(*) AS orders FROM sim_orders GROUP BY mode ORDER BY mode').all();
    expect(rows).toEqual([{ mode: 'demo', orders: 1 }, { mode: 'paper', orders: 1 }]);
  });

  it('refuses a damaged saved account with a clear error until it is reset, then starts over', async () => {
    const db = temp.open(':memory:');
    db.prepare("INSERT INTO sim_accounts (venue, mode, state, updated_at) VALUES ('demo', 'demo', '{\"format\":1,\"balances\":{\"USDT\":{\"free\":-5,\"used\":0}}}', 0)").run();
    db.prepare(`INSERT INTO sim_orders (venue, mode, exchange_order_id, client_order_id, booked) VALUES ('demo', 'demo', '1', 'old', '{"nonsense":true}')`).run();
    rig = demoRig({ store: new SqliteAccountStore(db) });
    const error = await failure(rig.exchange.balance());
    expect(error).toMatchObject({ code: 'INTERNAL' });
    expect(error.message).toMatch(/the saved demo account for demo cannot be read .*balances\.USDT\.free.*reset it to start over/);
    expect(await failure(rig.exchange.createOrder({ venue: 'demo', symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: 0.01 }, 'x'))).toMatchObject({ code: 'INTERNAL' });

    await rig.exchange.reset();
    expect((await funds(rig.exchange)).USDT).toEqual({ free: 10_000, used: 0, total: 10_000 });
    // Saved as a new account: what was unreadable is gone, and the next start reads it.
    expect(db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM sim_orders').get()!.n).toBe(0);
    const restarted = rig.restart(new SqliteAccountStore(db));
    expect((await funds(restarted)).USDT).toEqual({ free: 10_000, used: 0, total: 10_000 });
    expect(await restarted.fetchOrderByClientId('BTC/USDT', 'old')).toBeUndefined();
  });

  it('changes nothing when the account cannot be saved', async () => {
    const db = temp.open(':memory:');
    rig = demoRig({ store: new SqliteAccountStore(db) });
    const before = await funds(rig.exchange);
    db.exec('DROP TABLE sim_accounts');
    const error = await failure(rig.exchange.createOrder({ venue: 'demo', symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: 0.01 }, 'unsaved'));
    expect(error).toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('could not be saved, so nothing changed') });
    expect(await funds(rig.exchange)).toEqual(before);
    expect(await rig.exchange.fetchOrderByClientId('BTC/USDT', 'unsaved')).toBeUndefined();
    expect(rig.activities).toEqual([]);
  });
});
