// Balances of the venue and mode in view: free to trade, held by open orders, and the total.
import type { VenueId, VenueSummary } from '../../../src-shared';
import { useWorkspace } from '../../stores/workspace';
import { Mt5Figures } from '../accounts/Mt5Figures';
import { useT } from '../../i18n';
import { columnNames, HeaderRow, NumberCell } from './cells';
import { ModeBadge } from './ModeBadge';
import { useOrders } from './orders-store';
import { assetDecimals } from './order-words';
import { PanelState, useSectionReady } from './PanelState';
import { usePanelView } from './use-panel-view';

export function BalancesPanel({ venue, summary }: { venue: VenueId; summary: VenueSummary | undefined }) {
  const view = usePanelView(venue);
  const balances = useOrders((s) => s.balances);
  const ready = useSectionReady('balances');
  const markets = useWorkspace((s) => s.markets);
  const { t } = useT('orders');
  if (!view) return <p className="muted">{t('workingOutMode')}</p>;
  const name = summary?.name ?? venue;

  return (
    <div className="orders-panel">
      <p className="panel-caption">
        {t('balancesOn', { name })} <ModeBadge mode={view.mode} />
      </p>
      {/* MetaTrader 5 accounts trade on margin: what the broker states matters more than one currency's balance. */}
      {venue === 'mt5' && view.mode === 'live' && <Mt5Figures />}
      <PanelState section="balances" hasRows={balances.length > 0} />
      {balances.length === 0 ? (
        ready && (
          <p className="empty">
            {view.mode === 'live' ? t('noLiveBalance', { name }) : view.mode === 'paper' ? t('noPaperBalance', { name }) : t('noBalance', { name })}
          </p>
        )
      ) : (
        <table className="orders-table balances-table" aria-label={t('balances')}>
          <thead>
            <HeaderRow columns={columnNames(['asset', 'free', 'inOrders', 'total'])} />
          </thead>
          <tbody>
            {balances.map((balance) => {
              const decimals = assetDecimals(markets, balance.asset);
              return (
                <tr key={balance.asset} data-asset={balance.asset}>
                  <th scope="row">{balance.asset}</th>
                  <NumberCell value={balance.free} decimals={decimals} />
                  <NumberCell value={balance.used} decimals={decimals} />
                  <NumberCell value={balance.total} decimals={decimals} />
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
