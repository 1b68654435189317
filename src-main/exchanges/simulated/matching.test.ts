// The price rules on hand-made tickers with a wide spread, where touch and last tell different stories.
import { describe, expect, it } from 'vitest';
import type { Ticker } from '../../../src-shared';
import { arrivalFillPrice, restingFillPrice, stopCrossed, touchPrice } from './matching';

const wide: Ticker = { venue: 'demo', symbol: 'BTC/USDT', last: 100, bid: 90, ask: 110, timestamp: 0 };
const lastOnly: Ticker = { venue: 'demo', symbol: 'BTC/USDT', last: 100, timestamp: 0 };

describe('matching rules', () => {
  it('takes the ask to buy and the bid to sell, the last price when the venue gives no touch', () => {
    expect(touchPrice('buy', wide)).toBe(110);
    expect(touchPrice('sell', wide)).toBe(90);
    expect(touchPrice('buy', lastOnly)).toBe(100);
  });

  it('triggers stops on the last price, not the touch', () => {
    expect(stopCrossed('sell', 95, wide)).toBe(false); // the bid is below the stop, the last is not
    expect(stopCrossed('sell', 100, wide)).toBe(true);
    expect(stopCrossed('buy', 105, wide)).toBe(false); // the ask is above the stop, the last is not
    expect(stopCrossed('buy', 100, wide)).toBe(true);
  });

  it('fills an arriving limit at the touch when it is at its price or better, and otherwise rests it', () => {
    expect(arrivalFillPrice('buy', 120, wide)).toBe(110);
    expect(arrivalFillPrice('buy', 109.99, wide)).toBeUndefined();
    expect(arrivalFillPrice('sell', 80, wide)).toBe(90);
    expect(arrivalFillPrice('sell', 90.01, wide)).toBeUndefined();
  });

  it('fills a resting limit at its own price once the market reaches it', () => {
    expect(restingFillPrice('buy', 110, wide)).toBe(110);
    expect(restingFillPrice('buy', 120, wide)).toBe(120);
    expect(restingFillPrice('buy', 105, wide)).toBeUndefined();
    expect(restingFillPrice('sell', 85, wide)).toBe(85);
    expect(restingFillPrice('sell', 95, wide)).toBeUndefined();
    expect(restingFillPrice('buy', 100, lastOnly)).toBe(100);
  });
});
