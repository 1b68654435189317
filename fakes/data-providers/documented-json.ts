// Bodies in each provider's documented shape (see the comment at the top of each provider file), used by the fake
// servers. Numbers are arbitrary but distinct per source so a test can tell who answered.

export const T0 = Date.UTC(2026, 10, 27, 12, 0, 0);

export const cmcQuote = (symbol: string, price: number, lastUpdated = new Date(T0).toISOString()) => ({
  status: { timestamp: lastUpdated, error_code: 0, error_message: null, elapsed: 12, credit_count: 1, notice: null },
  data: {
    [symbol]: [
      {
        id: 1,
        name: 'Bitcoin',
        symbol,
        slug: 'bitcoin',
        last_updated: lastUpdated,
        quote: { USD: { price, volume_24h: 1.5e10, percent_change_24h: 1.2, last_updated: lastUpdated } },
      },
    ],
  },
});

export const cmcError = (code: number, message: string) => ({
  status: { timestamp: new Date(T0).toISOString(), error_code: code, error_message: message, elapsed: 0, credit_count: 0 },
});

export const yahooChart = (symbol: string, price: number, bars: Array<[t: number, o: number | null, h: number | null, l: number | null, c: number | null, v: number | null]> = []) => ({
  chart: {
    result: [
      {
        meta: { currency: 'USD', symbol, regularMarketPrice: price, regularMarketTime: Math.floor(T0 / 1000), dataGranularity: '1m', range: '1d' },
        timestamp: bars.map((b) => Math.floor(b[0] / 1000)),
        indicators: {
          quote: [
            {
              open: bars.map((b) => b[1]),
              high: bars.map((b) => b[2]),
              low: bars.map((b) => b[3]),
              close: bars.map((b) => b[4]),
              volume: bars.map((b) => b[5]),
            },
          ],
        },
      },
    ],
    error: null,
  },
});

export const yahooError = { chart: { result: null, error: { code: 'Not Found', description: 'No data found, symbol may be delisted' } } };

export const avExchangeRate = (from: string, to: string, rate: number) => ({
  'Realtime Currency Exchange Rate': {
    '1. From_Currency Code': from,
    '2. From_Currency Name': 'Bitcoin',
    '3. To_Currency Code': to,
    '4. To_Currency Name': 'United States Dollar',
    '5. Exchange Rate': rate.toFixed(8),
    '6. Last Refreshed': '2026-11-27 12:00:00',
    '7. Time Zone': 'UTC',
    '8. Bid Price': (rate - 1).toFixed(8),
    '9. Ask Price': (rate + 1).toFixed(8),
  },
});

export const avNote = {
  Note: 'Thank you for using Alpha Vantage! Our standard API call frequency is 5 calls per minute and 25 calls per day. Please visit https://www.alphavantage.co/premium/ if you would like to target a higher API call frequency.',
};
export const avDailyInformation = {
  Information: 'We have detected your API key as DEMO and our standard API rate limit is 25 requests per day. Please subscribe to any of the premium plans at https://www.alphavantage.co/premium/ to instantly remove all daily rate limits.',
};
export const avErrorMessage = { 'Error Message': 'Invalid API call. Please retry or visit the documentation (https://www.alphavantage.co/documentation/) for CRYPTO_INTRADAY.' };

export const avIntraday = (interval: string, bars: Record<string, [string, string, string, string, string]>) => ({
  'Meta Data': {
    '1. Information': 'Crypto Intraday (5min) Time Series',
    '2. Digital Currency Code': 'BTC',
    '3. Digital Currency Name': 'Bitcoin',
    '4. Market Code': 'USD',
    '5. Market Name': 'United States Dollar',
    '6. Last Refreshed': '2026-11-27 12:00:00',
    '7. Interval': interval,
    '8. Output Size': 'Compact',
    '9. Time Zone': 'UTC',
  },
  [`Time Series Crypto (${interval})`]: Object.fromEntries(
    Object.entries(bars).map(([time, [o, h, l, c, v]]) => [time, { '1. open': o, '2. high': h, '3. low': l, '4. close': c, '5. volume': v }]),
  ),
});

export const polygonLastTrade = (pair: string, price: number) => ({
  last: { conditions: [1], exchange: 1, price, size: 0.0123, timestamp: T0 },
  request_id: 'd2d779df015fe2b7fbb8e58366610ef7',
  status: 'success',
  symbol: pair,
});

export const polygonAggs = (ticker: string, bars: Array<{ t: number; o: number; h: number; l: number; c: number; v: number }>) => ({
  ticker,
  queryCount: bars.length,
  resultsCount: bars.length,
  adjusted: true,
  results: bars.map((b) => ({ ...b, vw: b.c, n: 10 })),
  status: 'OK',
  request_id: '6a7e466379af0a71039d60cc78e72282',
  count: bars.length,
});

export const polygonError = (error: string) => ({ status: 'ERROR', request_id: 'a0b1c2d3', error });
export const polygonNotAuthorized = {
  status: 'NOT_AUTHORIZED',
  request_id: 'a0b1c2d4',
  message: "You are not entitled to this data. Please upgrade your plan at https://polygon.io/pricing",
};
