// Keeps a price feed open for each symbol that has resting orders, and only for those: the venue's live ticker stream
// when it has one, otherwise a ticker poll.
import type { Symbol, Ticker } from '../../../src-shared';
import type { LiveCandleSource, MarketDataVenue } from '../ports';

interface Watch {
  stop(): void;
  active: boolean;
}

export interface PriceWatchOptions {
  prices: MarketDataVenue;
  live?: LiveCandleSource | undefined;
  pollMs: number;
  onTicker(ticker: Ticker): void;
}

export class PriceWatch {
  private readonly watches = new Map<Symbol, Watch>();

  constructor(private readonly options: PriceWatchOptions) {}

  /** Symbols watched now. */
  get symbols(): Symbol[] {
    return [...this.watches.keys()];
  }

  /** Opens the feeds of `wanted` not open yet and closes the others. */
  watchOnly(wanted: ReadonlySet<Symbol>): void {
    for (const symbol of wanted) if (!this.watches.has(symbol)) this.start(symbol);
    for (const [symbol, watch] of [...this.watches]) {
      if (!wanted.has(symbol)) this.stop(symbol, watch);
    }
  }

  closeAll(): void {
    for (const [symbol, watch] of [...this.watches]) this.stop(symbol, watch);
  }

  private stop(symbol: Symbol, watch: Watch): void {
    if (this.watches.get(symbol) === watch) this.watches.delete(symbol);
    watch.active = false;
    watch.stop();
  }

  private start(symbol: Symbol): void {
    const watch: Watch = { stop: () => {}, active: true };
    this.watches.set(symbol, watch);
    const { live, onTicker } = this.options;
    if (live?.watchTicker) {
      // A live source may call back before watchTicker returns (the demo venue sends its current price at once),
      // and that first ticker can fill the last order and ask for this very watch to stop.
      const stopStream = live.watchTicker(symbol, (ticker) => {
        if (watch.active) onTicker(ticker);
      });
      if (watch.active) watch.stop = stopStream;
      else stopStream();
      return;
    }
    watch.stop = this.poll(symbol, watch);
  }

  private poll(symbol: Symbol, watch: Watch): () => void {
    let inFlight = false;
    const timer = setInterval(() => {
      if (inFlight) return; // a slow venue must not pile up requests
      inFlight = true;
      this.options.prices
        .ticker(symbol)
        .then((ticker) => {
          if (watch.active) this.options.onTicker(ticker);
        })
        // A failed poll is retried by the next one; the resting orders simply wait for a price.
        .catch(() => undefined)
        .finally(() => (inFlight = false));
    }, this.options.pollMs);
    timer.unref?.();
    return () => clearInterval(timer);
  }
}
