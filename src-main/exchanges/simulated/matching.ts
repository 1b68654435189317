// The price rules of the simulated venue, as pure functions of an order and a ticker. There is no order book: the
// touch (bid/ask) stands for the other side, and the last price where a venue gives no touch.
import type { OrderSide, Ticker } from '../../../src-shared';

/** The price a taker pays (buy) or gets (sell) now. */
export function touchPrice(side: OrderSide, ticker: Ticker): number {
  return (side === 'buy' ? ticker.ask : ticker.bid) ?? ticker.last;
}

/** Whether a limit order at `price` can trade against the touch now. */
export function isMarketable(side: OrderSide, price: number, ticker: Ticker): boolean {
  const touch = touchPrice(side, ticker);
  return side === 'buy' ? touch <= price : touch >= price;
}

/**
 * Whether the last price has crossed a stop: at or above it for a buy stop, at or below for a sell stop. The last
 * trade, not the touch, as venues do, so a wide spread alone does not set a stop off.
 */
export function stopCrossed(side: OrderSide, stopPrice: number, ticker: Ticker): boolean {
  return side === 'buy' ? ticker.last >= stopPrice : ticker.last <= stopPrice;
}

/**
 * A limit order arriving (a new one, or a stop just triggered) takes the touch when it is marketable: the touch is
 * at its price or better. undefined when it must rest.
 */
export function arrivalFillPrice(side: OrderSide, price: number, ticker: Ticker): number | undefined {
  return isMarketable(side, price, ticker) ? touchPrice(side, ticker) : undefined;
}

/** A resting limit order is reached when the market comes to it, and fills at its own price. */
export function restingFillPrice(side: OrderSide, price: number, ticker: Ticker): number | undefined {
  return isMarketable(side, price, ticker) ? price : undefined;
}
