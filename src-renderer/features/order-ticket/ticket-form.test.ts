import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../../i18n';
import type { Balance, Market } from '../../../src-shared';
import { readNumber } from '../../format/number-hint';
import { amountForShare, checkTicket, costPreview, issuesOf, priceText, spentAsset, toPlaceOrder, type TicketFields } from './ticket-form';

const btc: Market = {
  venue: 'demo',
  symbol: 'BTC/USDT',
  base: 'BTC',
  quote: 'USDT',
  pricePrecision: 2,
  amountPrecision: 5,
  minAmount: 0.00001,
  minNotional: 5,
  active: true,
};
const fields = (over: Partial<TicketFields> = {}): TicketFields => ({ side: 'buy', type: 'limit', amount: '', price: '', stopPrice: '', ...over });
const balances: Balance[] = [
  { venue: 'demo', asset: 'USDT', free: 1_000, used: 0, total: 1_000 },
  { venue: 'demo', asset: 'BTC', free: 0.5, used: 0, total: 0.5 },
];

describe('typed numbers in the ticket (English)', () => {
  it.each([
    ['0.5', 0.5],
    ['12.', 12],
    [' 60000.25 ', 60000.25],
    ['60,000.25', 60000.25],
    ['', undefined],
  ])('reads %j as %s', (text, value) => expect(readNumber(text)).toEqual({ value }));

  it.each(['1e3', '0.5.1', 'abc'])('refuses %j with how to write it', (text) => {
    expect(readNumber(text).error).toMatch(/enter a number like 0\.5/);
  });

  it('reads 1,000 as a thousand in English', () => {
    expect(readNumber('1,000')).toEqual({ value: 1000 });
  });
});

describe('checkTicket', () => {
  it('accepts a valid limit buy and gives the draft main will receive', () => {
    const check = checkTicket(fields({ amount: '0.01', price: '50000' }), btc, 60_000, balances);
    expect(check.issues).toEqual([]);
    expect(check.valid).toBe(true);
    expect(toPlaceOrder({ venue: 'demo', mode: 'demo' }, btc, check.draft!)).toEqual({
      venue: 'demo',
      mode: 'demo',
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'limit',
      amount: 0.01,
      price: 50_000,
    });
  });

  it('is not valid before an amount is typed, without an error to show yet for a field left empty', () => {
    const check = checkTicket(fields({ price: '50000' }), btc, 60_000);
    expect(check.valid).toBe(false);
    expect(issuesOf(check.issues, 'price')).toEqual([]);
  });

  it('says too many decimals and below the minimum in the market rules own words', () => {
    expect(issuesOf(checkTicket(fields({ amount: '0.000001', price: '50000' }), btc, 60_000).issues, 'amount')).toEqual([
      'amount moves in steps of 0.00001 BTC',
      'the minimum amount is 0.00001 BTC',
      'the order is worth 0.05 USDT; the minimum is 5 USDT',
    ]);
    expect(checkTicket(fields({ amount: '0.00005', price: '50000' }), btc, 60_000).issues).toEqual([
      { field: 'amount', message: 'the order is worth 2.50 USDT; the minimum is 5 USDT' },
    ]);
  });

  it('reports an unreadable field once, not with the market rules on top', () => {
    const check = checkTicket(fields({ amount: '1,5', price: '50000' }), btc, 60_000);
    expect(check.issues).toEqual([{ field: 'amount', message: 'use “.” for decimals: 1.5' }]);
    expect(check.draft).toBeUndefined();
    expect(check.valid).toBe(false);
  });

  it('ignores the price of a market order and values it at the last price', () => {
    const check = checkTicket(fields({ type: 'market', amount: '0.001', price: 'junk' }), btc, 60_000, balances);
    expect(check.valid).toBe(true);
    expect(costPreview(check.draft, 60_000)).toEqual({ notional: 60, fee: 0.06 });
    expect(toPlaceOrder({ venue: 'demo', mode: 'demo' }, btc, check.draft!)).not.toHaveProperty('price');
  });

  it('needs a stop on the right side of the last price for a stop-limit', () => {
    const below = checkTicket(fields({ type: 'stop-limit', amount: '0.01', price: '61000', stopPrice: '59000' }), btc, 60_000);
    expect(issuesOf(below.issues, 'stopPrice')).toEqual(['a buy stop must be above the last price 60,000']);
    const above = checkTicket(fields({ type: 'stop-limit', amount: '0.01', price: '61000', stopPrice: '60500' }), btc, 60_000);
    expect(above.valid).toBe(true);
    expect(toPlaceOrder({ venue: 'binance', mode: 'paper' }, btc, above.draft!)).toMatchObject({ stopPrice: 60_500, price: 61_000, mode: 'paper' });
  });

  it('refuses to spend more than is free: quote to buy, base to sell', () => {
    expect(issuesOf(checkTicket(fields({ amount: '0.1', price: '50000' }), btc, 60_000, balances).issues, 'amount')).toEqual([
      'not enough USDT: this order needs 5,000.00 USDT, 1,000.00 USDT is free',
    ]);
    expect(issuesOf(checkTicket(fields({ side: 'sell', amount: '0.6', price: '50000' }), btc, 60_000, balances).issues, 'amount')).toEqual([
      'not enough BTC: this order needs 0.60000 BTC, 0.50000 BTC is free',
    ]);
    // Exactly the free amount is fine; unknown balances are not checked here (main still checks).
    expect(checkTicket(fields({ side: 'sell', amount: '0.5', price: '50000' }), btc, 60_000, balances).valid).toBe(true);
    expect(checkTicket(fields({ amount: '0.1', price: '50000' }), btc, 60_000).valid).toBe(true);
  });

  it('says so when the market is not trading', () => {
    const check = checkTicket(fields({ amount: '0.01', price: '50000' }), { ...btc, active: false }, 60_000);
    expect(issuesOf(check.issues, 'symbol')).toEqual(['BTC/USDT is not trading on this venue now']);
    expect(check.valid).toBe(false);
  });
});

