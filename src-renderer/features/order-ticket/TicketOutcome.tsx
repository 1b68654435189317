import type { Market } from '../../../src-shared';
import { useT } from '../../i18n';
import { describeOutcome } from '../orders/order-words';
import type { TicketResult } from './ticket-store';

/** Main's answer to the last submit, kept current by the order's events (unknown → open, open → filled…). */
export function TicketOutcome({ result, market }: { result: TicketResult | undefined; market: Market }) {
  const { t } = useT('orderTicket');
  if (!result) return <p className="ticket-outcome" role="status" aria-label={t('result')} />;
  if (result.kind === 'refused') {
    return (
      <p className="ticket-outcome" role="status" aria-label={t('result')} data-status="refused">
        {t('notPlaced', { message: result.message })}
      </p>
    );
  }
  const decimals = { price: market.pricePrecision, amount: market.amountPrecision };
  return (
    <p className="ticket-outcome" role="status" aria-label={t('result')} data-status={result.order.status}>
      {describeOutcome(result.order, decimals)}
    </p>
  );
}
