// The trader's open orders drawn on the chart as price lines (UI.md): a limit at its price, a stop-limit at its
// trigger (dashed) — buy green, sell red, labelled with side and what is left to fill. Lines are kept per order and
// changed in place, so an update does not redraw the others.
import { LineStyle, type IPriceLine, type ISeriesApi } from 'lightweight-charts';
import type { Market, Order } from '../../../src-shared';
import { formatPrice } from '../../format/numbers';
import { seriesColors, type SeriesColors } from './chart-theme';

export interface OrderLine {
  id: string;
  price: number;
  color: string;
  lineStyle: LineStyle;
  title: string;
}

/** The line an open order is drawn as, or undefined for one without a price on the chart (a market order). */
export function orderLine(order: Order, market: Market, colors: SeriesColors = seriesColors()): OrderLine | undefined {
  const price = order.type === 'stop-limit' ? order.stopPrice : order.price;
  if (price === undefined) return undefined;
  const left = formatPrice(order.amount - order.filled, market.amountPrecision);
  const kind = order.type === 'stop-limit' ? 'STOP' : order.side.toUpperCase();
  return {
    id: order.clientOrderId,
    price,
    color: order.side === 'buy' ? colors.up : colors.down,
    lineStyle: order.type === 'stop-limit' ? LineStyle.Dashed : LineStyle.Solid,
    title: order.type === 'stop-limit' ? `${kind} ${order.side.toUpperCase()} ${left}` : `${kind} ${left}`,
  };
}

export class OrderLines {
  private readonly drawn = new Map<string, { line: IPriceLine; shown: OrderLine }>();

  constructor(private readonly series: Pick<ISeriesApi<'Candlestick'>, 'createPriceLine' | 'removePriceLine'>) {}

  /** Draws exactly these lines: new ones added, changed ones moved, the rest removed. */
  show(lines: readonly OrderLine[]): void {
    const wanted = new Map(lines.map((line) => [line.id, line]));
    for (const [id, { line }] of this.drawn) {
      if (!wanted.has(id)) {
        this.series.removePriceLine(line);
        this.drawn.delete(id);
      }
    }
    for (const shown of wanted.values()) {
      const options = { price: shown.price, color: shown.color, lineStyle: shown.lineStyle, lineWidth: 1 as const, axisLabelVisible: true, title: shown.title };
      const existing = this.drawn.get(shown.id);
      if (!existing) this.drawn.set(shown.id, { line: this.series.createPriceLine(options), shown });
      else if (!sameLine(existing.shown, shown)) {
        existing.line.applyOptions(options);
        existing.shown = shown;
      }
    }
  }
}

function sameLine(a: OrderLine, b: OrderLine): boolean {
  return a.price === b.price && a.color === b.color && a.lineStyle === b.lineStyle && a.title === b.title;
}
