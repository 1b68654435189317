// Each limit refuses the order that would breach it, with the right figures, and lets through the order that
// reduces risk. Fills and open orders arrive as they do in the app, on the bus; the database is real SQLite.
import { beforeEach, describe, expect, it } from 'vitest';
import { AppError, type Market, type Order, type PlaceOrder, type RiskLimitEvent, type RiskSettings, type Trade } from '../../src-shared';
import { InProcessEventBus } from '../events';
import { openDatabase } from '../storage';
import { RiskRepository } from './risk-repository';
import { RiskService } from './risk-service';

const NOW = Date.UTC(2026, 10, 2, 15, 0, 0);
const BTC: Market = { venue: 'binance', symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', pricePrecision: 2, amountPrecision: 5, active: true };
const ETH: Market = { ...BTC, symbol: 'ETH/USDT', base: 'ETH' };

let bus: InProcessEventBus;
let risk: RiskService;
let events: RiskLimitEvent[];
let tradeId = 0;

function setup(settings: Partial<RiskSettings>): void {
  bus = new InProcessEventBus();
  risk = new RiskService({ repository: new RiskRepository(openDatabase(':memory:'), () => NOW), bus, cancelTargets: () => [], now: () => NOW });
  risk.updateSettings({ global: {}, accounts: {}, dailyResetUtc: '00:00', warnAtPct: 80, ...settings });
  events = [];
  bus.subscribe('risk.limit.exceeded', (e) => void events.push(e));
  bus.subscribe('risk.limit.warning', (e) => void events.push(e));
}

function fill(side: Trade['side'], amount: number, price: number, extra: Partial<Trade> = {}): void {
  tradeId += 1;
  bus.publish('trade.executed', { id: `t${tradeId}`, venue: 'binance', mode: 'live', symbol: 'BTC/USDT', side, amount, price, timestamp: NOW - 60_000, ...extra });
}

function openOrder(side: Order['side'], amount: number, price: number, extra: Partial<Order> = {}): void {
  tradeId += 1;
  bus.publish('order.updated', {
    clientOrderId: `o${tradeId}`, venue: 'binance', mode: 'live', symbol: 'BTC/USDT', side, type: 'limit', amount, price,
    filled: 0, status: 'open', createdAt: NOW, updatedAt: NOW, ...extra,
  });
}

const order = (o: Partial<PlaceOrder>): PlaceOrder => ({ venue: 'binance', mode: 'live', symbol: 'BTC/USDT', side: 'buy', type: 'limit', amount: 0.1, price: 60_000, ...o });

/** `null`: the last price is not known (undefined would take the default). */
async function check(o: PlaceOrder, market: Market = BTC, last: number | null = 60_000): Promise<void> {
  for (const c of risk.checks) await c(o, { market, referencePrice: last ?? undefined });
}

async function refused(o: PlaceOrder, market: Market = BTC, last: number | null = 60_000): Promise<AppError> {
  try {
    await check(o, market, last);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('RISK_LIMIT');
    return error as AppError;
  }
  throw new Error('expected a RISK_LIMIT refusal');
}

describe('maximum order value', () => {
  beforeEach(() => setup({ global: { maxOrderNotional: 10_000 } }));

  it('refuses the order worth more, naming its value, amount, price and the limit', async () => {
    const error = await refused(order({ amount: 0.2, price: 60_000 }));
    expect(error.message).toBe('Refused by the global maximum order value: this order is worth 12,000.00 USDT (0.2 BTC at 60,000.00 USDT); the limit is 10,000.00 USDT.');
    expect(events).toEqual([expect.objectContaining({ level: 'exceeded', limit: 'maxOrderNotional', scope: 'global', value: 12_000, threshold: 10_000, symbol: 'BTC/USDT' })]);
    expect(risk.log(5)[0]).toMatchObject({ kind: 'refused', venue: 'binance', symbol: 'BTC/USDT', message: expect.stringContaining('buy 0.2 BTC/USDT limit at 60000 on binance (live): Refused by') });
  });

  it('values a market order at the last price, and refuses it when that price is unknown', async () => {
    const error = await refused(order({ type: 'market', price: undefined, amount: 0.25 }), BTC, 50_000);
    expect(error.message).toContain('worth 12,500.00 USDT (0.25 BTC at 50,000.00 USDT)');
    expect((await refused(order({ type: 'market', price: undefined }), BTC, null)).message).toContain('the last price of BTC/USDT is not known yet');
  });

  it('values MetaTrader 5 lots in the account currency: lots × contract value at the price', async () => {
    // EURUSD on a USD account: a tick of 0.00001 is worth 1 USD per lot, so one lot at 1.085 is worth 108,500 USD.
    const eurusd: Market = { venue: 'mt5', symbol: 'EUR/USD', base: 'EUR', quote: 'USD', pricePrecision: 5, amountPrecision: 2, active: true, valuation: { perUnitPrice: 1 / 0.00001, currency: 'USD' } };
    const lots = (amount: number) => order({ venue: 'mt5', symbol: 'EUR/USD', type: 'market', price: undefined, amount });
    await check(lots(0.05), eurusd, 1.085); // 5,425 USD
    const error = await refused(lots(0.1), eurusd, 1.085);
    expect(error.message).toBe('Refused by the global maximum order value: this order is worth 10,850.00 USD (0.1 lots at 108,500.00 USD); the limit is 10,000.00 USD.');
  });

  it('allows an order at the limit, warning at 80 %', async () => {
    await check(order({ amount: 0.15 })); // 9,000 USDT
    expect(events).toEqual([expect.objectContaining({ level: 'warning', limit: 'maxOrderNotional', value: 9_000, threshold: 10_000 })]);
  });

  it('allows a larger order that closes part of a position', async () => {
    fill('buy', 0.5, 58_000);
    await check(order({ side: 'sell', amount: 0.3 })); // 18,000 USDT, but it reduces a 0.5 BTC long
    await refused(order({ side: 'sell', amount: 0.6 })); // more than the position: it would open a short
  });
});

describe('maximum position per symbol', () => {
  beforeEach(() => setup({ global: { maxPositionNotional: 30_000 } }));

  it('counts the position from fills and the open orders on the same side', async () => {
    fill('buy', 0.3, 59_000);
    fill('buy', 0.1, 61_000);
    openOrder('buy', 0.05, 58_000);
    const error = await refused(order({ amount: 0.1 }));
    expect(error.message).toBe(
      'Refused by the global maximum position per symbol: the BTC/USDT position would reach 0.55 BTC counting 0.05 BTC in open buy orders, worth 33,000.00 USDT at 60,000.00 USDT; the limit is 30,000.00 USDT.',
    );
    await check(order({ amount: 0.04 })); // 0.49 BTC: 29,400 USDT
  });

  it('lets a sell that reduces the position through, and refuses a short past the limit', async () => {
    fill('buy', 0.6, 60_000); // 36,000 USDT: over the limit already (it was raised and lowered again)
    await refused(order({ amount: 0.01 }));
    await check(order({ side: 'sell', amount: 0.6 }));
    fill('sell', 0.6, 60_000);
    const error = await refused(order({ side: 'sell', amount: 0.6 }));
    expect(error.message).toContain('would reach -0.6 BTC, worth 36,000.00 USDT');
  });

  it('adds up every venue for the global limit, only its own for an account limit', async () => {
    setup({ global: { maxPositionNotional: 50_000 }, accounts: { binance: { maxPositionNotional: 20_000 } } });
    fill('buy', 0.3, 60_000, { venue: 'gate' });
    fill('buy', 0.3, 60_000);
    // Binance alone: 0.3 + 0.1 = 24,000 > 20,000 (its own limit).
    expect((await refused(order({ amount: 0.1 }))).message).toContain("Refused by the Binance account's maximum position per symbol");
    // Gate has no account limit; all venues together: 0.6 + 0.25 = 51,000 > 50,000.
    const error = await refused(order({ venue: 'gate', amount: 0.25 }));
    expect(error.message).toContain('Refused by the global maximum position per symbol: the BTC/USDT position would reach 0.85 BTC');
    // Paper positions do not count against live limits.
    fill('buy', 5, 60_000, { mode: 'paper' });
    await check(order({ venue: 'gate', amount: 0.1 }));
  });
});

describe('maximum open orders', () => {
  beforeEach(() => setup({ global: { maxOpenOrders: 3 } }));

  it('refuses a fourth order and allows one that closes part of a position', async () => {
    fill('buy', 0.2, 60_000);
    openOrder('buy', 0.01, 50_000);
    openOrder('buy', 0.01, 50_000);
    openOrder('buy', 0.01, 50_000, { symbol: 'ETH/USDT' });
    const error = await refused(order({ amount: 0.01 }));
    expect(error.message).toBe('Refused by the global maximum open orders: 3 orders are open already; the limit is 3. Cancel one first.');
    await check(order({ side: 'sell', amount: 0.1, price: 65_000 }));
  });

  it('counts an order again once it is no longer open', async () => {
    openOrder('buy', 0.01, 50_000, { clientOrderId: 'a' });
    openOrder('buy', 0.01, 50_000, { clientOrderId: 'b' });
    openOrder('buy', 0.01, 50_000, { clientOrderId: 'c' });
    await refused(order({ amount: 0.01 }));
    openOrder('buy', 0.01, 50_000, { clientOrderId: 'c', status: 'cancelled' });
    await check(order({ amount: 0.01 }));
  });
});

describe('allowed symbols', () => {
  beforeEach(() => setup({ accounts: { binance: { allowedSymbols: ['BTC/USDT'] } } }));

  it('refuses a symbol not in the list and lets a position in it be closed', async () => {
    const error = await refused(order({ symbol: 'ETH/USDT', price: 3_000 }), ETH, 3_000);
    expect(error.message).toBe("Refused by the Binance account's allowed symbols: ETH/USDT is not in the list (BTC/USDT). Add it in Risk settings, or trade a listed symbol.");
    fill('buy', 2, 3_000, { symbol: 'ETH/USDT' });
    await check(order({ symbol: 'ETH/USDT', side: 'sell', amount: 2, price: 3_000 }), ETH, 3_000);
    await check(order({ venue: 'gate', symbol: 'ETH/USDT', price: 3_000 }), ETH, 3_000); // another account
  });
});

describe('maximum daily loss', () => {
  beforeEach(() => setup({ global: { maxDailyLoss: 500 } }));

  it('adds realized and unrealized P&L, refuses new risk once it reaches the limit and still lets positions close', async () => {
    fill('buy', 1, 60_000);
    fill('sell', 0.5, 59_500, { fee: 29.75, feeAsset: 'USDT' }); // realized −250 − 29.75 fee
    await check(order({ amount: 0.001 }), BTC, 59_700); // unrealized 0.5 × −300 = −150: loss 429.75, a warning
    expect(events.at(-1)).toMatchObject({ level: 'warning', limit: 'maxDailyLoss', value: 429.75, threshold: 500 });
    const error = await refused(order({ amount: 0.001 }), BTC, 59_500); // unrealized −250: loss 529.75
    expect(error.message).toBe(
      'Refused by the global maximum daily loss: the loss since the reset at 00:00 UTC is 529.75 USDT (realized -279.75 USDT, unrealized -250.00 USDT); the limit is 500.00 USDT. Only orders that reduce a position are accepted until the reset.',
    );
    await check(order({ side: 'sell', amount: 0.5, type: 'market', price: undefined }), BTC, 59_500);
  });
});

describe('positions from before a restart', () => {
  it('reads the journaled fills when the first order is checked, if the start did not get to it', async () => {
    setup({ global: { maxPositionNotional: 50_000 } });
    let reads = 0;
    const journaled: Trade = { id: 'old', venue: 'binance', mode: 'live', symbol: 'BTC/USDT', side: 'buy', amount: 0.8, price: 60_000, timestamp: NOW - 3_600_000 };
    risk.seedTradesLater(() => {
      reads += 1;
      return [journaled];
    });
    expect(reads).toBe(0);
    // 0.8 held + 0.1 = 0.9 BTC × 60,000 = 54,000 > 50,000.
    const error = await refused(order({ amount: 0.1 }));
    expect(error.message).toContain('the BTC/USDT position would reach 0.9 BTC');
    fill('buy', 0.01, 60_000);
    risk.seedNow();
    expect(reads).toBe(1);
  });
});

describe('global figures over several quote currencies', () => {
  const ETH_EUR: Market = { ...BTC, symbol: 'ETH/EUR', base: 'ETH', quote: 'EUR' };
  // 1 EUR = 1.1 USDT, as the portfolio's rates would say.
  const rates = (amount: number, from: string, to: string) =>
    from === to ? amount : from === 'EUR' && to === 'USDT' ? amount * 1.1 : from === 'USDT' && to === 'EUR' ? amount / 1.1 : undefined;

  it('converts each market into the order\'s quote before adding, and leaves out what has no rate', async () => {
    bus = new InProcessEventBus();
    risk = new RiskService({ repository: new RiskRepository(openDatabase(':memory:'), () => NOW), bus, cancelTargets: () => [], now: () => NOW, convert: rates });
    risk.updateSettings({ global: { maxDailyLoss: 300 }, accounts: {}, dailyResetUtc: '00:00', warnAtPct: 80 });
    fill('buy', 1, 60_000);
    fill('sell', 1, 59_900); // −100 USDT
    fill('buy', 10, 2_000, { venue: 'gate', symbol: 'ETH/EUR' });
    fill('sell', 10, 1_980, { venue: 'gate', symbol: 'ETH/EUR' }); // −200 EUR = −220 USDT
    fill('buy', 1, 10, { venue: 'gate', symbol: 'XYZ/ABC' });
    fill('sell', 1, 1, { venue: 'gate', symbol: 'XYZ/ABC' }); // −9 ABC: no rate, left out
    // In USDT: −100 − 220 = −320, past 300 (adding the raw amounts would have said −309).
    const error = await refused(order({ amount: 0.001 }));
    expect(error.message).toContain('the loss since the reset at 00:00 UTC is 320.00 USDT');
    // In EUR, for an order on ETH/EUR: −100 / 1.1 − 200 = −290.91, under 300 (a warning only).
    await check(order({ venue: 'gate', symbol: 'ETH/EUR', amount: 0.01, price: 1_980 }), ETH_EUR, 1_980);
  });
});

describe('settings', () => {
  it('keeps what was saved across a new service on the same database, and refuses a bad reset time', () => {
    const db = openDatabase(':memory:');
    const first = new RiskService({ repository: new RiskRepository(db), bus: new InProcessEventBus(), cancelTargets: () => [] });
    const saved = first.updateSettings({ global: { maxOpenOrders: 5 }, accounts: { gate: { maxDailyLoss: 100 } }, dailyResetUtc: '08:30', warnAtPct: 90 });
    const second = new RiskService({ repository: new RiskRepository(db), bus: new InProcessEventBus(), cancelTargets: () => [] });
    expect(second.settings()).toEqual(saved);
    expect(() => second.updateSettings({ ...saved, dailyResetUtc: '25:00' })).toThrow(/reset time/);
    expect(second.settings().dailyResetUtc).toBe('08:30');
    expect(second.log(10)[0]).toMatchObject({ kind: 'limits-changed', message: expect.stringContaining('daily reset 08:30 UTC') });
  });
});
