import { useEffect, useRef, useState } from 'react';
import type { Market, StreamStatus, Ticker, VenueId } from '../../../src-shared';
import { api } from '../../api';
import { useT } from '../../i18n';
import { formatPercent, formatPrice } from '../../format/numbers';
import { onTicker } from '../../hooks/ticker-events';

/**
 * Last price and 24 h change of the shown market from its ticker stream, written to the DOM at each tick without
 * re-rendering; whatever the chart shows, or if it shows nothing. A stream that is stale, reconnecting or failed
 * says so next to the price, which is dimmed: an old price must not pass for the current one.
 */
export function LastPrice({ venue, market }: { venue: VenueId; market: Market }) {
  const priceRef = useRef<HTMLSpanElement>(null);
  const changeRef = useRef<HTMLSpanElement>(null);
  const [feed, setFeed] = useState<{ status: StreamStatus; reason?: string } | undefined>();
  const { t } = useT('topBar');

  useEffect(() => {
    setFeed(undefined);
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
    // A stream already stale reports so while subscribing, before its id is known here: kept until it is.
    const early = new Map<string, { status: StreamStatus; reason?: string }>();
    const showStatus = (change: { status: StreamStatus; reason?: string }) => setFeed(change.status === 'live' ? undefined : change);
    const stopStatus = api.on('stream.status-changed', ({ subscriptionId: id, status, reason }) => {
      const change = reason === undefined ? { status } : { status, reason };
      if (id === subscriptionId) showStatus(change);
      else if (subscriptionId === undefined) early.set(id, change);
    });
    api.call('market:subscribe-ticker', { venue, symbol: market.symbol }).then(
      (subscription) => {
        if (ended) return void api.call('market:unsubscribe', subscription).catch(() => undefined);
        subscriptionId = subscription.subscriptionId;
        const before = early.get(subscriptionId);
        early.clear();
        if (before) showStatus(before);
      },
      () => undefined, // no ticker stream on this venue: the price asked once below stays
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
      stopStatus();
      if (subscriptionId) void api.call('market:unsubscribe', { subscriptionId }).catch(() => undefined);
    };
  }, [venue, market]);

  return (
    <div className={feed ? 'last-price is-not-live' : 'last-price'} aria-label={t('lastPrice')}>
      <span className="price numeric" ref={priceRef} data-testid="last-price" />
      <span className="change numeric" ref={changeRef} title={t('change24h')} />
      {feed && (
        <span className="feed-status" role="status" data-testid="last-price-status" title={feed.reason ?? ''}>
          {t(`feedStatus.${feed.status}`)}
        </span>
      )}
    </div>
  );
}
