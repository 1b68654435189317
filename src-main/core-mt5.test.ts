// MetaTrader 5 through the whole core, as the renderer drives it: a fake terminal pairs with the token the API shows,
// orders go through the journal and the risk checks like any venue's, the kill switch cancels pending MT5 orders and
// blocks new ones, positions close, and a restart keeps the trading terminal.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { alwaysOpen, FakeMt5Terminal, SimulatedTradeServer } from '../fakes/mt5-terminal';
import type { ApiResponse, Channel, EventName, Order, Position, Req, Res } from '../src-shared';
import { TransportSession } from './api/session';
import { createCore, type Core } from './core';
import { MemorySecretStore } from './secrets/testing';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function waitFor<T>(read: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function startCore(dataDir: string, secrets: MemorySecretStore) {
  const core: Core = await createCore({ dataDir, transport: 'websocket', demoSeed: 7, demoTickMs: 100, secrets, mt5Port: 0 });
  const events: Array<{ event: EventName; payload: unknown }> = [];
  const session = new TransportSession('t', (event, payload) => events.push({ event, payload }));
  const call = async <C extends Channel>(channel: C, payload: Req<C>): Promise<ApiResponse<Res<C>>> =>
    (await core.dispatcher.dispatch(channel, payload, session)) as ApiResponse<Res<C>>;
  const ok = async <C extends Channel>(channel: C, payload: Req<C>): Promise<Res<C>> => {
    const response = await call(channel, payload);
    if (!response.ok) throw new Error(`${channel}: ${response.error.code}: ${response.error.message}`);
    return response.result;
  };
  return { core, events, call, ok };
}

function attachTerminal(port: number, token: string, server: SimulatedTradeServer): FakeMt5Terminal {
  const filesDir = mkdtempSync(join(tmpdir(), 'mt5-files-'));
  const terminal = new FakeMt5Terminal({ port, token, server, filesDir, backoffMinMs: 20, backoffMaxMs: 200, pollMs: 20 });
  cleanups.push(() => {
    terminal.stop();
    rmSync(filesDir, { recursive: true, force: true });
  });
  terminal.start();
  return terminal;
}

describe('MetaTrader 5 in the core', () => {
  it('pairs, trades through the journal, closes positions and sweeps pending orders with the kill switch', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tbs-core-mt5-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const secrets = new MemorySecretStore();
    const first = await startCore(dataDir, secrets);
    cleanups.push(() => first.core.close());
    const { ok, call, events } = first;

    const pairing = await ok('mt5:pairing', {});
    expect(pairing.port).toBeGreaterThan(0);
    // The trade server on the real clock (UTC + 2 h, as the fake terminal reports), so chart history and prices line up.
    const server = new SimulatedTradeServer({ login: '8101', balance: 10_000, clock: () => Date.now() + 7_200_000, symbols: alwaysOpen() });
    const terminal = attachTerminal(pairing.port, pairing.token, server);
    await terminal.waitWelcomed();
    await waitFor(async () => (await ok('mt5:bridge', {})).terminals.find((t) => t.login === '8101' && t.trading && t.figures));
    expect(events.some((e) => e.event === 'mt5.bridge-changed')).toBe(true);
    expect(JSON.stringify(events)).not.toContain(pairing.token);

    const markets = await ok('market:markets', { venue: 'mt5' });
    expect(markets.find((m) => m.symbol === 'EUR/USD')).toMatchObject({ valuation: { currency: 'USD' } });

    const filled = await ok('orders:place', { venue: 'mt5', mode: 'live', symbol: 'EUR/USD', side: 'buy', type: 'market', amount: 0.2 });
    expect(filled).toMatchObject({ venue: 'mt5', status: 'filled' });
    const { positions } = await ok('positions:list', {});
    expect(positions).toEqual([expect.objectContaining<Partial<Position>>({ account: '8101', symbol: 'EUR/USD', side: 'buy', volume: 0.2 })]);
    await waitFor(() => events.some((e) => e.event === 'positions.changed'));

    const closed = await ok('positions:close', { venue: 'mt5', account: '8101', id: positions[0]!.id, volume: 0.05 });
    expect(closed.remaining).toBeCloseTo(0.15, 8);
    // The portfolio's mt5 view is the terminal's own: its open position in lots, in the account currency.
    await ok('portfolio:update-settings', { currency: 'USD' });
    const held = await waitFor(async () => {
      const list = await ok('portfolio:positions', { view: 'mt5' });
      return list.length === 1 && Math.abs(list[0]!.quantity - 0.15) < 1e-9 && list[0]!.trades === 2 ? list : undefined;
    });
    expect(held[0]).toMatchObject({ venue: 'mt5', symbol: 'EUR/USD', quote: 'USD', quantity: 0.15, averagePrice: positions[0]!.openPrice });
    const refused = await call('positions:close', { venue: 'mt5', account: '8101', id: 'x1' } as never);
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });

    // A pending order far from the market rests; the kill switch cancels it and refuses the next one.
    const resting = await ok('orders:place', { venue: 'mt5', mode: 'live', symbol: 'EUR/USD', side: 'buy', type: 'limit', amount: 0.1, price: 0.9 });
    expect(resting.status).toBe('open');
    expect(server.orders.size).toBe(1);
    await ok('risk:engage-kill-switch', { reason: 'test' });
    await waitFor(() => server.orders.size === 0);
    const cancelled = await waitFor(async () => (await ok('orders:list', { scope: 'history' })).find((o: Order) => o.clientOrderId === resting.clientOrderId && o.status === 'cancelled'));
    expect(cancelled.venue).toBe('mt5');
    const blocked = await call('orders:place', { venue: 'mt5', mode: 'live', symbol: 'EUR/USD', side: 'buy', type: 'market', amount: 0.01 });
    expect(blocked).toMatchObject({ ok: false, error: { code: 'RISK_LIMIT', message: expect.stringContaining('kill switch') } });

    // Closing is never blocked by the kill switch.
    const all = await ok('positions:close-all', { confirm: true });
    expect(all.failed).toEqual([]);
    expect(all.closed).toHaveLength(1);
    expect((await ok('positions:list', {})).positions).toEqual([]);
    const deals = (await ok('positions:deals', { venue: 'mt5', account: '8101' })).deals;
    expect(deals.map((d) => d.entry)).toEqual(['out', 'out', 'in']);
    // Realized P&L is the deals' own result; equity is the balance once nothing is open.
    const dealResult = deals.reduce((sum, d) => sum + d.profit + d.swap + d.commission, 0);
    const summary = await waitFor(async () => {
      const read = await ok('portfolio:summary', { view: 'mt5' });
      // Each read of the terminal catches up with the closes: positions, balance and deals may arrive a read apart.
      const settled = read.unrealized === 0 && read.holdings[0]?.amount === server.balance;
      return settled && Math.abs(read.realized - dealResult) < 0.005 ? read : undefined;
    });
    expect(summary).toMatchObject({ view: 'mt5', currency: 'USD', unrealized: 0, unpriced: [], holdings: [expect.objectContaining({ asset: 'USD', amount: server.balance })] });
    expect(await ok('portfolio:positions', { view: 'mt5' })).toEqual([]);
    const stats = await ok('portfolio:statistics', { view: 'mt5' });
    expect(stats.total).toMatchObject({ trades: 3, closedTrades: 2 });
    expect(stats.total.realized).toBeCloseTo(dealResult, 6);
    // The mt5 fills are not valued again as spot coins: the live view holds no EUR.
    expect((await ok('portfolio:summary', { view: 'live' })).holdings.some((h) => h.asset === 'EUR')).toBe(false);
    await ok('risk:release-kill-switch', {});
    await first.core.close();
    cleanups.pop();

    // After a restart the same terminal is still the trading one, and reconnects by itself.
    const second = await startCore(dataDir, secrets);
    cleanups.push(() => second.core.close());
    expect((await second.ok('app:info', {})).venues.find((v) => v.id === 'mt5')?.available).toBe(true);
    const placed = await second.call('orders:place', { venue: 'mt5', mode: 'live', symbol: 'EUR/USD', side: 'sell', type: 'market', amount: 0.01 });
    expect(placed).toMatchObject({ ok: false, error: { code: 'VENUE_UNAVAILABLE' } });
  });
});
