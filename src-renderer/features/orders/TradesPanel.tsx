// Fills of the venue and mode in view, newest first, as the venue reported them.
import type { VenueId } from '../../../src-shared';
import { formatPrice } from '../../format/numbers';
import { useWorkspace } from '../../stores/workspace';
import { useT } from '../../i18n';
import { columnNames, HeaderRow, NumberCell, SideCell, TimeCell } from './cells';
import { ModeBadge } from './ModeBadge';
import { LoadOlder } from './LoadOlder';
import { TRADES_LIMIT, useOrders } from './orders-store';
import { decimalsOf, feeDecimals } from './order-words';
import { PanelState, useSectionReady } from './PanelState';
import { usePanelView } from './use-panel-view';

const COLUMNS = ['time', 'symbol', 'side', 'price', 'amount', 'value', 'fee', 'mode'] as const;

export function TradesPanel({ venue }: { venue: VenueId }) {
  const view = usePanelView(venue);
  const trades = useOrders((s) => s.trades);
  const markets = useWorkspace((s) => s.markets);
  const ready = useSectionReady('trades');
  const { t } = useT('orders');
  if (!view) return <p className="muted">{t('workingOutMode')}</p>;

  return (
    <div className="orders-panel">
      <PanelState section="trades" hasRows={trades.length > 0} />
      {trades.length === 0 ? (
        ready && <p className="empty">{t('noTrades')}</p>
      ) : (
        <table className="orders-table" aria-label={t('trades')}>
          <thead>
            <HeaderRow columns={columnNames(COLUMNS)} />
          </thead>
          <tbody>
            {trades.map((trade) => {
              const decimals = decimalsOf(markets, trade.symbol);
              const fee = trade.fee === undefined ? '—' : `${formatPrice(trade.fee, feeDecimals(markets, trade.feeAsset))} ${trade.feeAsset ?? ''}`;
              return (
                <tr key={trade.id} data-trade-id={trade.id}>
                  <TimeCell ms={trade.timestamp} />
                  <td>{trade.symbol}</td>
                  <SideCell side={trade.side} />
                  <NumberCell value={trade.price} decimals={decimals.price} />
                  <NumberCell value={trade.amount} decimals={decimals.amount} />
                  <NumberCell value={trade.price * trade.amount} decimals={decimals.price} />
                  <td className="numeric">{fee.trim()}</td>
                  <td>
                    <ModeBadge mode={trade.mode} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <LoadOlder section="trades" rows={trades.length} pageSize={TRADES_LIMIT} />
    </div>
  );
}
