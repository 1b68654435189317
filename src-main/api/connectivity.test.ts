import { describe, expect, it } from 'vitest';
import { CHANNELS, contract } from '../../src-shared';
import { DemoVenue, VenueDirectory } from '../exchanges';
import { VenueLinks } from '../resilience';
import { ManualClock } from '../resilience/testing/manual-clock';
import { createDispatcher, type Handlers } from './dispatcher';
import type { ApiServices } from './services';
import { TransportSession } from './session';
import { systemHandlers } from './system-handlers';

function setup() {
  const clock = new ManualClock(1_000_000);
  const links = new VenueLinks({ clock, probeEveryMs: 15_000, random: () => 0 });
  const venues = new VenueDirectory();
  const refuse = () => {
    throw new Error('not part of this test');
  };
  const base = Object.fromEntries(CHANNELS.map((channel) => [channel, refuse])) as unknown as Handlers;
  const handlers = { ...base, ...systemHandlers({ venues, links } as unknown as ApiServices) };
  // The viewer's role: watching connectivity and asking for a probe now are both theirs.
  const session = new TransportSession('viewer', () => {}, 'viewer');
  return { clock, links, venues, dispatcher: createDispatcher(handlers), session };
}

describe('system:connectivity and system:retry-now', () => {
  it('says connecting, then offline with the next try, per venue; Retry now probes at once', async () => {
    const { clock, links, venues, dispatcher, session } = setup();
    const states = async () => {
      const response = await dispatcher.dispatch('system:connectivity', {}, session);
      if (!response.ok) throw new Error(response.error.message);
      return contract['system:connectivity'].res.parse(response.result);
    };
    venues.setPending('binance', () => ({ status: 'connecting' }));
    expect((await states()).find((s) => s.venue === 'binance')).toEqual({ venue: 'binance', state: 'connecting' });
    expect((await states()).find((s) => s.venue === 'gate')).toEqual({ venue: 'gate', state: 'none' });

    // Binance's account connected; then its streams cannot reach it any more.
    const demo = new DemoVenue({ seed: 1 });
    venues.add({ venue: Object.assign(Object.create(demo) as DemoVenue, { id: 'binance' }), mode: 'live' });
    let probes = 0;
    links.get('binance').whenReachable('connect ECONNREFUSED', async () => {
      probes++;
      throw new Error('connect ECONNREFUSED');
    });
    const offline = (await states()).find((s) => s.venue === 'binance');
    expect(offline).toEqual({ venue: 'binance', state: 'offline', reason: 'connect ECONNREFUSED', retryAt: 1_015_000 });

    const retried = await dispatcher.dispatch('system:retry-now', { venue: 'binance' }, session);
    expect(retried).toMatchObject({ ok: true, result: { probing: true } });
    await clock.advance(0);
    expect(probes).toBe(1);
    demo.close();
  });
});

describe('system:network-online', () => {
  it('probes every offline venue at once, and says how many; a live venue is not probed', async () => {
    const { clock, links, dispatcher, session } = setup();
    const probes = { binance: 0, gate: 0 };
    for (const venue of ['binance', 'gate'] as const) {
      links.get(venue).whenReachable('connect ENETUNREACH', async () => {
        probes[venue]++;
        throw new Error('connect ENETUNREACH');
      });
    }
    const mexc = links.get('mexc');
    expect(mexc.state.state).toBe('live');

    const response = await dispatcher.dispatch('system:network-online', {}, session);
    expect(response).toMatchObject({ ok: true, result: { probing: 2 } });
    expect(contract['system:network-online'].res.parse((response as { result: unknown }).result)).toEqual({ probing: 2 });
    await clock.advance(0);
    // At once, not 15 s later.
    expect(probes).toEqual({ binance: 1, gate: 1 });
    expect(mexc.state.state).toBe('live');

    // Nothing offline: nothing probed.
    for (const venue of ['binance', 'gate'] as const) links.get(venue).reached();
    expect(await dispatcher.dispatch('system:network-online', {}, session)).toMatchObject({ ok: true, result: { probing: 0 } });
    await clock.advance(0);
    expect(probes).toEqual({ binance: 1, gate: 1 });
  });

  it('is refused with a payload', async () => {
    const { dispatcher, session } = setup();
    const response = await dispatcher.dispatch('system:network-online', { venue: 'binance' }, session);
    expect(response).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
  });
});
