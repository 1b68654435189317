// The instruments the simulated trade server offers, with the properties MT5 reports for them. Sessions are in
// seconds since the server's midnight, per weekday (0 = Sunday), as SymbolInfoSessionTrade gives them.

export interface SimSymbol {
  name: string;
  description: string;
  digits: number;
  contractSize: number;
  volumeMin: number;
  volumeMax: number;
  volumeStep: number;
  /** Minimum distance of stops and pending prices from the market, in points. */
  stopsLevel: number;
  tradeMode: 'disabled' | 'long_only' | 'short_only' | 'close_only' | 'full';
  fillingModes: Array<'fok' | 'ioc' | 'return'>;
  currencyBase: string;
  currencyProfit: string;
  currencyMargin: string;
  sessions: Array<{ day: number; from: number; to: number }>;
  /** Starting quote. */
  bid: number;
  spread: number;
}

const weekdays = (from: number, to: number) => [1, 2, 3, 4, 5].map((day) => ({ day, from, to }));

export const SIM_SYMBOLS: readonly SimSymbol[] = [
  {
    name: 'EURUSD', description: 'Euro vs US Dollar', digits: 5, contractSize: 100_000, volumeMin: 0.01, volumeMax: 100, volumeStep: 0.01,
    stopsLevel: 10, tradeMode: 'full', fillingModes: ['fok', 'ioc'], currencyBase: 'EUR', currencyProfit: 'USD', currencyMargin: 'EUR',
    sessions: weekdays(0, 86_400), bid: 1.08199, spread: 0.00002,
  },
  {
    name: 'XAUUSD', description: 'Gold vs US Dollar', digits: 2, contractSize: 100, volumeMin: 0.01, volumeMax: 50, volumeStep: 0.01,
    stopsLevel: 50, tradeMode: 'full', fillingModes: ['fok', 'ioc'], currencyBase: 'XAU', currencyProfit: 'USD', currencyMargin: 'XAU',
    sessions: weekdays(3_600, 86_100), bid: 2_650.15, spread: 0.3,
  },
  {
    name: 'US500', description: 'US 500 Cash Index', digits: 1, contractSize: 1, volumeMin: 0.1, volumeMax: 500, volumeStep: 0.1,
    stopsLevel: 20, tradeMode: 'full', fillingModes: ['ioc'], currencyBase: 'USD', currencyProfit: 'USD', currencyMargin: 'USD',
    sessions: weekdays(3_600, 82_800), bid: 6_050.2, spread: 0.5,
  },
];

/** The same instruments trading every day around the clock: for a trade server on the real clock, whatever the weekday. */
export function alwaysOpen(symbols: readonly SimSymbol[] = SIM_SYMBOLS): SimSymbol[] {
  return symbols.map((symbol) => ({ ...symbol, sessions: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, from: 0, to: 86_400 })) }));
}
