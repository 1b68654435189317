// The MetaTrader 5 terminals service against fake terminals over real sockets: pairing, refusals, the trading
// terminal behind the `mt5` venue, positions closed in part and in full, SL/TP, live ticks, several logins at once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FakeMt5Terminal, SimulatedTradeServer, type TradeServerOptions } from '../../fakes/mt5-terminal';
import type { Ticker } from '../../src-shared';
import { Mt5Venue, VenueDirectory } from '../exchanges';
import { MemorySecretStore } from '../secrets/testing';
import { SettingsRepository } from '../storage';
import { useTempDatabases } from '../storage/testing/temp-databases';
import { CandleStreams, type StreamedCandle } from '../streaming';
import { PositionService } from '../trading';
import { Mt5Terminals, TRADING_LOGIN_KEY } from './mt5-terminals';

const databases = useTempDatabases();
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function waitFor<T>(read: () => T | undefined | false, timeoutMs = 5_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value) return value;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function start(openOrders: () => boolean = () => false) {
  const db = databases.open(join(databases.folder(), 'app.sqlite'));
  const settings = new SettingsRepository(db);
  const secrets = new MemorySecretStore();
  const venues = new VenueDirectory();
  const terminals = new Mt5Terminals({ secrets, settings, venues, port: 0, appName: 'Test', hasOpenOrders: openOrders });
  await terminals.start();
  cleanups.push(() => terminals.close());
  const positions = new PositionService({ accounts: () => terminals.positionAccounts() });
  const attach = async (token: string, account: TradeServerOptions = {}) => {
    const filesDir = mkdtempSync(join(tmpdir(), 'mt5-files-'));
    const server = new SimulatedTradeServer(account);
    const port = terminals.status().port;
    const terminal = new FakeMt5Terminal({ port, token, server, filesDir, backoffMinMs: 20, backoffMaxMs: 200, waitRefusedMs: 60_000, pollMs: 10 });
    cleanups.push(() => {
      terminal.stop();
      rmSync(filesDir, { recursive: true, force: true });
    });
    terminal.start();
    return terminal;
  };
  return { terminals, positions, venues, settings, secrets, attach };
}

