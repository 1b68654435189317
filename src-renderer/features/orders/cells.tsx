// Table cells shared by the order and trade panels, so every list writes sides, prices and times the same way.
import type { Order, OrderSide } from '../../../src-shared';
import { formatPrice } from '../../format/numbers';
import { api } from '../../api';
import { useReadOnly } from '../../stores/workspace';
import { t, useT } from '../../i18n';
import { formatTime, sideWord, statusWord, type Decimals } from './order-words';
import { useOrders } from './orders-store';

/** Columns holding numbers: right-aligned like their figures. */
const NUMERIC_COLUMNS = ['price', 'averagePrice', 'amount', 'filled', 'value', 'fee', 'free', 'inOrders', 'total'] as const;

export type OrderColumn = keyof typeof import('../../i18n/en/orders').default.columns;

/** The order lists' column headings, in the language on screen. */
export function columnNames(columns: readonly (OrderColumn | '')[]): string[] {
  return columns.map((column) => (column === '' ? '' : t(`orders:columns.${column}`)));
}

/** `columns`: the headings as shown; `numeric`: those that hold numbers, when they are not the order lists' own. */
export function HeaderRow({ columns, numeric }: { columns: readonly string[]; numeric?: ReadonlySet<string> }) {
  useT('orders');
  const numbers = numeric ?? new Set(columnNames(NUMERIC_COLUMNS));
  return (
    <tr>
      {columns.map((name, i) => (
        <th key={i} scope="col" className={numbers.has(name) ? 'numeric' : undefined}>
          {name}
        </th>
      ))}
    </tr>
  );
}

export function TimeCell({ ms }: { ms: number }) {
  const time = formatTime(ms);
  return (
    <td className="time" title={time.utc}>
      {time.text}
    </td>
  );
}

export function SideCell({ side }: { side: OrderSide }) {
  return <td className={`side side-${side}`}>{sideWord(side)}</td>;
}

export function NumberCell({ value, decimals }: { value: number | undefined; decimals: number }) {
  return <td className="numeric">{formatPrice(value, decimals)}</td>;
}

/** A limit price; a stop-limit's stop under it; "Market" for a market order. */
export function PriceCell({ order, decimals }: { order: Order; decimals: Decimals }) {
  if (order.type === 'market') return <td className="numeric muted-cell">{t('orders:market')}</td>;
  return (
    <td className="numeric">
      {formatPrice(order.price, decimals.price)}
      {order.type === 'stop-limit' && <span className="sub">{t('orders:stop', { price: formatPrice(order.stopPrice, decimals.price) })}</span>}
    </td>
  );
}

/** The order's status in words, its reason (why rejected or unknown), and what went wrong acting on it. */
export function StatusCell({ order, problem }: { order: Order; problem: string | undefined }) {
  return (
    <td className={`status status-${order.status}`}>
      {statusWord(order.status)}
      {order.reason && <span className="reason">{order.reason}</span>}
      {problem && (
        <span className="row-error" role="alert">
          {problem}
        </span>
      )}
    </td>
  );
}

/** Asks the venue again about an order it has not confirmed either way. */
/** Asking the venue again is an action (it may rewrite the journal): not offered to a viewer. */
export function CheckAgainButton({ clientOrderId, busy }: { clientOrderId: string; busy: boolean }) {
  if (useReadOnly()) return null;
  return (
    <button type="button" disabled={busy} aria-busy={busy} onClick={() => void useOrders.getState().check(api, clientOrderId)}>
      {busy ? t('orders:checking') : t('orders:checkAgain')}
    </button>
  );
}
