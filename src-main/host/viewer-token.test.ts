// The viewer token over the real host: every channel of the contract is walked with a viewer session. The expectation
// comes from the list below of what a viewer may do, written here independently of src-shared/access.ts, so a wrong
// entry in the role table (a trading or settings channel opened to viewers, or a watch channel closed) fails here.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, contract, EVENT_NAMES, EVENT_ROLES, type Channel } from '../../src-shared';
import { createCore, type Core } from '../core';
import { providerUrlsFromEnv } from '../market-data';
import { startHost, type RunningHost } from './server';
import { openApiSocket, type ApiSocket } from './testing/api-socket';

const OPERATOR_TOKEN = 'operator-token-0123456789abcdef';
const VIEWER_TOKEN = 'viewer-token-0123456789abcdef';

/** What a viewer may call, each with a valid request: watching markets, orders, balances, alerts, logs and health. */
const VIEWER_MAY: Partial<Record<Channel, unknown>> = {
  'app:info': {},
  'market:markets': { venue: 'demo' },
  'market:ticker': { venue: 'demo', symbol: 'BTC/USDT' },
  'market:candles': { venue: 'demo', symbol: 'BTC/USDT', timeframe: '1m', limit: 10 },
  'market:subscribe': { venue: 'demo', symbol: 'BTC/USDT', timeframe: '1m' },
  'market:subscribe-trades': { venue: 'demo', symbol: 'BTC/USDT' },
  'market:subscribe-ticker': { venue: 'demo', symbol: 'BTC/USDT' },
  'market:unsubscribe': { subscriptionId: 'none-such' },
  'settings:get': {},
  'system:health': {},
  // Which venues answer (the top bar), and asking an offline one again now: nothing is changed, nothing revealed.
  'system:connectivity': {},
  'system:retry-now': { venue: 'binance' },
  // The window saw the network back: every offline venue probed now; nothing changed, nothing revealed.
  'system:network-online': {},
  'orders:list': { scope: 'open' },
  'orders:trades': {},
  'orders:balances': { venue: 'demo', mode: 'demo' },
  'risk:kill-switch': {},
  'risk:log': {},
  'alerts:list': {},
  'alerts:history': {},
  'notifications:log': {},
  // Which MetaTrader 5 terminals are connected, their positions and deals: watched, never changed.
  'mt5:bridge': {},
  'positions:list': {},
  'positions:deals': { venue: 'mt5', account: '5012345' },
  // What is held, what it made, its curve, statistics and exports: watched; the reporting currency is not theirs.
  'portfolio:summary': {},
  'portfolio:positions': {},
  'portfolio:equity': { range: '1W' },
  'portfolio:statistics': {},
  'portfolio:ledger': {},
  'portfolio:export': { kind: 'trades' },
  'portfolio:settings': {},
  // Shared mode's status and the processes seen: watched, never changed.
  'shared:status': {},
};

/** Watch channels about a peer this test does not run (no MT5 terminal): answered with the peer's absence, not FORBIDDEN. */
const NEEDS_A_PEER = new Set<Channel>(['positions:deals']);

/** Valid requests of some operator channels, so that their refusal cannot be put down to the payload. */
const OPERATOR_SAMPLES: Partial<Record<Channel, unknown>> = {
  'orders:place': { venue: 'demo', mode: 'demo', symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: 0.01 },
  'orders:cancel-all': { venue: 'demo', mode: 'demo' },
  'risk:engage-kill-switch': { reason: 'viewer test' },
  'settings:update': { timeframe: '5m' },
  'notifications:test': { channel: 'desktop' },
  'accounts:list': {},
  'providers:list': {},
  'notifications:settings': {},
  'portfolio:update-settings': { currency: 'EUR' },
  'shared:settings': {},
  'shared:update-settings': { url: 'redis://127.0.0.1:6379', password: 'viewer-test' },
};

/** What a viewer receives of the pushed events: everything it watches; nothing that tells which secrets are set. */
const VIEWER_EVENTS = new Set([
  'candle.updated',
  'trades.updated',
  'ticker.updated',
  'stream.status-changed',
  'venue.connectivity-changed',
  'order.updated',
  'trade.executed',
  'balance.changed',
  'risk.kill-switch.changed',
  'risk.limit.exceeded',
  'risk.limit.warning',
  'alert.triggered',
  'notification.shown',
  'notification.logged',
  'mt5.bridge-changed',
  'positions.changed',
  'portfolio.updated',
  'shared.status',
]);

let core: Core;
let host: RunningHost;
let viewer: ApiSocket;
let operator: ApiSocket;

