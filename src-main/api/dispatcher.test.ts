import { describe, expect, it, vi } from 'vitest';
import { AppError, CHANNELS } from '../../src-shared';
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
