import { useEffect, useRef } from 'react';
import type { Market, Ticker, VenueId } from '../../../src-shared';
import { api } from '../../api';
import { formatPercent, formatPrice } from '../../format/numbers';
import { onTicker } from '../../hooks/ticker-events';

/**
 * Last price and 24 h change of the shown market from its ticker stream, written to the DOM at each tick without
 * re-rendering; whatever the chart shows, or if it shows nothing.
 */
export function LastPrice({ venue, market }: { venue: VenueId; market: Market }) {
  const priceRef = useRef<HTMLSpanElement>(null);
  const changeRef = useRef<HTMLSpanElement>(null);

  useEffect(() => {
    if (priceRef.current) priceRef.current.textContent = formatPrice(undefined, market.pricePrecision);
    if (changeRef.current) changeRef.current.textContent = '';
    let streamed = false;
    const show = (ticker: Ticker): void => {
      if (priceRef.current) priceRef.current.textContent = formatPrice(ticker.last, market.pricePrecision);
      const change = changeRef.current;
      if (change) {
        change.textContent = formatPercent(ticker.change24hPct);
        change.dataset.direction = (ticker.change24hPct ?? 0) >= 0 ? 'up' : 'down';
      }
    };
    const stop = onTicker(venue, market.symbol, (ticker) => {
      streamed = true;
      show(ticker);
    });
    let ended = false;
    let subscriptionId: string | undefined;
    api.call('market:subscribe-ticker', { venue, symbol: market.symbol }).then(
      (subscription) => {
        if (ended) void api.call('market:unsubscribe', subscription).catch(() => undefined);
        else subscriptionId = subscription.subscriptionId;
      },
      () => undefined, // no ticker stream on this venue: the chart's pushes still carry its ticker
    );
    // Asked once as well: a venue whose live feed is down still has a last price, rather than a dash.
    api.call('market:ticker', { venue, symbol: market.symbol }).then(
      (ticker) => {
        if (!streamed) show(ticker);
      },
      () => undefined,
    );
    return () => {
      streamed = true; // a late answer must not overwrite the next market's price
      ended = true;
      stop();
      if (subscriptionId) void api.call('market:unsubscribe', { subscriptionId }).catch(() => undefined);
    };
  }, [venue, market]);

  return (
    <div className="last-price" aria-label="Last price">
      <span className="price numeric" ref={priceRef} data-testid="last-price" />
      <span className="change numeric" ref={changeRef} title="24 h change" />
    </div>
  );
}
