import type { Market, PlaceOrder } from '../../../src-shared';
import { formatPrice } from '../../format/numbers';
import { useModalDialog } from '../../hooks/use-modal-dialog';
import { useT } from '../../i18n';
import { sideWord } from '../orders/order-words';
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
  const { t } = useT(['orderTicket', 'orders']);

  const price = (value: number | undefined) => `${formatPrice(value, market.pricePrecision)} ${market.quote}`;
  return (
    <dialog ref={dialog} className="confirm-dialog" aria-label={t('confirm.label')} onClose={onCancel}>
      {order && (
        <>
          <h2>
            {t('confirm.titleBefore')}
            <span className="live-word">{t('confirm.liveWord')}</span>
            {t('confirm.titleAfter', { venue: venueName })}
          </h2>
          <p className="muted">{t('confirm.realFunds')}</p>
          <dl className="ticket-costs">
            <dt>{t('confirm.venue')}</dt>
            <dd>{venueName}</dd>
            <dt>{t('confirm.order')}</dt>
            <dd>
              {t('confirm.orderText', { side: sideWord(order.side), symbol: order.symbol, type: t(`orders:typeLower.${order.type}`) })}
            </dd>
            <dt>{t('confirm.amount')}</dt>
            <dd className="numeric">
              {formatPrice(order.amount, market.amountPrecision)} {market.base}
            </dd>
            {order.type === 'stop-limit' && (
              <>
                <dt>{t('confirm.stopPrice')}</dt>
                <dd className="numeric">{price(order.stopPrice)}</dd>
              </>
            )}
            <dt>{t('confirm.price')}</dt>
            <dd className="numeric">{order.type === 'market' ? t('confirm.atMarket', { price: price(lastPrice) }) : price(order.price)}</dd>
            <dt>{order.side === 'buy' ? t('confirm.cost') : t('confirm.value')}</dt>
            <dd className="numeric">{price(cost.notional)}</dd>
            <dt>{t('confirm.fee')}</dt>
            <dd className="numeric">{price(cost.fee)}</dd>
          </dl>
          <div className="confirm-actions">
            <button type="button" className="danger" onClick={onConfirm} autoFocus>
              {t('confirm.place')}
            </button>
            <button type="button" onClick={onCancel}>
              {t('confirm.cancel')}
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
