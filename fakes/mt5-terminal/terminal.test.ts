import { afterEach, describe, expect, it } from 'vitest';
import type { Push } from '../../src-main/exchanges/mt5/protocol';
import { startBridgeHarness, type BridgeHarness } from './bridge-harness';

let harness: BridgeHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function setup(options: Parameters<typeof startBridgeHarness>[0] = {}) {
  harness = await startBridgeHarness(options);
  return harness;
}

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const market = (cid: string, side: 'buy' | 'sell', volume: number, symbol = 'EURUSD') => ({ cid, symbol, side, orderType: 'market' as const, volume });

describe('the fake MT5 terminal through the app bridge', () => {
  it('says hello, is welcomed and answers the read commands in the shapes the app parses', async () => {
    const { attach } = await setup();
    const { session } = await attach();
    expect(session.terminal).toMatchObject({ login: '5012345', server: 'Broker-Demo', marginMode: 'hedging', currency: 'USD' });
    const { symbols } = await session.request('symbols', {});
    expect(symbols.map((s) => s.name)).toEqual(['EURUSD', 'XAUUSD', 'US500']);
    expect(symbols[0]).toMatchObject({ digits: 5, volumeStep: 0.01, sessions: expect.arrayContaining([{ day: 3, from: 0, to: 86_400 }]) });
    expect(await session.request('account', {})).toMatchObject({ balance: 10_000, equity: 10_000, margin: 0 });
    const now = Date.UTC(2026, 0, 7, 12);
    const { bars } = await session.request('rates', { symbol: 'EURUSD', timeframe: 'M5', from: now - 3_600_000, to: now });
    expect(bars.length).toBeGreaterThan(10);
    expect(bars.every((bar, i) => i === 0 || bar.time - bars[i - 1]!.time === 300_000)).toBe(true);
    await expect(session.request('symbols', { symbol: 'NOPE' })).rejects.toMatchObject({ failure: 'not_found' });
  });

  it('opens a position with a market order and answers a repeated cid from its map without trading again', async () => {
    const { attach } = await setup();
    const { session, terminal } = await attach();
    const first = await session.request('order_send', market('k3j2h1', 'buy', 0.1));
    expect(first).toMatchObject({ retcode: 10009, replayed: false, volume: 0.1, price: 1.08201 });
    const again = await session.request('order_send', market('k3j2h1', 'buy', 0.1));
    expect(again).toEqual({ ...first, replayed: true });
    expect(terminal.server.deals).toHaveLength(1);
    const { positions } = await session.request('positions', {});
    expect(positions).toEqual([expect.objectContaining({ side: 'buy', volume: 0.1, comment: 'tbs:k3j2h1', magic: 7031 })]);
  });

  it('keeps one position per symbol on a netting account, reducing and reversing it', async () => {
    const { attach } = await setup();
    const { session } = await attach({ account: { marginMode: 'netting', login: '6000001' } });
    await session.request('order_send', market('n1', 'buy', 0.1));
    await session.request('order_send', market('n2', 'sell', 0.04));
    let { positions } = await session.request('positions', {});
    expect(positions).toEqual([expect.objectContaining({ side: 'buy', volume: 0.06 })]);
    await session.request('order_send', market('n3', 'sell', 0.1));
    ({ positions } = await session.request('positions', {}));
    expect(positions).toEqual([expect.objectContaining({ side: 'sell', volume: 0.04 })]);
  });

  it('places, triggers, modifies and cancels pending orders', async () => {
    const { attach } = await setup();
    const { session, terminal } = await attach();
    const limit = await session.request('order_send', { cid: 'p1', symbol: 'EURUSD', side: 'buy', orderType: 'limit', volume: 0.2, price: 1.079 });
    expect(limit.retcode).toBe(10008);
    const stop = await session.request('order_send', { cid: 'p2', symbol: 'EURUSD', side: 'sell', orderType: 'stop_limit', volume: 0.1, price: 1.07, stopLimit: 1.0705 });
    expect(stop.retcode).toBe(10008);
    expect((await session.request('modify', { target: 'order', ticket: stop.order, price: 1.071 })).retcode).toBe(10009);
    expect((await session.request('orders', {})).orders.map((o) => o.type).sort()).toEqual(['buy_limit', 'sell_stop_limit']);
    terminal.quote('EURUSD', 1.0789, 1.079);
    const { positions } = await session.request('positions', {});
    expect(positions).toEqual([expect.objectContaining({ side: 'buy', volume: 0.2, identifier: limit.order })]);
    expect((await session.request('cancel', { ticket: stop.order })).retcode).toBe(10009);
    expect((await session.request('orders', {})).orders).toEqual([]);
    await expect(session.request('cancel', { ticket: stop.order })).rejects.toMatchObject({ failure: 'not_found' });
  });

  it('closes part of a position, then the rest, with profit booked and the deals in history', async () => {
    const { attach } = await setup();
    const { session, terminal } = await attach();
    const open = await session.request('order_send', market('o1', 'buy', 0.3));
    await session.request('modify', { target: 'position', ticket: open.order, sl: 1.07, tp: 1.1 });
    terminal.quote('EURUSD', 1.08301);
    expect(await session.request('close', { ticket: open.order, cid: 'c1', volume: 0.1 })).toMatchObject({ retcode: 10009, volume: 0.1 });
    let { positions } = await session.request('positions', {});
    expect(positions).toEqual([expect.objectContaining({ volume: 0.2, sl: 1.07, tp: 1.1 })]);
    await session.request('close', { ticket: open.order, cid: 'c2' });
    ({ positions } = await session.request('positions', {}));
    expect(positions).toEqual([]);
    const { deals } = await session.request('deals', { from: 0, to: Date.UTC(2027, 0, 1) });
    expect(deals.map((d) => [d.entry, d.volume])).toEqual([['in', 0.3], ['out', 0.1], ['out', 0.2]]);
    expect((await session.request('account', {})).balance).toBeCloseTo(10_000 + (1.08301 - 1.08201) * 0.3 * 100_000, 2);
    // A repeated close is answered from the map: the position is gone, nothing is closed twice.
    expect(await session.request('close', { ticket: open.order, cid: 'c2' })).toMatchObject({ replayed: true });
    expect(terminal.server.deals).toHaveLength(3);
  });

  it('answers with the broker retcodes: volume, stops, money, AutoTrading, requote', async () => {
    const { attach } = await setup();
    const { session, terminal } = await attach();
    expect((await session.request('order_send', market('r1', 'buy', 0.015))).retcode).toBe(10014);
    expect((await session.request('order_send', { ...market('r2', 'buy', 0.1), sl: 1.09 })).retcode).toBe(10016);
    expect((await session.request('order_send', market('r3', 'buy', 99))).retcode).toBe(10019);
    terminal.faults.push('requote');
    expect((await session.request('order_send', market('r4', 'buy', 0.1))).retcode).toBe(10004);
    terminal.server.tradeAllowed = false;
    expect((await session.request('order_send', market('r5', 'buy', 0.1))).retcode).toBe(10027);
    expect(terminal.server.deals).toHaveLength(0);
  });

  it('pushes ticks, bars, trades and account changes for what the app subscribed to', async () => {
    const { attach } = await setup();
    const { session, terminal } = await attach();
    const pushes: Push[] = [];
    session.onPush((push) => pushes.push(push));
    await session.request('subscribe', { stream: 'ticks', symbol: 'EURUSD' });
    await session.request('subscribe', { stream: 'bars', symbol: 'EURUSD', timeframe: 'M1' });
    terminal.quote('EURUSD', 1.0825);
    await waitFor(() => pushes.some((p) => p.push === 'tick' && p.bid === 1.0825) && pushes.some((p) => p.push === 'bar' && p.close === 1.0825));
    await session.request('order_send', market('t1', 'buy', 0.1));
    await waitFor(() => pushes.some((p) => p.push === 'trade' && p.kind === 'deal_add') && pushes.some((p) => p.push === 'account' && p.margin > 0));
    await session.request('unsubscribe', { stream: 'ticks', symbol: 'EURUSD' });
    const ticks = pushes.filter((p) => p.push === 'tick').length;
    terminal.quote('EURUSD', 1.0826);
    await waitFor(() => pushes.some((p) => p.push === 'bar' && p.close === 1.0826));
    expect(pushes.filter((p) => p.push === 'tick')).toHaveLength(ticks);
  });
});

