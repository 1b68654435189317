import { describe, expect, it, vi } from 'vitest';
import { AppError, CHANNELS, EVENT_NAMES, EVENT_ROLES } from '../../src-shared';
import { createDispatcher, type Handlers } from './dispatcher';
import { TransportSession } from './session';

const session = new TransportSession('s1', () => {});

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const refuse = () => {
    throw new Error('not part of this test');
  };
  const base = Object.fromEntries(CHANNELS.map((channel) => [channel, refuse])) as unknown as Handlers;
  return { ...base, ...overrides };
}

describe('dispatcher', () => {
  it('refuses an unknown channel with a typed error', async () => {
    const dispatcher = createDispatcher(handlers());
    for (const channel of ['orders:launch-missiles', '__proto__', 'constructor', 42, undefined]) {
      const response = await dispatcher.dispatch(channel, {}, session);
      expect(response).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL', retryable: false } });
    }
  });

  it('refuses an invalid payload without calling the service', async () => {
    const update = vi.fn();
    const dispatcher = createDispatcher(handlers({ 'settings:update': update }));
    const bad = [{ symbol: 'not a symbol' }, { timeframe: '7m' }, { venue: 'nasdaq' }, { extra: true }, 'text', [1]];
    for (const payload of bad) {
      const response = await dispatcher.dispatch('settings:update', payload, session);
      expect(response).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    }
    expect(update).not.toHaveBeenCalled();
  });

  it('names the failing field in its message', async () => {
    const dispatcher = createDispatcher(handlers());
    const response = await dispatcher.dispatch('market:candles', { venue: 'demo', symbol: 'BTC/USDT', timeframe: '1m', limit: 0 }, session);
    expect(response.ok).toBe(false);
    if (!response.ok) expect(response.error.message).toMatch(/limit/);
  });

  it('passes the validated request (defaults applied) and the session to the handler', async () => {
    const candles = vi.fn().mockResolvedValue([]);
    const dispatcher = createDispatcher(handlers({ 'market:candles': candles }));
    const response = await dispatcher.dispatch('market:candles', { venue: 'demo', symbol: 'BTC/USDT', timeframe: '1m' }, session);
    expect(response).toEqual({ ok: true, result: [] });
    expect(candles).toHaveBeenCalledWith({ venue: 'demo', symbol: 'BTC/USDT', timeframe: '1m', limit: 500 }, session);
  });

  it('keeps the code of an AppError and hides the stack of anything else', async () => {
    const dispatcher = createDispatcher(
      handlers({
        'market:ticker': () => {
          throw new AppError('VENUE_UNAVAILABLE', 'Binance is down');
        },
        'market:markets': () => {
          throw new TypeError('x is undefined');
        },
      }),
    );
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await dispatcher.dispatch('market:ticker', { venue: 'binance', symbol: 'BTC/USDT' }, session)).toEqual({
      ok: false,
      error: { code: 'VENUE_UNAVAILABLE', message: 'Binance is down', retryable: true },
    });
    const internal = await dispatcher.dispatch('market:markets', { venue: 'demo' }, session);
    expect(internal).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'market:markets failed: x is undefined', retryable: false } });
    spy.mockRestore();
  });

  it('sends only the fields the contract names', async () => {
    const dispatcher = createDispatcher(
      handlers({
        'settings:get': () =>
          ({ venue: 'demo', symbol: 'BTC/USDT', timeframe: '1m', theme: 'dark', palette: 'green-red', timeZone: 'local', apiSecret: 'must-not-leave-main' }) as never,
      }),
    );
    const response = await dispatcher.dispatch('settings:get', {}, session);
    expect(JSON.stringify(response)).not.toContain('must-not-leave-main');
  });
});

describe('dispatcher roles', () => {
  const viewer = new TransportSession('v1', () => {}, 'viewer');
  const operator = new TransportSession('o1', () => {}, 'operator');
  const order = { venue: 'demo', mode: 'demo', symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: 0.01 };

  it('refuses a viewer an operator channel with FORBIDDEN, before reading the payload or calling the service', async () => {
    const place = vi.fn();
    const dispatcher = createDispatcher(handlers({ 'orders:place': place }));
    for (const payload of [order, { nonsense: true }, undefined]) {
      const response = await dispatcher.dispatch('orders:place', payload, viewer);
      expect(response).toEqual({
        ok: false,
        error: { code: 'FORBIDDEN', message: expect.stringMatching(/orders:place.*viewer token.*read-only/) as string, retryable: false },
      });
    }
    expect(place).not.toHaveBeenCalled();
  });

  it('lets the operator use the same channel, and the viewer a watch channel', async () => {
    const place = vi.fn().mockRejectedValue(new AppError('RISK_LIMIT', 'kill switch engaged'));
    const list = vi.fn().mockResolvedValue([]);
    const dispatcher = createDispatcher(handlers({ 'orders:place': place, 'orders:list': list }));
    const placed = await dispatcher.dispatch('orders:place', order, operator);
    expect(placed).toMatchObject({ ok: false, error: { code: 'RISK_LIMIT' } });
    expect(place).toHaveBeenCalledTimes(1);
    expect(await dispatcher.dispatch('orders:list', { scope: 'open' }, viewer)).toEqual({ ok: true, result: [] });
  });

  it('still names an unknown channel to a viewer, not FORBIDDEN', async () => {
    const dispatcher = createDispatcher(handlers());
    expect(await dispatcher.dispatch('orders:steal', {}, viewer)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('pushes a viewer only the events its role may receive, broadcast or direct', () => {
    const received: string[] = [];
    const watcher = new TransportSession('v2', (event) => received.push(event), 'viewer');
    const all: string[] = [];
    const owner = new TransportSession('o2', (event) => all.push(event), 'operator');
    for (const event of EVENT_NAMES) {
      watcher.push(event, {} as never);
      owner.push(event, {} as never);
    }
    expect(all).toEqual(EVENT_NAMES);
    expect(received).toEqual(EVENT_NAMES.filter((event) => EVENT_ROLES[event] === 'viewer'));
  });

  it('reports the session role in app:info', async () => {
    const dispatcher = createDispatcher(
      handlers({
        'app:info': (_request, session) => ({ name: 'x', version: '1', transport: 'websocket', defaultVenue: 'demo', venues: [], role: session.role }),
      }),
    );
    expect(await dispatcher.dispatch('app:info', {}, viewer)).toMatchObject({ ok: true, result: { role: 'viewer' } });
    expect(await dispatcher.dispatch('app:info', {}, operator)).toMatchObject({ ok: true, result: { role: 'operator' } });
  });
});
