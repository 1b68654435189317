// Shared mode through the whole core, as the renderer drives it, with two processes on a real redis-server started
// by this test: each lists the other, the kill switch engaged in one is engaged in the other (and released once from
// either), a Redis outage shows in the status, and with an account server a Free plan keeps the process alone.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResponse, Channel, EventName, Req, Res, SharedModeStatus } from '../src-shared';
import { TransportSession } from './api/session';
import { createCore, type Core, type CoreOptions } from './core';
import { startFakeBinance, TEST_ACCOUNT } from '../fakes/binance';
import { startTestSmtpServer } from '../fakes/smtp';
import { MemorySecretStore } from './secrets/testing';
import { startTestRedis, type TestRedis } from './shared-mode/testing/redis-server';

let redis: TestRedis;
beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(async () => {
  await redis.stop();
});

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function waitFor<T>(read: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function startCore(name: string, extra: Partial<CoreOptions> = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'tbs-core-shared-'));
  const core: Core = await createCore({
    dataDir, transport: 'websocket', demoSeed: 7, demoTickMs: 100, secrets: new MemorySecretStore(), mt5Port: 0, auth: null, billing: null,
    shared: { url: redis.url, role: 'host', name },
    ...extra,
  });
  cleanups.push(async () => {
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const events: Array<{ event: EventName; payload: unknown }> = [];
  const session = new TransportSession(name, (event, payload) => events.push({ event, payload }));
  const ok = async <C extends Channel>(channel: C, payload: Req<C>): Promise<Res<C>> => {
    const response = (await core.dispatcher.dispatch(channel, payload, session)) as ApiResponse<Res<C>>;
    if (!response.ok) throw new Error(`${channel}: ${response.error.code}: ${response.error.message}`);
    return response.result;
  };
  return { core, events, ok };
}

describe('shared mode through the core', () => {
  it('lists both processes, shares the kill switch both ways and shows a Redis outage', async () => {
    const a = await startCore('laptop');
    const b = await startCore('vps');
    const names = await waitFor(async () => {
      const status = await a.ok('shared:status', {});
      const listed = status.processes.map((p) => p.name).sort();
      return listed.length === 2 && listed;
    });
    expect(names).toEqual(['laptop', 'vps']);

    await a.ok('risk:engage-kill-switch', { reason: 'runaway bot' });
    await waitFor(async () => (await b.ok('risk:kill-switch', {})).engaged);
    // B's windows are told too, as for a local engage.
    expect(b.events.some((e) => e.event === 'risk.kill-switch.changed' && (e.payload as { engaged: boolean }).engaged)).toBe(true);
    await b.ok('risk:release-kill-switch', {});
    await waitFor(async () => !(await a.ok('risk:kill-switch', {})).engaged);

    await redis.kill();
    try {
      const down = await waitFor(async () => {
        const status = await a.ok('shared:status', {});
        return status.unreachableSince !== undefined && status;
      });
      expect(down.redis).toMatch(/^redis:\/\/127\.0\.0\.1:\d+$/);
      expect(a.events.some((e) => e.event === 'shared.status' && (e.payload as SharedModeStatus).unreachableSince !== undefined)).toBe(true);
    } finally {
      await redis.restart();
    }
    await waitFor(async () => (await a.ok('shared:status', {})).unreachableSince === undefined);
  }, 60_000);

  it('a process started while the kill switch is engaged elsewhere comes up engaged, before its first order', async () => {
    const a = await startCore('first');
    await a.ok('risk:engage-kill-switch', { reason: 'exchange incident' });
    // Give the engage time to reach Redis (the record is written once the event is on the stream).
    await waitFor(async () => (await a.ok('shared:status', {})).outboxBacklog === 0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const late = await startCore('late');
    const state = await late.ok('risk:kill-switch', {});
    expect(state.engaged).toBe(true);
    expect(state.reason).toContain('exchange incident');
    await a.ok('risk:release-kill-switch', {});
    await waitFor(async () => !(await late.ok('risk:kill-switch', {})).engaged);
    // The processes' echoes of each other engage nothing again.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect([(await a.ok('risk:kill-switch', {})).engaged, (await late.ok('risk:kill-switch', {})).engaged]).toEqual([false, false]);
  }, 60_000);

  it('sends each alert by e-mail once with three processes running, and every process logs it', async () => {
    const smtp = await startTestSmtpServer({ user: 'alerts', password: 'smtp-secret-71' });
    cleanups.push(() => smtp.close());
    const cores = [await startCore('one'), await startCore('two'), await startCore('three')];
    for (const c of cores) {
      await c.ok('notifications:update', {
        email: { enabled: true, host: '127.0.0.1', port: smtp.port, security: 'none', user: 'alerts', from: 'bot@example.test', to: 'trader@example.test' },
        smtpPassword: 'smtp-secret-71',
      });
    }
    await waitFor(async () => (await cores[0]!.ok('shared:status', {})).processes.length === 3);
    // Two lines just above and below the demo price (it leaves that band within moments); only process one has them.
    const [one] = cores;
    const last = (await one!.ok('market:ticker', { venue: 'demo', symbol: 'BTC/USDT' })).last;
    const band = last * 0.0003;
    const rules = [
      await one!.ok('alerts:create', { venue: 'demo', symbol: 'BTC/USDT', kind: 'crossing', threshold: Number((last + band).toFixed(2)) }),
      await one!.ok('alerts:create', { venue: 'demo', symbol: 'BTC/USDT', kind: 'crossing', threshold: Number((last - band).toFixed(2)) }),
    ];
    await waitFor(async () => (await one!.ok('alerts:history', { limit: 50 })).length > 0, 45_000);
    for (const rule of rules) await one!.ok('alerts:delete', { id: rule.id });
    const firings = (await one!.ok('alerts:history', { limit: 50 })).length;

    // Every firing: one e-mail, and one e-mail entry in each process's log (the sender's "sent", the others' saying
    // which process sent it).
    const emailEntries = async (c: (typeof cores)[number]) =>
      (await c.ok('notifications:log', { limit: 100 })).entries.filter((e) => e.type === 'price-alert' && e.channel === 'email');
    await waitFor(async () => smtp.messages.length >= firings && (await Promise.all(cores.map(emailEntries))).every((entries) => entries.length >= firings), 20_000);
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // nothing more comes
    expect(smtp.messages.length).toBe(firings);
    expect(smtp.messages.every((m) => m.subject.startsWith('Price alert: BTC/USDT crossing'))).toBe(true);
    const logs = await Promise.all(cores.map(emailEntries));
    for (const entries of logs) expect(entries).toHaveLength(firings);
    const outcomes = logs.flat().map((e) => e.outcome);
    expect(outcomes.filter((o) => o === 'sent')).toHaveLength(firings);
    expect(outcomes.filter((o) => o === 'other-process')).toHaveLength(2 * firings);
    const told = logs.flat().find((e) => e.outcome === 'other-process')!;
    expect(told.detail).toMatch(/^sent by (one|two|three): 250 /);
    expect(told.detail).not.toContain('smtp-secret-71');
    // The alert shows in the other processes' windows too (their banner), though it fired in process one only.
    for (const other of cores.slice(1)) expect(other.events.filter((e) => e.event === 'alert.triggered')).toHaveLength(firings);
  }, 90_000);

  it('runs in shared mode from the setting saved in Settings (the desktop has no command line), password included', async () => {
    const guarded = await startTestRedis({ password: 'redis-pass-55' });
    cleanups.push(() => guarded.stop());
    const address = guarded.url.replace(/\/\/:[^@]*@/, '//');
    const dataDir = mkdtempSync(join(tmpdir(), 'tbs-core-shared-'));
    const secrets = new MemorySecretStore();
    const open = () => createCore({ dataDir, transport: 'ipc', demoSeed: 7, secrets, mt5Port: 0, auth: null, billing: null });
    const first = await open();
    const session = new TransportSession('settings', () => undefined);
    const ask = async <C extends Channel>(core: Core, channel: C, payload: Req<C>): Promise<Res<C>> => {
      const response = (await core.dispatcher.dispatch(channel, payload, session)) as ApiResponse<Res<C>>;
      if (!response.ok) throw new Error(`${channel}: ${response.error.message}`);
      return response.result;
    };
    expect((await ask(first, 'shared:status', {})).enabled).toBe(false);
    const saved = await ask(first, 'shared:update-settings', { url: address, password: 'redis-pass-55', name: 'desk' });
    expect(saved).toMatchObject({ url: address, passwordSet: true, restartNeeded: true });
    await first.close();

    const second = await open();
    cleanups.push(async () => {
      await second.close();
      rmSync(dataDir, { recursive: true, force: true });
    });
    const status = await waitFor(async () => {
      const s = await ask(second, 'shared:status', {});
      return s.processes.length === 1 && s;
    });
    expect(status).toMatchObject({ enabled: true, redis: address.replace(/\/$/, '') });
    expect(status.processes[0]).toMatchObject({ name: 'desk', role: 'desktop', self: true });
    expect(await ask(second, 'shared:settings', {})).toMatchObject({ restartNeeded: false, fromCommandLine: false });
  }, 60_000);

  it("shows an order placed by another process on the same account: adopted, and cancellable here", async () => {
    const binance = await startFakeBinance();
    cleanups.push(() => binance.close());
    const a = await startCore('bot');
    const b = await startCore('laptop');
    for (const c of [a, b]) {
      await c.ok('accounts:add', { venue: 'binance', apiKey: TEST_ACCOUNT.apiKey, secret: TEST_ACCOUNT.secret, restBaseUrl: binance.url, wsBaseUrl: 'ws://127.0.0.1:9' });
    }
    const placed = await a.ok('orders:place', { venue: 'binance', mode: 'live', symbol: 'BTC/USDT', side: 'buy', type: 'limit', amount: 0.01, price: 1_000 });
    const adopted = await waitFor(async () => (await b.ok('orders:list', { scope: 'open', limit: 50 })).find((o) => o.clientOrderId === placed.clientOrderId));
    expect(adopted).toMatchObject({ venue: 'binance', mode: 'live', symbol: 'BTC/USDT', side: 'buy', amount: 0.01, price: 1_000 });
    expect(b.events.some((e) => e.event === 'balance.changed' && (e.payload as { venue: string }).venue === 'binance')).toBe(true);
    await b.ok('orders:cancel', { clientOrderId: adopted.clientOrderId });
    await waitFor(async () => !(await a.ok('orders:list', { scope: 'open', limit: 50 })).some((o) => o.clientOrderId === placed.clientOrderId));
  }, 60_000);

  it('is Pro when an account server is configured: on Free the process says why and works alone', async () => {
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const c = await startCore('free-one', {
      billing: { serverUrl: new URL('http://127.0.0.1:9'), publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() },
    });
    const status = await waitFor(async () => {
      const s = await c.ok('shared:status', {});
      return s.problem !== undefined && s;
    });
    expect(status.enabled).toBe(false);
    expect(status.problem).toMatch(/part of Pro/);
    // Working alone: the kill switch still works locally.
    await c.ok('risk:engage-kill-switch', {});
    expect((await c.ok('risk:kill-switch', {})).engaged).toBe(true);
  }, 60_000);
});