beforeAll(async () => {
  const renderer = mkdtempSync(join(tmpdir(), 'tbs-renderer-'));
  mkdirSync(join(renderer, 'assets'));
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>app</title>');
  core = await createCore({
    dataDir: mkdtempSync(join(tmpdir(), 'tbs-viewer-')),
    transport: 'websocket',
    demoSeed: 7,
    demoTickMs: 100,
    // Nothing leaves 127.0.0.1: the data APIs and Twilio point at a closed local port.
    marketDataUrls: providerUrlsFromEnv({ TBS_MARKET_DATA_BASE_URL: 'http://127.0.0.1:9' }),
    twilioBaseUrl: 'http://127.0.0.1:9',
  });
  host = await startHost({ dispatcher: core.dispatcher, token: OPERATOR_TOKEN, viewerToken: VIEWER_TOKEN, rendererDir: renderer, port: 0 });
  viewer = await openApiSocket(host.port, VIEWER_TOKEN);
  operator = await openApiSocket(host.port, OPERATOR_TOKEN);
});

afterAll(async () => {
  await viewer.close();
  await operator.close();
  await host.close();
  await core.close();
});

describe('viewer token', () => {
  it('opens a session whose role app:info reports; the operator token still opens an operator one', async () => {
    expect(await viewer.call('app:info', {})).toMatchObject({ ok: true, result: { role: 'viewer' } });
    expect(await operator.call('app:info', {})).toMatchObject({ ok: true, result: { role: 'operator' } });
    const check = (token: string) => fetch(`http://127.0.0.1:${host.port}/api/session`, { headers: { Authorization: `Bearer ${token}` } });
    expect((await check(VIEWER_TOKEN)).status).toBe(204);
    expect((await check('neither-token-0123456789')).status).toBe(401);
    expect(host.viewerUrl).toBe(`http://127.0.0.1:${host.port}/#token=${VIEWER_TOKEN}`);
  });

  it('walks every channel: trading and settings refused with FORBIDDEN, watching answered', async () => {
    const refused: string[] = [];
    for (const channel of CHANNELS) {
      const viewerMay = Object.hasOwn(VIEWER_MAY, channel);
      const payload = viewerMay ? VIEWER_MAY[channel] : (OPERATOR_SAMPLES[channel] ?? {});
      const response = await viewer.call(channel, payload);
      if (NEEDS_A_PEER.has(channel)) {
        expect(response, channel).toMatchObject({ ok: false, error: { code: 'VENUE_UNAVAILABLE' } });
      } else if (viewerMay) {
        // A valid request of a watch channel is answered, and the answer is the contract's.
        expect(response, channel).toMatchObject({ ok: true });
        if (response.ok) expect(contract[channel].res.safeParse(response.result).success, channel).toBe(true);
      } else {
        expect(response, channel).toEqual({
          ok: false,
          error: { code: 'FORBIDDEN', message: expect.stringContaining('read-only') as string, retryable: false },
        });
        refused.push(channel);
      }
    }
    // Sanity of the list itself: the obvious trading and settings channels are among the refused.
    expect(refused).toEqual(expect.arrayContaining(['orders:place', 'orders:cancel', 'risk:engage-kill-switch', 'settings:update', 'accounts:add', 'notifications:test', 'alerts:create']));
    // The refusals changed nothing: the kill switch is not engaged and the preferences are as they were.
    expect(await viewer.call('risk:kill-switch', {})).toMatchObject({ ok: true, result: { engaged: false } });
    expect(await viewer.call('settings:get', {})).toMatchObject({ ok: true, result: { timeframe: '1m' } });
    expect(await viewer.call('orders:list', { scope: 'history' })).toEqual({ ok: true, result: [] });
  });

  it('lets the operator do what the viewer was refused', async () => {
    for (const [channel, payload] of Object.entries(OPERATOR_SAMPLES)) {
      const response = await operator.call(channel, payload);
      expect(response, channel).not.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    const placed = await operator.call('orders:place', OPERATOR_SAMPLES['orders:place']);
    // The kill switch the operator engaged above refuses it: a risk refusal, not a role one.
    expect(placed).toMatchObject({ ok: false, error: { code: 'RISK_LIMIT' } });
  });

  it('pushes the viewer what it watches: market data, and the kill switch the operator engaged', async () => {
    for (const event of EVENT_NAMES) expect(EVENT_ROLES[event], event).toBe(VIEWER_EVENTS.has(event) ? 'viewer' : 'operator');
    await expect.poll(() => viewer.events.some((e) => e.event === 'candle.updated'), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => viewer.events.some((e) => e.event === 'risk.kill-switch.changed'), { timeout: 10_000 }).toBe(true);
  });
});