describe('Mt5Terminals', () => {
  it('listens on loopback, welcomes a terminal with the pairing token and trades through it', async () => {
    const { terminals, venues, settings, attach } = await start();
    const status = terminals.status();
    expect(status).toMatchObject({ listening: true, host: '127.0.0.1', terminals: [] });
    expect(status.port).toBeGreaterThan(0);
    const { token } = await terminals.pairing();
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    const terminal = await attach(token, { login: '7001', balance: 25_000 });
    await terminal.waitWelcomed();
    const summary = await waitFor(() => terminals.status().terminals.find((t) => t.login === '7001' && t.figures));
    expect(summary).toMatchObject({ server: 'Broker-Demo', company: 'Broker Ltd', connected: true, trading: true, currency: 'USD' });
    expect(summary.figures?.balance).toBe(25_000);
    expect(JSON.stringify(terminals.status())).not.toContain(token);
    expect(settings.get(TRADING_LOGIN_KEY, z.string())).toBe('7001');
    expect(venues.summaries().find((v) => v.id === 'mt5')).toMatchObject({ available: true, mode: 'live' });
    expect((await venues.get('mt5').markets()).map((m) => m.symbol)).toContain('EUR/USD');
  });

  it('shows a wrong token as a refusal with what to do, and never the token', async () => {
    const { terminals, attach } = await start();
    const wrong = 'ab'.repeat(32);
    await attach(wrong, { login: '7002' });
    const refusal = await waitFor(() => terminals.status().refusals[0]);
    expect(refusal).toMatchObject({ reason: 'token', login: '7002', server: 'Broker-Demo' });
    expect(refusal.message).toContain('Connect MetaTrader 5');
    expect(terminals.status().terminals).toEqual([]);
    expect(JSON.stringify(terminals.status())).not.toContain(wrong);
  });

  it('a renewed token refuses the next hello with the old one', async () => {
    const { terminals, attach } = await start();
    const { token: old } = await terminals.pairing();
    const { token: renewed } = await terminals.renewPairing();
    expect(renewed).not.toBe(old);
    await attach(old, { login: '7003' });
    await waitFor(() => terminals.status().refusals[0]?.reason === 'token');
    (await attach(renewed, { login: '7004' })).start();
    await waitFor(() => terminals.status().terminals.find((t) => t.login === '7004'));
  });

  it('opens, partly closes, modifies and closes a position, each deal in the history', async () => {
    const { terminals, positions, venues, attach } = await start();
    const { token } = await terminals.pairing();
    await (await attach(token, { login: '7005', marginMode: 'hedging' })).waitWelcomed();
    await waitFor(() => terminals.positionAccounts().length === 1);
    const trading = venues.trading('mt5');
    const order = await trading.createOrder({ venue: 'mt5', symbol: 'EUR/USD', side: 'buy', type: 'market', amount: 0.3 }, trading.newClientOrderId());
    expect(order.status).toBe('filled');

    const [position] = (await positions.list()).positions;
    expect(position).toMatchObject({ venue: 'mt5', account: '7005', symbol: 'EUR/USD', side: 'buy', volume: 0.3, currency: 'USD' });

    const protectedPosition = await positions.modify('mt5', '7005', position!.id, { stopLoss: 0.5, takeProfit: 2 });
    expect(protectedPosition).toMatchObject({ stopLoss: 0.5, takeProfit: 2 });
    const withoutStop = await positions.modify('mt5', '7005', position!.id, { stopLoss: null });
    expect(withoutStop.stopLoss).toBeUndefined();
    expect(withoutStop.takeProfit).toBe(2);

    const partial = await positions.close('mt5', '7005', position!.id, 0.1);
    expect(partial).toMatchObject({ id: position!.id, volume: 0.1, remaining: 0.2 });
    expect((await positions.list()).positions[0]?.volume).toBeCloseTo(0.2, 8);

    await expect(positions.close('mt5', '7005', position!.id, 5)).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
    const rest = await positions.close('mt5', '7005', position!.id);
    expect(rest).toMatchObject({ volume: 0.2, remaining: 0 });
    expect((await positions.list()).positions).toEqual([]);
    await expect(positions.close('mt5', '7005', position!.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const deals = await positions.deals('mt5', '7005');
    expect(deals.map((deal) => [deal.entry, deal.volume])).toEqual([['out', 0.2], ['out', 0.1], ['in', 0.3]]);
    expect(deals.every((deal) => deal.clientOrderId !== undefined && deal.positionId === position!.id)).toBe(true);
  });

  it('closes every position of every login, and reports the terminals it trades through', async () => {
    const { terminals, positions, attach } = await start();
    const { token } = await terminals.pairing();
    await (await attach(token, { login: '7006' })).waitWelcomed();
    await (await attach(token, { login: '7007', marginMode: 'netting' })).waitWelcomed();
    await waitFor(() => terminals.positionAccounts().length === 2);
    for (const account of terminals.positionAccounts()) {
      const venue = account as Mt5Venue;
      await venue.createOrder({ venue: 'mt5', symbol: 'EUR/USD', side: 'sell', type: 'market', amount: 0.05 }, venue.newClientOrderId());
      await venue.createOrder({ venue: 'mt5', symbol: 'XAU/USD', side: 'buy', type: 'market', amount: 0.02 }, venue.newClientOrderId());
    }
    expect((await positions.list()).positions).toHaveLength(4);
    const result = await positions.closeAll();
    expect(result.failed).toEqual([]);
    expect(result.closed.map((c) => c.account).sort()).toEqual(['7006', '7006', '7007', '7007']);
    expect((await positions.list()).positions).toEqual([]);
    expect(terminals.status().terminals.filter((t) => t.trading).map((t) => t.login)).toEqual(['7006']);
  });

  it('switches the trading terminal only when no order of this app is open on it', async () => {
    let open = true;
    const { terminals, venues, attach } = await start(() => open);
    const { token } = await terminals.pairing();
    await (await attach(token, { login: '7008' })).waitWelcomed();
    await (await attach(token, { login: '7009' })).waitWelcomed();
    await waitFor(() => terminals.status().terminals.length === 2);
    expect(() => terminals.useForTrading('7009')).toThrow(/open orders/);
    expect(() => terminals.useForTrading('1234')).toThrow(/not connected/);
    expect(terminals.status().terminals.find((t) => t.trading)?.login).toBe('7008');
    open = false;
    const status = terminals.useForTrading('7009');
    expect(status.terminals.find((t) => t.trading)?.login).toBe('7009');
    expect((venues.trading('mt5') as Mt5Venue).account).toBe('7009');
  });

  it('streams ticks of the trading terminal and says reconnecting while it is away', async () => {
    const { terminals, venues, attach } = await start();
    const { token } = await terminals.pairing();
    const terminal = await attach(token, { login: '7010' });
    await terminal.waitWelcomed();
    await waitFor(() => terminals.positionAccounts().length === 1);
    const live = venues.liveSource('mt5')!;
    const ticks: Ticker[] = [];
    const statuses: string[] = [];
    const stop = live.watchTicker!('EUR/USD', (ticker) => ticks.push(ticker), (change) => statuses.push(change.status));
    cleanups.push(stop);
    await waitFor(() => ticks.length > 0);
    expect(ticks[0]).toMatchObject({ venue: 'mt5', symbol: 'EUR/USD' });
    expect(ticks[0]!.bid).toBeLessThanOrEqual(ticks[0]!.ask!);
    terminal.dropConnection();
    await waitFor(() => statuses.includes('reconnecting'));
    const before = ticks.length;
    await waitFor(() => statuses.at(-1) === 'live' && ticks.length > before);
  });

  it('fills the bars missed while the terminal was away from its rates, once it is back', async () => {
    // The trade server's clock is moved by hand: five minutes pass while the terminal is gone.
    let serverTime = Date.UTC(2026, 0, 7, 12, 0, 30) + 7_200_000;
    const { terminals, venues, attach } = await start();
    const { token } = await terminals.pairing();
    const terminal = await attach(token, { login: '7011', clock: () => serverTime });
    await terminal.waitWelcomed();
    await waitFor(() => terminals.positionAccounts().length === 1);
    const streams = new CandleStreams((venue) => venues.liveSource(venue), { history: (venue) => venues.get(venue) });
    const updates: StreamedCandle[] = [];
    const statuses: string[] = [];
    cleanups.push(streams.subscribe({ venue: 'mt5', symbol: 'EUR/USD', timeframe: '1m' }, (update) => updates.push(update), (change) => statuses.push(change.status)));
    terminal.quote('EURUSD', 1.081);
    const first = await waitFor(() => updates.find((u) => !u.backfill));
    const openedAt = first.candle.time;

    terminal.stop();
    await waitFor(() => statuses.includes('reconnecting'));
    for (let minute = 1; minute <= 5; minute++) {
      serverTime += 60_000;
      terminal.quote('EURUSD', 1.081 + minute / 10_000);
    }
    serverTime += 60_000;
    terminal.start();
    terminal.quote('EURUSD', 1.0825);
    const backfilled = await waitFor(() => {
      const filled = updates.filter((u) => u.backfill).map((u) => u.candle.time);
      return filled.length >= 5 && filled;
    });
    expect(backfilled).toEqual(expect.arrayContaining([1, 2, 3, 4, 5].map((m) => openedAt + m * 60_000)));
    await waitFor(() => statuses.at(-1) === 'live');
    const missed = updates.find((u) => u.backfill && u.candle.time === openedAt + 3 * 60_000);
    expect(missed?.candle.close).toBeCloseTo(1.0813, 5);
  });
});
