// Time & sales: the venue's public trades of the symbol in view, newest on top, buys and sells in their colours.
import { useEffect, useState } from 'react';
import type { EventPayload, Market, PublicTrade, StreamStatus, VenueId } from '../../../src-shared';
import { api } from '../../api';
import { formatPrice } from '../../format/numbers';
import { useT } from '../../i18n';
import { useConnection } from '../../stores/connection';
import { addToTape, tapeTime } from './tape-rows';

interface Props {
  venue: VenueId;
  market: Market;
}

export function TradeTape({ venue, market }: Props) {
  const [rows, setRows] = useState<PublicTrade[]>([]);
  const [status, setStatus] = useState<{ status: StreamStatus | 'unavailable'; reason?: string }>({ status: 'live' });
  const { t } = useT('tradeTape');
  const generation = useConnection((state) => state.generation);

  useEffect(() => {
    setRows([]);
    setStatus({ status: 'live' });
    let subscriptionId: string | undefined;
    let ended = false;
    // The first push (the recent trades) can arrive before the subscribe call answers: hold events until then.
    const early: Array<EventPayload<'trades.updated'>> = [];
    const stopTrades = api.on('trades.updated', (event) => {
      if (subscriptionId === undefined) early.push(event);
      else if (event.subscriptionId === subscriptionId) setRows((current) => addToTape(current, event.trades));
    });
    const stopStatus = api.on('stream.status-changed', (event) => {
      if (event.subscriptionId === subscriptionId) setStatus(event.reason === undefined ? { status: event.status } : { status: event.status, reason: event.reason });
    });
    api
      .call('market:subscribe-trades', { venue, symbol: market.symbol })
      .then(({ subscriptionId: id }) => {
        if (ended) return void api.call('market:unsubscribe', { subscriptionId: id }).catch(() => undefined);
        subscriptionId = id;
        const mine = early.filter((event) => event.subscriptionId === id).flatMap((event) => event.trades);
        if (mine.length > 0) setRows((current) => addToTape(current, mine));
      })
      .catch((error: unknown) => {
        if (!ended) setStatus({ status: 'unavailable', reason: (error as Error).message });
      });
    return () => {
      ended = true;
      stopTrades();
      stopStatus();
      if (subscriptionId !== undefined) void api.call('market:unsubscribe', { subscriptionId }).catch(() => undefined);
    };
  }, [venue, market.symbol, generation]);

  return (
    <section className="trade-tape" aria-label={t('region')}>
      <header className="trade-tape-head">
        <h2>{t('title')}</h2>
        {status.status !== 'live' && (
          <span className={`tape-status ${status.status}`} role="status" title={status.reason}>
            {status.status === 'unavailable' ? t('notStreamed') : t(`status.${status.status}`)}
          </span>
        )}
      </header>
      {rows.length === 0 ? (
        <p className="empty">{status.status === 'unavailable' ? status.reason : t('waiting')}</p>
      ) : (
        <table className="tape-table">
          <thead>
            <tr>
              <th scope="col">{t('price', { asset: market.quote })}</th>
              <th scope="col">{t('amount', { asset: market.base })}</th>
              <th scope="col">{t('time')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((trade, index) => (
              <tr key={trade.id ?? `${trade.timestamp}-${index}`} className={trade.side ?? ''}>
                <td className="numeric price">{formatPrice(trade.price, market.pricePrecision)}</td>
                <td className="numeric">{formatPrice(trade.amount, market.amountPrecision)}</td>
                <td className="numeric">{tapeTime(trade.timestamp)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
