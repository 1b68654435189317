import { useEffect, useRef } from 'react';
import type { Market, VenueId } from '../../../src-shared';
import { api } from '../../api';
import { formatPercent, formatPrice } from '../../format/numbers';

/** Last price and 24 h change of the shown market, written to the DOM at each tick without re-rendering. */
export function LastPrice({ venue, market }: { venue: VenueId; market: Market }) {
  const priceRef = useRef<HTMLSpanElement>(null);
  const changeRef = useRef<HTMLSpanElement>(null);

  useEffect(() => {
    if (priceRef.current) priceRef.current.textContent = formatPrice(undefined, market.pricePrecision);
    if (changeRef.current) changeRef.current.textContent = '';
    return api.on('ticker.updated', ({ ticker }) => {
      if (ticker.venue !== venue || ticker.symbol !== market.symbol) return;
      if (priceRef.current) priceRef.current.textContent = formatPrice(ticker.last, market.pricePrecision);
      const change = changeRef.current;
      if (change) {
        change.textContent = formatPercent(ticker.change24hPct);
        change.dataset.direction = (ticker.change24hPct ?? 0) >= 0 ? 'up' : 'down';
      }
    });
  }, [venue, market]);

  return (
    <div className="last-price" aria-label="Last price">
      <span className="price numeric" ref={priceRef} data-testid="last-price" />
      <span className="change numeric" ref={changeRef} title="24 h change" />
    </div>
  );
}
