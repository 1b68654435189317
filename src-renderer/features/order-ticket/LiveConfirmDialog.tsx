import type { Market, PlaceOrder } from '../../../src-shared';
import { formatPrice } from '../../format/numbers';
import { useModalDialog } from '../../hooks/use-modal-dialog';
import { SIDE_WORDS, TYPE_WORDS } from '../orders/order-words';
import type { CostPreview } from './ticket-form';

interface Props {
  /** The order awaiting confirmation; the dialog is closed without one. */
  order: PlaceOrder | undefined;
  venueName: string;
  market: Market;
  lastPrice: number | undefined;
  cost: CostPreview;
  onConfirm: () => void;
  onCancel: () => void;
}

/** The last look before real money moves: live orders only (demo and paper go straight out). */
export function LiveConfirmDialog({ order, venueName, market, lastPrice, cost, onConfirm, onCancel }: Props) {
  const dialog = useModalDialog(order !== undefined);

  const price = (value: number | undefined) => `${formatPrice(value, market.pricePrecision)} ${market.quote}`;
  return (
    <dialog ref={dialog} className="confirm-dialog" aria-label="Confirm live order" onClose={onCancel}>
      {order && (
        <>
          <h2>
            Place a <span className="live-word">LIVE</span> order on {venueName}?
          </h2>
          <p className="muted">This uses real funds.</p>
          <dl className="ticket-costs">
            <dt>Venue</dt>
            <dd>{venueName}</dd>
            <dt>Order</dt>
            <dd>
              {SIDE_WORDS[order.side]} {order.symbol}, {TYPE_WORDS[order.type].toLowerCase()}
            </dd>
            <dt>Amount</dt>
            <dd className="numeric">
              {formatPrice(order.amount, market.amountPrecision)} {market.base}
            </dd>
            {order.type === 'stop-limit' && (
              <>
                <dt>Stop price</dt>
                <dd className="numeric">{price(order.stopPrice)}</dd>
              </>
            )}
            <dt>Price</dt>
            <dd className="numeric">{order.type === 'market' ? `market (last ${price(lastPrice)})` : price(order.price)}</dd>
            <dt>{order.side === 'buy' ? 'Cost' : 'Value'}</dt>
            <dd className="numeric">{price(cost.notional)}</dd>
            <dt>Fee (est.)</dt>
            <dd className="numeric">{price(cost.fee)}</dd>
          </dl>
          <div className="confirm-actions">
            <button type="button" className="danger" onClick={onConfirm} autoFocus>
              Place live order
            </button>
            <button type="button" onClick={onCancel}>
              Cancel
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
