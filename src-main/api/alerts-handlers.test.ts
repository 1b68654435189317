// The alerts channels through the real dispatcher and a real service (demo venue, SQLite): bad input is refused by
// the contract with words that say what to fix, and changes nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { CHANNELS, type AlertRule } from '../../src-shared';
import { AlertRepository, AlertService } from '../alerts';
import { InProcessEventBus } from '../events';
import { DemoVenue, VenueDirectory } from '../exchanges';
import { useTempDatabases } from '../storage/testing/temp-databases';
import { TickerStreams } from '../streaming';
import { alertsHandlers } from './alerts-handlers';
import { createDispatcher, type Handlers } from './dispatcher';
import type { ApiServices } from './services';
import { TransportSession } from './session';

const temp = useTempDatabases();
const session = new TransportSession('s1', () => {});
const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function setup() {
  const demo = new DemoVenue({ seed: 4, now: () => Date.UTC(2026, 10, 2, 9, 30), historyDays: 1 });
  const venues = new VenueDirectory();
  venues.add({ venue: demo, live: demo, mode: 'demo' });
  const bus = new InProcessEventBus();
  const streams = new TickerStreams((venue) => venues.liveSource(venue), { bus });
  const alerts = new AlertService({ repository: new AlertRepository(temp.open(':memory:')), streams, bus, venues });
  alerts.start();
  cleanups.push(() => {
    alerts.close();
    streams.close();
    demo.close();
  });
  const refuse = () => {
    throw new Error('not part of this test');
  };
  const others = Object.fromEntries(CHANNELS.map((channel) => [channel, refuse])) as unknown as Handlers;
  const dispatcher = createDispatcher({ ...others, ...alertsHandlers({ alerts } as ApiServices) });
  return { alerts, call: (channel: string, payload: unknown) => dispatcher.dispatch(channel, payload, session) };
}

const good = { venue: 'demo', symbol: 'BTC/USDT', kind: 'above', threshold: 70_000 };

describe('alerts channels', () => {
  it.each([
    ['a negative threshold', { threshold: -5 }, 'threshold: the price must be above zero'],
    ['a zero threshold', { threshold: 0 }, 'threshold: the price must be above zero'],
    ['an infinite threshold', { threshold: Number.POSITIVE_INFINITY }, 'threshold'],
    ['a threshold as text', { threshold: '70000' }, 'threshold'],
    ['a lower-case symbol', { symbol: 'btc/usdt' }, 'symbol: a symbol looks like BTC/USDT'],
    ['an unknown venue', { venue: 'kraken' }, 'venue'],
    ['an unknown kind', { kind: 'sideways' }, 'kind'],
    ['a window on a price alert', { windowMinutes: 5 }, 'windowMinutes: only a percent-change alert has a window'],
    ['a percent change without a window', { kind: 'change-pct', threshold: 2 }, 'windowMinutes: a percent-change alert needs a window in minutes'],
    ['a window of 0 minutes', { kind: 'change-pct', threshold: 2, windowMinutes: 0 }, 'windowMinutes: the window is at least 1 minute'],
    ['a window over 4 hours', { kind: 'change-pct', threshold: 2, windowMinutes: 241 }, 'windowMinutes: the window is at most 240 minutes'],
    ['a fractional window', { kind: 'change-pct', threshold: 2, windowMinutes: 1.5 }, 'windowMinutes: the window is a whole number of minutes'],
    ['a percentage of 5000', { kind: 'change-pct', threshold: 5_000, windowMinutes: 5 }, 'threshold: the percentage can be at most 1000'],
    ['a note too long', { note: 'x'.repeat(201) }, 'note: the note can be at most 200 characters'],
    ['an extra field', { repeat: true }, 'repeat'],
  ])('refuses %s with INVALID_REQUEST, in words, saving nothing', async (_what, change, words) => {
    const { call, alerts } = setup();
    const response = await call('alerts:create', { ...good, ...change });
    expect(response).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST', retryable: false } });
    expect(!response.ok && response.error.message).toContain(words);
    expect(alerts.list()).toEqual([]);
  });

  it('refuses edits that mix a price and a percentage, or name no rule, and leaves the rule as it was', async () => {
    const { call } = setup();
    const created = await call('alerts:create', good);
    const rule = (created.ok ? created.result : undefined) as AlertRule;
    expect(rule).toMatchObject({ kind: 'above', threshold: 70_000, status: 'armed' });
    const refused = [
      await call('alerts:update', { id: rule.id, threshold: 71_000 }),
      await call('alerts:update', { id: rule.id, kind: 'change-pct', threshold: 70_000, windowMinutes: 5 }),
      await call('alerts:update', { id: rule.id, kind: 'below', threshold: -1 }),
      await call('alerts:pause', { id: rule.id }),
      await call('alerts:delete', {}),
    ];
    for (const response of refused) expect(response).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(refused[0]).toMatchObject({ error: { message: 'alerts:update: threshold: change the kind and the threshold together' } });
    expect(await call('alerts:update', { id: 'missing', note: 'x' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await call('alerts:list', {})).toEqual({ ok: true, result: [rule] });
  });

  it('creates, edits, pauses, resumes, lists and deletes a rule', async () => {
    const { call } = setup();
    const created = await call('alerts:create', { ...good, kind: 'change-pct', threshold: 1.5, windowMinutes: 15, note: '  breakout  ' });
    expect(created).toMatchObject({ ok: true, result: { kind: 'change-pct', threshold: 1.5, windowMinutes: 15, note: 'breakout', description: 'BTC/USDT moving 1.5% within 15 min' } });
    const id = created.ok ? (created.result as AlertRule).id : '';
    expect(await call('alerts:update', { id, kind: 'crossing', threshold: 65_000.5 })).toMatchObject({
      ok: true,
      result: { kind: 'crossing', threshold: 65_000.5, description: 'BTC/USDT crossing 65,000.5' },
    });
    expect(await call('alerts:pause', { id, paused: true })).toMatchObject({ ok: true, result: { paused: true, status: 'paused' } });
    expect(await call('alerts:pause', { id, paused: false })).toMatchObject({ ok: true, result: { paused: false } });
    expect(await call('alerts:history', {})).toEqual({ ok: true, result: [] });
    expect(await call('alerts:delete', { id })).toEqual({ ok: true, result: { deleted: true } });
    expect(await call('alerts:delete', { id })).toEqual({ ok: true, result: { deleted: false } });
    expect(await call('alerts:list', {})).toEqual({ ok: true, result: [] });
  });
});
