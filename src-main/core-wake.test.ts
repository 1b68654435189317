// The composition root's wake-up, with a real Binance account (ccxt against the fake Binance): core.wokeUp() — the
// Electron shell's powerMonitor resume, or the host's wall-clock jump — reconciles the account's orders (adopting one
// placed from another device while asleep), pushes its balances to every window, and writes one risk-log entry.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiResponse, EventName, Order, RiskLogEntry } from '../src-shared';
import { TransportSession } from './api/session';
import { createCore } from './core';
import { createExchangeAdapter } from './exchanges';
import { startFakeBinance, TEST_ACCOUNT } from '../fakes/binance';
import { MemorySecretStore } from './secrets/testing';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function result<T>(response: ApiResponse): T {
  if (!response.ok) throw new Error(`${response.error.code}: ${response.error.message}`);
  return response.result as T;
}

describe('core.wokeUp', () => {
  it('reconciles the connected account, pushes its balances and says so in the risk log', async () => {
    const binance = await startFakeBinance();
    cleanups.push(() => binance.close());
    const core = await createCore({ dataDir: mkdtempSync(join(tmpdir(), 'tbs-wake-')), transport: 'websocket', demoSeed: 7, secrets: new MemorySecretStore() });
    cleanups.push(() => core.close());
    const pushed: Array<{ event: EventName; payload: unknown }> = [];
    const session = new TransportSession('trader', (event, payload) => pushed.push({ event, payload }));
    cleanups.push(() => session.close());
    const call = async <T>(channel: Parameters<typeof core.dispatcher.dispatch>[0], payload: unknown) =>
      result<T>(await core.dispatcher.dispatch(channel, payload, session));
    await call('accounts:add', { venue: 'binance', apiKey: TEST_ACCOUNT.apiKey, secret: TEST_ACCOUNT.secret, restBaseUrl: binance.url });

    const caughtUp = async (count: number): Promise<RiskLogEntry> => {
      await vi.waitFor(
        async () => {
          const log = await call<RiskLogEntry[]>('risk:log', { limit: 20 });
          expect(log.filter((entry) => entry.kind === 'caught-up')).toHaveLength(count);
        },
        { timeout: 15_000, interval: 20 },
      );
      return (await call<RiskLogEntry[]>('risk:log', { limit: 20 })).find((entry) => entry.kind === 'caught-up')!;
    };
    // A first wake-up with nothing new: the reconciliation the account's connection started is over by then.
    core.wokeUp();
    expect((await caughtUp(1)).message).toMatch(/0 placed elsewhere adopted/);

    // While the laptop slept, an order was placed from the phone.
    const phone = createExchangeAdapter('binance', { apiKey: TEST_ACCOUNT.apiKey, secret: TEST_ACCOUNT.secret }, { sandbox: false, restBaseUrl: binance.url });
    cleanups.push(() => phone.close());
    await phone.createOrder({ venue: 'binance', symbol: 'BTC/USDT', side: 'sell', type: 'limit', amount: 0.002, price: 990_000 }, 'phone_sell_1');
    pushed.length = 0;

    core.wokeUp();
    const entry = await caughtUp(2);
    expect(entry.venue).toBe('binance');
    expect(entry.message).toMatch(/^Binance checked after the computer woke up: open orders reconciled \(\d+ checked, \d+ settled, 1 placed elsewhere adopted\); balances refreshed\./);
    const open = await call<Order[]>('orders:list', { scope: 'open', limit: 10 });
    expect(open.map((o) => o.clientOrderId)).toContain('phone_sell_1');
    expect(pushed.some((p) => p.event === 'balance.changed' && (p.payload as { venue: string }).venue === 'binance')).toBe(true);
  });

  it('catches up a connected account whose venue failed and came back: offline, probed, then one risk-log entry', async () => {
    const binance = await startFakeBinance();
    cleanups.push(() => binance.close());
    const core = await createCore({
      dataDir: mkdtempSync(join(tmpdir(), 'tbs-back-')),
      transport: 'websocket',
      demoSeed: 7,
      secrets: new MemorySecretStore(),
      reconnectPace: { fastAttempts: 2, probeEveryMs: 200 },
    });
    cleanups.push(() => core.close());
    const session = new TransportSession('trader', () => {});
    cleanups.push(() => session.close());
    const call = async <T>(channel: Parameters<typeof core.dispatcher.dispatch>[0], payload: unknown) =>
      result<T>(await core.dispatcher.dispatch(channel, payload, session));
    await call('accounts:add', { venue: 'binance', apiKey: TEST_ACCOUNT.apiKey, secret: TEST_ACCOUNT.secret, restBaseUrl: binance.url });
    const status = async () => (await call<{ accounts: Array<{ status: string }> }>('accounts:list', {})).accounts[0]!.status;
    expect(await status()).toBe('connected');

    // Binance answers 503 to the balance and its retries: the account is offline; the link's probe finds it back.
    binance.inject({ kind: '5xx', status: 503, path: '/api/v3/account', times: 4 });
    const failed = await core.dispatcher.dispatch('orders:balances', { venue: 'binance', mode: 'live' }, session);
    expect(failed).toMatchObject({ ok: false, error: { code: 'VENUE_UNAVAILABLE' } });
    expect(await status()).toBe('offline');
    await vi.waitFor(async () => expect(await status()).toBe('connected'), { timeout: 15_000, interval: 20 });
    await vi.waitFor(
      async () => {
        const log = await call<RiskLogEntry[]>('risk:log', { limit: 20 });
        expect(log.find((entry) => entry.kind === 'caught-up')?.message).toMatch(
          /^Binance back after \d+ s offline: open orders reconciled \(.*\); balances refreshed\./,
        );
      },
      { timeout: 15_000, interval: 20 },
    );
  });
});
