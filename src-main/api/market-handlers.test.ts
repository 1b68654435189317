import { afterEach, describe, expect, it } from 'vitest';
import type { Symbol, Ticker } from '../../src-shared';
import { DemoVenue, VenueDirectory, type LiveCandleSource } from '../exchanges';
import { CandleStreams, TickerStreams, TradeStreams } from '../streaming';
import { MAX_SUBSCRIPTIONS_PER_SESSION, marketHandlers } from './market-handlers';
import { TransportSession } from './session';

const series = { venue: 'demo', symbol: 'BTC/USDT', timeframe: '1m' } as const;

/** The real demo venue, whose ticker can be held back: the await during which a socket may close. */
class HeldDemoVenue extends DemoVenue {
  held: Promise<void> | undefined;
  override async ticker(symbol: Symbol): Promise<Ticker> {
    await this.held;
    return super.ticker(symbol);
  }
}

const closers: Array<() => void> = [];
afterEach(() => closers.splice(0).forEach((close) => close()));

function setup() {
  const venue = new HeldDemoVenue({ seed: 4, tickMs: 100 });
  const watches = { started: 0, stopped: 0 };
  // Counts the upstream watches the handlers leave running.
  const live: LiveCandleSource = {
    watchCandles(symbol, timeframe, onUpdate) {
      watches.started++;
      const stop = venue.watchCandles(symbol, timeframe, onUpdate);
      return () => {
        watches.stopped++;
        stop();
      };
    },
  };
  const venues = new VenueDirectory();
  venues.add({ venue, live, mode: 'demo' });
  const streams = new CandleStreams((id) => venues.liveSource(id));
  const tapes = new TradeStreams((id) => (id === 'demo' ? venue : undefined));
  const tickers = new TickerStreams((id) => (id === 'demo' ? venue : undefined));
  closers.push(() => {
    streams.close();
    tapes.close();
    tickers.close();
    venue.close();
  });
  return { venue, watches, streams, handlers: marketHandlers({ venues, streams, tapes, tickers }) };
}

function hold(venue: HeldDemoVenue): () => void {
  let release!: () => void;
  venue.held = new Promise((resolve) => (release = resolve));
  return () => {
    venue.held = undefined;
    release();
  };
}

describe('market subscriptions', () => {
  it('starts nothing and keeps nothing when the session closes while the subscription awaits its first ticker', async () => {
    const { venue, watches, streams, handlers } = setup();
    const session = new TransportSession('closing', () => {});
    const release = hold(venue);
    const pending = handlers['market:subscribe'](series, session);
    session.close(); // the socket drops while the venue is still answering
    release();
    await expect(pending).rejects.toMatchObject({ code: 'DISCONNECTED' });
    expect(watches.started - watches.stopped).toBe(0);
    expect(streams.activeStreams).toBe(0);

    // Nothing of it is left behind: a new session starts from a clean slate and the cap counts only what runs.
    const next = new TransportSession('next', () => {});
    closers.push(() => next.close());
    const { subscriptionId } = await handlers['market:subscribe'](series, next);
    expect(streams.activeStreams).toBe(1);
    expect(handlers['market:unsubscribe']({ subscriptionId }, next)).toEqual({ unsubscribed: true });
    expect(streams.activeStreams).toBe(0);
  });

  it(`caps a session at ${MAX_SUBSCRIPTIONS_PER_SESSION} subscriptions, counting those still starting, with a typed error`, async () => {
    const { venue, handlers, streams } = setup();
    const session = new TransportSession('greedy', () => {});
    closers.push(() => session.close());
    const release = hold(venue);
    // All sent at once, as a hostile client would: the ones still awaiting their ticker count.
    const requests = Array.from({ length: MAX_SUBSCRIPTIONS_PER_SESSION + 5 }, (_, i) =>
      handlers['market:subscribe']({ ...series, timeframe: i % 2 === 0 ? '1m' : '5m' }, session),
    );
    release();
    const outcomes = await Promise.allSettled(requests);
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(MAX_SUBSCRIPTIONS_PER_SESSION);
    expect(refused).toHaveLength(5);
    for (const { reason } of refused) {
      expect(reason).toMatchObject({ code: 'TOO_MANY_SUBSCRIPTIONS', retryable: false });
      expect(String(reason.message)).toContain('market:unsubscribe');
    }
    // Another connection is not held back by this one's subscriptions.
    const other = new TransportSession('other', () => {});
    closers.push(() => other.close());
    await expect(handlers['market:subscribe-ticker']({ venue: 'demo', symbol: 'BTC/USDT' }, other)).resolves.toHaveProperty('subscriptionId');

    // Ending one makes room for one.
    const first = outcomes[0] as PromiseFulfilledResult<{ subscriptionId: string }>;
    expect(handlers['market:unsubscribe']({ subscriptionId: first.value.subscriptionId }, session)).toEqual({ unsubscribed: true });
    await expect(handlers['market:subscribe'](series, session)).resolves.toHaveProperty('subscriptionId');
    await expect(handlers['market:subscribe'](series, session)).rejects.toMatchObject({ code: 'TOO_MANY_SUBSCRIPTIONS' });
    session.close();
    expect(streams.activeStreams).toBe(0);
  });

  it('gives the place back when the symbol does not exist', async () => {
    const { handlers } = setup();
    const session = new TransportSession('typo', () => {});
    closers.push(() => session.close());
    for (let i = 0; i < MAX_SUBSCRIPTIONS_PER_SESSION + 1; i++) {
      await expect(handlers['market:subscribe']({ ...series, symbol: 'NOPE/USDT' }, session)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    await expect(handlers['market:subscribe'](series, session)).resolves.toHaveProperty('subscriptionId');
  });
});
