// Open orders of the venue and mode in view, each with Cancel, and "Cancel all" for the symbol on screen (after a
// confirmation: it is the one button here that can undo many orders at once).
import { useState } from 'react';
import type { Symbol, VenueId } from '../../../src-shared';
import { api } from '../../api';
import { formatPrice } from '../../format/numbers';
import { useReadOnly, useWorkspace } from '../../stores/workspace';
import { CheckAgainButton, HeaderRow, NumberCell, PriceCell, SideCell, StatusCell, TimeCell } from './cells';
import { ModeBadge } from './ModeBadge';
import { useOrders } from './orders-store';
import { decimalsOf, TYPE_WORDS } from './order-words';
import { PanelState, useSectionReady } from './PanelState';
import { usePanelView } from './use-panel-view';

const COLUMNS = ['Time', 'Symbol', 'Side', 'Type', 'Price', 'Amount', 'Filled', 'Status', 'Mode', ''];

export function OpenOrdersPanel({ venue, symbol }: { venue: VenueId; symbol: Symbol }) {
  const view = usePanelView(venue);
  const open = useOrders((s) => s.lists.open);
  const busy = useOrders((s) => s.busy);
  const rowErrors = useOrders((s) => s.rowErrors);
  const markets = useWorkspace((s) => s.markets);
  const ready = useSectionReady('orders');
  // A viewer watches the orders; cancelling them is the operator's.
  const readOnly = useReadOnly();
  if (!view) return <p className="muted">Working out the trading mode…</p>;

  return (
    <div className="orders-panel">
      {!readOnly && <CancelAll symbol={symbol} count={open.filter((o) => o.symbol === symbol).length} />}
      <PanelState section="orders" hasRows={open.length > 0} />
      {open.length === 0 ? (
        ready && <p className="empty">{readOnly ? 'No open orders.' : 'No open orders. Place one from the ticket (press B to buy, S to sell).'}</p>
      ) : (
        <table className="orders-table" aria-label="Open orders">
          <thead>
            <HeaderRow columns={COLUMNS} />
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
                  <td>{TYPE_WORDS[order.type]}</td>
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
                        aria-label={`Cancel ${order.side} ${formatPrice(order.amount, decimals.amount)} ${order.symbol}`}
                        onClick={() => void useOrders.getState().cancel(api, order.clientOrderId)}
                      >
                        {state === 'cancelling' ? 'Cancelling…' : 'Cancel'}
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

  const confirm = async (): Promise<void> => {
    const result = await useOrders.getState().cancelAll(api, symbol);
    setConfirming(false);
    if (!result) return;
    const failed = result.failed.length;
    setOutcome(`Cancelled ${result.cancelled.length} ${symbol} order${result.cancelled.length === 1 ? '' : 's'}${failed ? `; ${failed} could not be cancelled (see the rows)` : ''}.`);
  };

  return (
    <div className="panel-actions">
      {confirming ? (
        <span className="confirm" role="group" aria-label={`Confirm cancelling every ${symbol} order`}>
          <span>
            Cancel all {count} open {symbol} order{count === 1 ? '' : 's'}?
          </span>
          <button type="button" className="danger" disabled={pending} aria-busy={pending} onClick={() => void confirm()}>
            {pending ? 'Cancelling…' : 'Yes, cancel them'}
          </button>
          <button type="button" disabled={pending} onClick={() => setConfirming(false)}>
            Keep them
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
          Cancel all {symbol}
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