describe('helpers', () => {
  it('spends the quote to buy and the base to sell', () => {
    expect(spentAsset('buy', btc)).toBe('USDT');
    expect(spentAsset('sell', btc)).toBe('BTC');
  });

  it('writes the last price with the market decimals and no separators', () => {
    expect(priceText(60123.4, 2)).toBe('60123.40');
    expect(priceText(undefined, 2)).toBe('');
  });

  it('gives a share of the free balance rounded down to the amount step, leaving room for the fee when buying', () => {
    expect(amountForShare(1, 'sell', btc, 0.123456789, undefined)).toBe('0.12345');
    expect(amountForShare(0.5, 'buy', btc, 1_000, 50_000)).toBe('0.00999');
    expect(amountForShare(1, 'buy', btc, 1_000, undefined)).toBe('');
    expect(amountForShare(1, 'sell', btc, 0.000001, undefined)).toBe('');
  });

  it('never gives a share that costs more than the free balance', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 1e7, noNaN: true }),
        fc.double({ min: 0.01, max: 1e6, noNaN: true }),
        fc.constantFrom(0.25, 0.5, 0.75, 1),
        (free, price, share) => {
          const text = amountForShare(share, 'buy', btc, free, price);
          if (text === '') return;
          expect(Number(text) * price * 1.001).toBeLessThanOrEqual(free * share * (1 + 1e-12));
          expect(text.split('.')[1]?.length).toBe(5);
        },
      ),
    );
  });
});

describe('the ticket in Vietnamese', () => {
  afterEach(() => setLanguage('en'));

  it('reads 0,5 as half a coin and says what is wrong in Vietnamese', () => {
    setLanguage('vi');
    const check = checkTicket(fields({ amount: '0,5', price: '50.000,555' }), btc, 60_000);
    expect(check.draft).toMatchObject({ amount: 0.5, price: 50_000.555 });
    expect(issuesOf(check.issues, 'price')).toEqual(['giá thay đổi theo bước 0,01 USDT']);
    expect(issuesOf(checkTicket(fields({ amount: '1.000', price: '50000' }), btc, 60_000).issues, 'amount')[0]).toMatch(/hai cách: gõ 1000 .* hoặc 1,000/);
  });
});
