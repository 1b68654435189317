// Finished orders of the venue and mode in view, newest first, with why an order was rejected, and "Check again"
// for an order whose fate the venue has not told yet.
import type { VenueId } from '../../../src-shared';
import { useWorkspace } from '../../stores/workspace';
import { useT } from '../../i18n';
import { CheckAgainButton, columnNames, HeaderRow, NumberCell, PriceCell, SideCell, StatusCell, TimeCell } from './cells';
import { ModeBadge } from './ModeBadge';
import { LoadOlder } from './LoadOlder';
import { HISTORY_LIMIT, useOrders } from './orders-store';
import { decimalsOf, typeWord } from './order-words';
import { PanelState, useSectionReady } from './PanelState';
import { usePanelView } from './use-panel-view';

const COLUMNS = ['time', 'symbol', 'side', 'type', 'price', 'averagePrice', 'amount', 'filled', 'status', 'mode', ''] as const;

export function OrderHistoryPanel({ venue }: { venue: VenueId }) {
  const view = usePanelView(venue);
  const history = useOrders((s) => s.lists.history);
  const busy = useOrders((s) => s.busy);
  const rowErrors = useOrders((s) => s.rowErrors);
  const markets = useWorkspace((s) => s.markets);
  const ready = useSectionReady('orders');
  const { t } = useT('orders');
  if (!view) return <p className="muted">{t('workingOutMode')}</p>;

  return (
    <div className="orders-panel">
      <PanelState section="orders" hasRows={history.length > 0} />
      {history.length === 0 ? (
        ready && <p className="empty">{t('noHistory')}</p>
      ) : (
        <table className="orders-table" aria-label={t('orderHistory')}>
          <thead>
            <HeaderRow columns={columnNames(COLUMNS)} />
          </thead>
          <tbody>
            {history.map((order) => {
              const decimals = decimalsOf(markets, order.symbol);
              const checking = busy[order.clientOrderId] === 'checking';
              const problem = rowErrors[order.clientOrderId];
              return (
                <tr key={order.clientOrderId} data-client-order-id={order.clientOrderId} data-status={order.status}>
                  <TimeCell ms={order.updatedAt} />
                  <td>{order.symbol}</td>
                  <SideCell side={order.side} />
                  <td>{typeWord(order.type)}</td>
                  <PriceCell order={order} decimals={decimals} />
                  <NumberCell value={order.averagePrice} decimals={decimals.price} />
                  <NumberCell value={order.amount} decimals={decimals.amount} />
                  <NumberCell value={order.filled} decimals={decimals.amount} />
                  <StatusCell order={order} problem={problem} />
                  <td>
                    <ModeBadge mode={order.mode} />
                  </td>
                  <td>
                    {order.status === 'unknown' && (
                      <CheckAgainButton clientOrderId={order.clientOrderId} busy={checking} />
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <LoadOlder section="orders" rows={history.length} pageSize={HISTORY_LIMIT} />
    </div>
  );
}
