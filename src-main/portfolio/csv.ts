// CSV exports for spreadsheets and tax tools: a header row, times in ISO 8601 UTC, a decimal point and no thousands
// separator, and next to every amount the column naming its currency. Fields that could hold a comma, a quote or a
// line break are quoted (RFC 4180); a field starting with = + - @ is prefixed with ' so a spreadsheet never runs it.
import type { Order, Trade } from '../../src-shared';
import { tidy } from './holdings';
import type { FillResult } from './ledger';
import { baseOf, quoteOf } from './views';

type Cell = string | number | undefined;

const iso = (ms: number): string => new Date(ms).toISOString();
const num = (value: number | undefined): string => (value === undefined ? '' : String(tidy(value)));

function field(value: Cell): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return num(value);
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export class CsvWriter {
  private readonly lines: string[];

  constructor(header: readonly string[]) {
    this.lines = [header.join(',')];
  }

  row(cells: readonly Cell[]): void {
    this.lines.push(cells.map(field).join(','));
  }

  get rows(): number {
    return this.lines.length - 1;
  }

  toString(): string {
    return `${this.lines.join('\r\n')}\r\n`;
  }
}

export const TRADE_COLUMNS = [
  'time_utc', 'venue', 'mode', 'symbol', 'side', 'amount', 'amount_currency', 'price', 'price_currency',
  'value', 'value_currency', 'fee', 'fee_currency', 'trade_id', 'client_order_id',
] as const;

export function tradeRow(t: Trade): Cell[] {
  const quote = quoteOf(t.symbol);
  return [
    iso(t.timestamp), t.venue, t.mode, t.symbol, t.side, t.amount, baseOf(t.symbol), t.price, quote,
    t.amount * t.price, quote, t.fee, t.fee === undefined ? undefined : (t.feeAsset ?? quote), t.id, t.clientOrderId,
  ];
}

export const ORDER_COLUMNS = [
  'created_utc', 'updated_utc', 'venue', 'mode', 'symbol', 'side', 'type', 'status', 'amount', 'filled',
  'amount_currency', 'price', 'stop_price', 'average_price', 'price_currency', 'client_order_id', 'exchange_order_id',
] as const;

export function orderRow(o: Order): Cell[] {
  return [
    iso(o.createdAt), iso(o.updatedAt), o.venue, o.mode, o.symbol, o.side, o.type, o.status, o.amount, o.filled,
    baseOf(o.symbol), o.price, o.stopPrice, o.averagePrice, quoteOf(o.symbol), o.clientOrderId, o.exchangeOrderId,
  ];
}

export const LEDGER_COLUMNS = [
  'time_utc', 'venue', 'mode', 'symbol', 'side', 'amount', 'amount_currency', 'price', 'closed', 'cost_price',
  'realized_pnl', 'realized_pnl_fifo', 'fee', 'pnl_currency', 'trade_id',
] as const;

export function ledgerRow(f: FillResult): Cell[] {
  return [
    iso(f.at), f.venue, f.mode, f.symbol, f.side, f.amount, baseOf(f.symbol), f.price, f.closed,
    f.closed > 0 ? f.costPrice : undefined, f.pnl, f.pnlFifo, f.fee, f.quote, f.tradeId,
  ];
}
