import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CHANNELS, type ApiResponse, type EventName } from '../src-shared';
import { createHandlers } from './api';
import { TransportSession } from './api/session';
import { createCore, type Core } from './core';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startCore(dataDir = mkdtempSync(join(tmpdir(), 'tbs-core-'))): Promise<Core> {
  const core = await createCore({ dataDir, transport: 'websocket', demoSeed: 7, demoTickMs: 100 });
  cleanups.push(() => core.close());
  return core;
}

function recordingSession(id: string) {
  const events: Array<{ event: EventName; payload: unknown }> = [];
  const session = new TransportSession(id, (event, payload) => events.push({ event, payload }));
  return { session, events };
}

function result<T>(response: ApiResponse): T {
  if (!response.ok) throw new Error(`${response.error.code}: ${response.error.message}`);
  return response.result as T;
}

describe('core', () => {
  it('has a handler for every channel of the contract', () => {
    const handlers = createHandlers({} as never);
    expect(Object.keys(handlers).sort()).toEqual([...CHANNELS].sort());
  });

  it('serves the demo venue on a fresh data folder and marks the others unavailable', async () => {
    const core = await startCore();
    const { session } = recordingSession('a');
    const info = result<{ venues: Array<{ id: string; available: boolean }> }>(await core.dispatcher.dispatch('app:info', {}, session));
    expect(info.venues.find((v) => v.id === 'demo')?.available).toBe(true);
    expect(info.venues.filter((v) => v.available)).toHaveLength(1);
    const candles = result<unknown[]>(
      await core.dispatcher.dispatch('market:candles', { venue: 'demo', symbol: 'BTC/USDT', timeframe: '1h', limit: 100 }, session),
    );
    expect(candles).toHaveLength(100);
    const binance = await core.dispatcher.dispatch('market:ticker', { venue: 'binance', symbol: 'BTC/USDT' }, session);
    expect(binance).toMatchObject({ ok: false, error: { code: 'VENUE_UNAVAILABLE' } });
    expect(!binance.ok && binance.error.message).toMatch(/add an account/);
  });

  it('pushes live candles to the subscribing session only, until it unsubscribes or closes', async () => {
    const core = await startCore();
    const a = recordingSession('a');
    const b = recordingSession('b');
    const series = { venue: 'demo', symbol: 'ETH/USDT', timeframe: '1m' };
    const { subscriptionId } = result<{ subscriptionId: string }>(await core.dispatcher.dispatch('market:subscribe', series, a.session));
    await new Promise((resolve) => setTimeout(resolve, 350));
    const candles = a.events.filter((e) => e.event === 'candle.updated');
    expect(candles.length).toBeGreaterThanOrEqual(3);
    expect(candles[0]!.payload).toMatchObject({ subscriptionId, ...series });
    expect(a.events.some((e) => e.event === 'stream.status-changed')).toBe(true);
    expect(b.events).toHaveLength(0);

    // Another session cannot cancel it.
    expect(result(await core.dispatcher.dispatch('market:unsubscribe', { subscriptionId }, b.session))).toEqual({ unsubscribed: false });
    expect(result(await core.dispatcher.dispatch('market:unsubscribe', { subscriptionId }, a.session))).toEqual({ unsubscribed: true });
    const count = a.events.length;
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(a.events.length).toBe(count);

    // Closing a session ends its subscriptions.
    await core.dispatcher.dispatch('market:subscribe', series, b.session);
    b.session.close();
    const closedCount = b.events.length;
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(b.events.length).toBe(closedCount);
  });

  it('pushes the demo tape to the subscribing session as trades.updated, until it unsubscribes', async () => {
    const core = await startCore();
    const a = recordingSession('a');
    const { subscriptionId } = result<{ subscriptionId: string }>(
      await core.dispatcher.dispatch('market:subscribe-trades', { venue: 'demo', symbol: 'BTC/USDT' }, a.session),
    );
    await new Promise((resolve) => setTimeout(resolve, 450));
    const pushes = a.events.filter((e) => e.event === 'trades.updated').map((e) => e.payload as { subscriptionId: string; trades: Array<{ price: number }> });
    expect(pushes.length).toBeGreaterThanOrEqual(2);
    expect(pushes.every((p) => p.subscriptionId === subscriptionId && p.trades.length > 0)).toBe(true);
    expect(result(await core.dispatcher.dispatch('market:unsubscribe', { subscriptionId }, a.session))).toEqual({ unsubscribed: true });
    const count = a.events.length;
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(a.events.length).toBe(count);
  });

  it('pushes the demo ticker as ticker.updated, the current one at once, at most one per frame', async () => {
    const core = await startCore();
    const a = recordingSession('a');
    const { subscriptionId } = result<{ subscriptionId: string }>(
      await core.dispatcher.dispatch('market:subscribe-ticker', { venue: 'demo', symbol: 'ETH/USDT' }, a.session),
    );
    // The current ticker comes with the subscription, before the demo market's next tick.
    expect(a.events.filter((e) => e.event === 'ticker.updated')).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 450));
    const pushes = a.events.filter((e) => e.event === 'ticker.updated').map((e) => e.payload as { subscriptionId: string; ticker: { symbol: string; last: number } });
    expect(pushes.length).toBeGreaterThanOrEqual(2);
    expect(pushes.every((p) => p.subscriptionId === subscriptionId && p.ticker.symbol === 'ETH/USDT' && p.ticker.last > 0)).toBe(true);
    expect(result(await core.dispatcher.dispatch('market:unsubscribe', { subscriptionId }, a.session))).toEqual({ unsubscribed: true });
    const count = a.events.length;
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(a.events.length).toBe(count);
    const refused = await core.dispatcher.dispatch('market:subscribe-ticker', { venue: 'demo', symbol: 'DOGE/USDT' }, a.session);
    expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('refuses a subscription to a market the venue does not list, starting nothing', async () => {
    const core = await startCore();
    const a = recordingSession('a');
    const response = await core.dispatcher.dispatch('market:subscribe', { venue: 'demo', symbol: 'DOGE/USDT', timeframe: '1m' }, a.session);
    expect(response).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(a.events).toHaveLength(0);
  });

  it('keeps preferences across restarts and refuses a symbol the venue lacks without saving', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tbs-core-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const first = await startCore(dataDir);
    const { session } = recordingSession('a');
    expect(result(await first.dispatcher.dispatch('settings:get', {}, session))).toMatchObject({ venue: 'demo', symbol: 'BTC/USDT' });
    await first.dispatcher.dispatch('settings:update', { symbol: 'SOL/USDT', timeframe: '4h' }, session);
    const refused = await first.dispatcher.dispatch('settings:update', { symbol: 'XRP/USDT' }, session);
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    await first.close();

    const second = await startCore(dataDir);
    expect(result(await second.dispatcher.dispatch('settings:get', {}, session))).toEqual({
      venue: 'demo',
      symbol: 'SOL/USDT',
      timeframe: '4h',
      theme: 'dark',
      palette: 'green-red',
      timeZone: 'local',
    });
  });
});
