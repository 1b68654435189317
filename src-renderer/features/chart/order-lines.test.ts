import { LineStyle } from 'lightweight-charts';
import { describe, expect, it } from 'vitest';
import type { Market, Order } from '../../../src-shared';
import { seriesColors } from './chart-theme';

const COLORS = seriesColors();
import { orderLine, OrderLines, type OrderLine } from './order-lines';

const market: Market = { venue: 'demo', symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', pricePrecision: 2, amountPrecision: 5, active: true };
const order = (over: Partial<Order>): Order => ({
  clientOrderId: 'c1', venue: 'demo', mode: 'demo', symbol: 'BTC/USDT', side: 'buy', type: 'limit', amount: 0.5, price: 60_000,
  filled: 0, status: 'open', createdAt: 1, updatedAt: 1, ...over,
});

describe('orderLine', () => {
  it('draws a limit at its price and a stop-limit at its trigger, dashed, labelled with what is left', () => {
    expect(orderLine(order({ filled: 0.2 }), market)).toEqual({ id: 'c1', price: 60_000, color: COLORS.up, lineStyle: LineStyle.Solid, title: 'BUY 0.30000' });
    expect(orderLine(order({ side: 'sell', type: 'stop-limit', price: 55_000, stopPrice: 55_500 }), market)).toEqual({
      id: 'c1', price: 55_500, color: COLORS.down, lineStyle: LineStyle.Dashed, title: 'STOP SELL 0.50000',
    });
    expect(orderLine(order({ type: 'market', price: undefined }), market)).toBeUndefined();
  });
});

describe('OrderLines', () => {
  it('adds new lines, moves changed ones in place and removes the rest', () => {
    const log: string[] = [];
    let n = 0;
    const series = {
      createPriceLine: (options: { price: number }) => {
        const id = ++n;
        log.push(`create ${id} @${options.price}`);
        return { applyOptions: (o: { price: number }) => log.push(`move ${id} @${o.price}`), options: () => options } as never;
      },
      removePriceLine: (line: { options: () => { price: number } }) => void log.push(`remove @${line.options().price}`),
    };
    const lines = new OrderLines(series as never);
    const line = (id: string, price: number): OrderLine => ({ id, price, color: COLORS.up, lineStyle: LineStyle.Solid, title: 'BUY 1' });
    lines.show([line('a', 100), line('b', 200)]);
    lines.show([line('a', 100), line('b', 250), line('c', 300)]);
    lines.show([line('c', 300)]);
    expect(log).toEqual(['create 1 @100', 'create 2 @200', 'move 2 @250', 'create 3 @300', 'remove @100', 'remove @200']);
  });
});
