// Open orders of the venue and mode in view, each with Cancel, and "Cancel all" for the symbol on screen (after a
// confirmation: it is the one button here that can undo many orders at once).
import { useState } from 'react';
import type { Symbol, VenueId } from '../../../src-shared';
import { api } from '../../api';
import { formatPrice } from '../../format/numbers';
import { useReadOnly, useWorkspace } from '../../stores/workspace';
import { useT } from '../../i18n';
import { CheckAgainButton, columnNames, HeaderRow, NumberCell, PriceCell, SideCell, StatusCell, TimeCell } from './cells';
import { ModeBadge } from './ModeBadge';
import { useOrders } from './orders-store';
import { decimalsOf, sideWord, typeWord } from './order-words';
import { PanelState, useSectionReady } from './PanelState';
import { usePanelView } from './use-panel-view';

const COLUMNS = ['time', 'symbol', 'side', 'type', 'price', 'amount', 'filled', 'status', 'mode', ''] as const;

export function OpenOrdersPanel({ venue, symbol }: { venue: VenueId; symbol: Symbol }) {
  const view = usePanelView(venue);
  const open = useOrders((s) => s.lists.open);
  const busy = useOrders((s) => s.busy);
  const rowErrors = useOrders((s) => s.rowErrors);
  const markets = useWorkspace((s) => s.markets);
  const ready = useSectionReady('orders');
  // A viewer watches the orders; cancelling them is the operator's.
  const readOnly = useReadOnly();
  const { t } = useT('orders');
  if (!view) return <p className="muted">{t('workingOutMode')}</p>;

  return (
    <div className="orders-panel">
      {!readOnly && <CancelAll symbol={symbol} count={open.filter((o) => o.symbol === symbol).length} />}
      <PanelState section="orders" hasRows={open.length > 0} />
      {open.length === 0 ? (
        ready && <p className="empty">{readOnly ? t('noOpenOrders') : t('noOpenOrdersHint')}</p>
      ) : (
        <table className="orders-table" aria-label={t('openOrders')}>
          <thead>
            <HeaderRow columns={columnNames(COLUMNS)} />
          </thead>
          <tbody>
            {open.map((order) => {
              const decimals = decimalsOf(markets, order.symbol);
              const state = busy[order.clientOrderId];
              const problem = rowErrors[order.clientOrderId];
              return (
                <tr key={order.clientOrderId} data-client-order-id={order.clientOrderId} data-status={order.status}>
                  <TimeCell ms={order.createdAt} />
                  <td>{order.symbol}</td>
                  <SideCell side={order.side} />
                  <td>{typeWord(order.type)}</td>
                  <PriceCell order={order} decimals={decimals} />
                  <NumberCell value={order.amount} decimals={decimals.amount} />
                  <NumberCell value={order.filled} decimals={decimals.amount} />
                  <StatusCell order={order} problem={problem} />
                  <td>
                    <ModeBadge mode={order.mode} />
                  </td>
                  <td>
                    {readOnly ? null : order.status === 'unknown' ? (
                      // Not confirmed either way: it cannot be cancelled before the venue says it has it.
                      <CheckAgainButton clientOrderId={order.clientOrderId} busy={state !== undefined} />
                    ) : (
                      <button
                        type="button"
                        disabled={state !== undefined}
                        aria-busy={state === 'cancelling'}
                        aria-label={t('cancelOrder', { side: sideWord(order.side), amount: formatPrice(order.amount, decimals.amount), symbol: order.symbol })}
                        onClick={() => void useOrders.getState().cancel(api, order.clientOrderId)}
                      >
                        {state === 'cancelling' ? t('cancelling') : t('cancel')}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}

function CancelAll({ symbol, count }: { symbol: Symbol; count: number }) {
  const [confirming, setConfirming] = useState(false);
  const [outcome, setOutcome] = useState<string>();
  const pending = useOrders((s) => s.cancellingAll);
  const { t } = useT('orders');

  const confirm = async (): Promise<void> => {
    const result = await useOrders.getState().cancelAll(api, symbol);
    setConfirming(false);
    if (!result) return;
    const failed = result.failed.length;
    const count = result.cancelled.length;
    setOutcome(failed ? t('cancelAll.doneWithFailures', { count, symbol, failed }) : t('cancelAll.done', { count, symbol }));
  };

  return (
    <div className="panel-actions">
      {confirming ? (
        <span className="confirm" role="group" aria-label={t('cancelAll.confirmLabel', { symbol })}>
          <span>{t('cancelAll.question', { count, symbol })}</span>
          <button type="button" className="danger" disabled={pending} aria-busy={pending} onClick={() => void confirm()}>
            {pending ? t('cancelling') : t('cancelAll.yes')}
          </button>
          <button type="button" disabled={pending} onClick={() => setConfirming(false)}>
            {t('cancelAll.keep')}
          </button>
        </span>
      ) : (
        <button
          type="button"
          disabled={count === 0}
          onClick={() => {
            setOutcome(undefined);
            setConfirming(true);
          }}
        >
          {t('cancelAll.button', { symbol })}
        </button>
      )}
      {outcome && (
        <span className="muted" role="status">
          {outcome}
        </span>
      )}
    </div>
  );
}
