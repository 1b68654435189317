// The connected exchange accounts, one adapter per venue. Asks that span venues ("the BTC/USDT price everywhere")
// go out concurrently and come back per venue, so one venue being down, slow or refusing the keys never hides the
// others' answers — and the trader sees which one failed and why.
import { AppError, isAppError, type ErrorCode, type Symbol, type Ticker, type VenueId } from '../../src-shared';
import type { ExchangeAdapter } from './ports';

export type VenueResult<K extends string, T> =
  | ({ venue: VenueId; ok: true } & Record<K, T>)
  | { venue: VenueId; ok: false; error: { code: ErrorCode; message: string } };

export type VenueTickerResult = VenueResult<'ticker', Ticker>;

export interface ExchangeManagerOptions {
  /** Upper bound for one venue's answer in a cross-venue call; ccxt has its own timeout, other adapters may not. */
  perVenueTimeoutMs?: number;
}

function errorData(error: unknown): { code: ErrorCode; message: string } {
  if (isAppError(error)) return { code: error.code, message: error.message };
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}

export class ExchangeManager {
  private readonly adapters = new Map<VenueId, ExchangeAdapter>();
  private readonly timeoutMs: number;

  constructor(options: ExchangeManagerOptions = {}) {
    this.timeoutMs = options.perVenueTimeoutMs ?? 15_000;
  }

  /** Adds or replaces the venue's adapter; a replaced one is closed (its keys may have changed). */
  async connect(adapter: ExchangeAdapter): Promise<void> {
    const previous = this.adapters.get(adapter.id);
    this.adapters.set(adapter.id, adapter);
    if (previous && previous !== adapter) await previous.close();
  }

  async disconnect(venue: VenueId): Promise<void> {
    const adapter = this.adapters.get(venue);
    this.adapters.delete(venue);
    await adapter?.close();
  }

  get(venue: VenueId): ExchangeAdapter | undefined {
    return this.adapters.get(venue);
  }

  connected(): VenueId[] {
    return [...this.adapters.keys()];
  }

  /** Every connected venue's ticker for `symbol`, in connection order, each a success or its own error. */
  tickerFromAll(symbol: Symbol): Promise<VenueTickerResult[]> {
    return this.fromAll('ticker', (adapter) => adapter.ticker(symbol));
  }

  /** Runs `ask` on every connected venue at once; never rejects. */
  async fromAll<K extends string, T>(key: K, ask: (adapter: ExchangeAdapter) => Promise<T>): Promise<VenueResult<K, T>[]> {
    const entries = [...this.adapters.entries()];
    return Promise.all(
      entries.map(async ([venue, adapter]): Promise<VenueResult<K, T>> => {
        try {
          const value = await this.withTimeout(venue, ask(adapter));
          return { venue, ok: true, [key]: value } as VenueResult<K, T>;
        } catch (error) {
          return { venue, ok: false, error: errorData(error) };
        }
      }),
    );
  }

  async closeAll(): Promise<void> {
    const adapters = [...this.adapters.values()];
    this.adapters.clear();
    await Promise.allSettled(adapters.map((a) => a.close()));
  }

  private withTimeout<T>(venue: VenueId, promise: Promise<T>): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new AppError('TIMEOUT', `${venue} did not answer within ${Math.round(this.timeoutMs / 1000)} s`)), this.timeoutMs);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }
}