describe('the fake terminal under faults', () => {
  it('a lost reply: the request times out, find reports the recorded result, and a resend trades nothing', async () => {
    const { attach } = await setup();
    const { session, terminal } = await attach();
    terminal.faults.push('lose_reply');
    await expect(session.request('order_send', market('f1', 'buy', 0.1), 200)).rejects.toMatchObject({ failure: 'timeout' });
    const found = await session.request('find', { cid: 'f1' });
    expect(found).toMatchObject({ state: 'done', result: { retcode: 10009, replayed: true } });
    expect(found.positions).toHaveLength(1);
    expect(found.deals).toHaveLength(1);
    expect((await session.request('order_send', market('f1', 'buy', 0.1))).replayed).toBe(true);
    expect(terminal.server.deals).toHaveLength(1);
  });

  it('a drop after execution: the request fails as disconnected, the EA reconnects, find resolves it', async () => {
    const { attach, sessionOf } = await setup();
    const { session, terminal } = await attach();
    terminal.faults.push('drop_after_execution');
    await expect(session.request('order_send', market('f2', 'sell', 0.1))).rejects.toMatchObject({ failure: 'disconnected' });
    const next = await sessionOf('5012345');
    expect(next).not.toBe(session);
    expect(await next.request('find', { cid: 'f2' })).toMatchObject({ state: 'done' });
    expect(terminal.connections).toBe(2);
  });

  it('a drop before execution: find says unknown, so the order was never sent', async () => {
    const { attach, sessionOf } = await setup();
    const { session, terminal } = await attach();
    terminal.faults.push('drop_before_execution');
    await expect(session.request('order_send', market('f3', 'buy', 0.1))).rejects.toMatchObject({ failure: 'disconnected' });
    const next = await sessionOf('5012345');
    expect(await next.request('find', { cid: 'f3' })).toMatchObject({ state: 'unknown', positions: [], deals: [] });
    expect(terminal.server.deals).toHaveLength(0);
  });

  it('an EA restart mid-send: the map (persisted) says in doubt, resending is refused, find shows the position by comment', async () => {
    const { attach, sessionOf } = await setup();
    const { session, terminal } = await attach();
    terminal.faults.push('restart_after_send');
    await expect(session.request('order_send', market('f4', 'buy', 0.1))).rejects.toMatchObject({ failure: 'disconnected' });
    const next = await sessionOf('5012345');
    await expect(next.request('order_send', market('f4', 'buy', 0.1))).rejects.toMatchObject({ failure: 'in_doubt' });
    const found = await next.request('find', { cid: 'f4' });
    expect(found).toMatchObject({ state: 'in_doubt', result: null });
    expect(found.positions).toEqual([expect.objectContaining({ comment: 'tbs:f4' })]);
    expect(terminal.restarts).toBe(1);
    expect(terminal.server.deals).toHaveLength(1);
  });

  it('an EA restart keeps finished results: a repeated cid is still answered from the file', async () => {
    const { attach, sessionOf } = await setup();
    const { session, terminal } = await attach();
    const first = await session.request('order_send', market('f5', 'buy', 0.1));
    terminal.restart();
    await waitFor(() => !session.open);
    const next = await sessionOf('5012345');
    expect(await next.request('order_send', market('f5', 'buy', 0.1))).toEqual({ ...first, replayed: true });
    expect(terminal.server.deals).toHaveLength(1);
  });

  it('10012 after execution: the retcode says timeout, find shows what really happened', async () => {
    const { attach } = await setup();
    const { session, terminal } = await attach();
    terminal.faults.push('timeout_executed');
    expect(await session.request('order_send', market('f6', 'buy', 0.1))).toMatchObject({ retcode: 10012, order: '0' });
    const found = await session.request('find', { cid: 'f6' });
    expect(found.deals).toEqual([expect.objectContaining({ comment: 'tbs:f6', volume: 0.1 })]);
  });

  it('a duplicated reply settles the request once and the second is dropped', async () => {
    const { attach, logged } = await setup();
    const { session, terminal } = await attach();
    terminal.faults.push('duplicate_reply');
    expect((await session.request('order_send', market('f7', 'buy', 0.1))).retcode).toBe(10009);
    await waitFor(() => logged.some((line) => line.includes('nothing waits for')));
    expect(session.open).toBe(true);
  });

  it('a wrong token is refused, the terminal waits and tries again; a new version is refused for good', async () => {
    const { port } = await setup();
    const { FakeMt5Terminal } = await import('./terminal');
    const { SimulatedTradeServer } = await import('./trade-server');
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const options = { port, server: new SimulatedTradeServer(), filesDir: mkdtempSync(join(tmpdir(), 'mt5-files-')), backoffMinMs: 10, waitRefusedMs: 50, pollMs: 10 };
    const wrong = new FakeMt5Terminal({ ...options, token: 'not-the-token' });
    wrong.start();
    await waitFor(() => wrong.refusals.length >= 2);
    expect(wrong.refusals.every((reason) => reason === 'token')).toBe(true);
    wrong.stop();
    const future = new FakeMt5Terminal({ ...options, token: 'x', protocolVersion: 2 });
    future.start();
    await waitFor(() => future.refusals.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(future.refusals).toEqual(['version']);
    expect(future.connections).toBe(1);
    future.stop();
  });
});
