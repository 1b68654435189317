// Fake Binance, Gate and MEXC with a real ccxt adapter on each and resting orders on all three: the kill switch's
// test and benchmark run against these.
import { AppError, type OrderRequest, type TradingMode, type VenueId } from '../../../src-shared';
import { createExchangeAdapter, type ExchangeAdapter } from '../../exchanges';
import { ResilienceRegistry, resilientAccount } from '../../resilience';
import { startFakeBinance, TEST_ACCOUNT } from '../../../fakes/binance';
import { DEFAULT_GATE_ACCOUNT, startFakeGate, type FakeGate } from '../../../fakes/gate';
import { DEFAULT_MEXC_ACCOUNT, startFakeMexc } from '../../../fakes/mexc';
import type { FakeHttpServer } from '../../../fakes/venue-kit';
import { venueCancelTarget, type CancelTarget } from '../cancel-targets';

export interface VenueUnderRisk {
  venue: Extract<VenueId, 'binance' | 'gate' | 'mexc'>;
  mode: TradingMode;
  fake: FakeHttpServer;
  adapter: ExchangeAdapter;
}

export interface ThreeVenues {
  venues: VenueUnderRisk[];
  gate: FakeGate;
  targets(): CancelTarget[];
  /** Rests `perVenue` buy orders below the market on each venue (BTC/USDT and ETH/USDT alternately). */
  placeResting(perVenue: readonly number[]): Promise<void>;
  openCount(): Promise<number[]>;
  close(): Promise<void>;
}

export interface ThreeVenuesOptions {
  /**
   * ccxt's own request spacing (50 ms per call on these venues). Off in the benchmark: in the app the resilience
   * layer's rate budget paces calls to each venue's documented limits instead.
   */
  ccxtThrottle?: boolean;
  /**
   * Each adapter behind the resilience stack with its venue's rate budget, as core wraps every account (the
   * benchmark measures the app's path). Off in the kill-switch test, which watches its own retries: the stack would
   * retry a failed cancel before the kill switch sees it.
   */
  resilient?: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Placement is only the setup: a 429 (Gate allows 10 creates a second) means the create was refused, so it is sent
 * again after the venue's wait. Never do this in the app, where a create is never repeated blindly.
 */
async function placePaced(adapter: ExchangeAdapter, request: OrderRequest): Promise<void> {
  for (;;) {
    try {
      await adapter.createOrder(request, adapter.newClientOrderId());
      return;
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'RATE_LIMITED') throw error;
      await sleep(error.retryAfterMs ?? 1_000);
    }
  }
}

export async function startThreeVenues(options: ThreeVenuesOptions = {}): Promise<ThreeVenues> {
  const [binance, gate, mexc] = await Promise.all([startFakeBinance(), startFakeGate(), startFakeMexc()]);
  const registry = new ResilienceRegistry();
  const connect = (venue: VenueUnderRisk['venue'], fake: FakeHttpServer, account: { apiKey: string; secret: string }): VenueUnderRisk => {
    const raw = createExchangeAdapter(venue, account, { restBaseUrl: fake.url, enableRateLimit: options.ccxtThrottle !== false });
    const adapter = options.resilient ? resilientAccount(raw, registry) : raw;
    return { venue, mode: 'live', fake, adapter };
  };
  const venues = [connect('binance', binance, TEST_ACCOUNT), connect('gate', gate, DEFAULT_GATE_ACCOUNT), connect('mexc', mexc, DEFAULT_MEXC_ACCOUNT)];
  await Promise.all(venues.map((v) => v.adapter.markets()));
  return {
    venues,
    gate,
    targets: () => venues.map((v) => venueCancelTarget(v.venue, v.mode, v.adapter)),
    async placeResting(perVenue) {
      await Promise.all(
        venues.map(async (v, index) => {
          for (let i = 0; i < (perVenue[index] ?? 0); i++) {
            const btc = i % 2 === 0;
            const request = btc
              ? { venue: v.venue, symbol: 'BTC/USDT', side: 'buy' as const, type: 'limit' as const, amount: 0.001, price: 50_000 - i * 10 }
              : { venue: v.venue, symbol: 'ETH/USDT', side: 'buy' as const, type: 'limit' as const, amount: 0.01, price: 2_500 - i };
            await placePaced(v.adapter, request);
          }
        }),
      );
    },
    async openCount() {
      // Per symbol: MEXC's open orders across markets start with GET /api/v3/account, allowed twice a second, which
      // the kill switch's own sweep already uses.
      const count = async (v: VenueUnderRisk) => {
        const [btc, eth] = await Promise.all([v.adapter.openOrders('BTC/USDT'), v.adapter.openOrders('ETH/USDT')]);
        return btc.length + eth.length;
      };
      return Promise.all(venues.map(count));
    },
    async close() {
      await Promise.all(venues.map((v) => v.adapter.close()));
      await Promise.all([binance.close(), gate.close(), mexc.close()]);
    },
  };
}
