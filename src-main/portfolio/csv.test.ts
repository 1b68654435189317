import { describe, expect, it } from 'vitest';
import { CsvWriter, TRADE_COLUMNS, tradeRow } from './csv';

describe('CSV export', () => {
  it('writes a header, ISO UTC times, plain decimals and a currency column per amount', () => {
    const csv = new CsvWriter(TRADE_COLUMNS);
    csv.row(tradeRow({ id: 't1', venue: 'binance', mode: 'live', symbol: 'BTC/USDT', side: 'buy', amount: 0.1, price: 60_000.5, fee: 0.0001, feeAsset: 'BNB', timestamp: Date.UTC(2026, 0, 2, 3, 4, 5, 6) }));
    // 0.1 × 60,000.5 = 6000.05 (not 6000.050000000001).
    expect(csv.toString()).toBe(
      'time_utc,venue,mode,symbol,side,amount,amount_currency,price,price_currency,value,value_currency,fee,fee_currency,trade_id,client_order_id\r\n' +
        '2026-01-02T03:04:05.006Z,binance,live,BTC/USDT,buy,0.1,BTC,60000.5,USDT,6000.05,USDT,0.0001,BNB,t1,\r\n',
    );
    expect(csv.rows).toBe(1);
  });

  it('quotes commas and quotes, and never lets a spreadsheet run a formula', () => {
    const csv = new CsvWriter(['a', 'b']);
    csv.row(['x,"y"', '=HYPERLINK("z")']);
    expect(csv.toString().split('\r\n')[1]).toBe(`"x,""y""","'=HYPERLINK(""z"")"`);
  });
});
