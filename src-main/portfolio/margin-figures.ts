// The mt5 view's figures from the margin accounts' own (see margin.ts): the same shapes as a spot view's, so the
// Portfolio tab, the push and the equity snapshots need no special case. Amounts of a position are in its account's
// currency, which its `quote` names.
import type { PortfolioPosition, PortfolioSummary, PortfolioView } from '../../src-shared';
import { Converter, valuationFigures } from './figures';
import { tidy } from './holdings';
import type { PositionState } from './ledger';
import type { MarginBook } from './margin';
import type { RateBook } from './rates';
import { valueHoldings, type Valuation } from './valuation';
import { baseOf } from './views';

export class MarginFigures extends Converter {
  constructor(
    private readonly book: MarginBook,
    rates: RateBook,
    view: PortfolioView,
    currency: string,
  ) {
    super(rates, view, currency);
  }

  /** One line per login: its equity (balance and floating profit) in its currency. */
  valuation(): Valuation {
    const holdings = this.book.accounts().map((a) => ({
      venue: a.venue,
      mode: 'live' as const,
      asset: a.currency,
      amount: tidy(a.balance + a.positions.reduce((sum, p) => sum + p.profit + p.swap, 0)),
    }));
    return valueHoldings(holdings, this.currency, (from, to) => this.rates.rate(from, to, this.allow));
  }

  /** The ledger's positions: none, the terminal's are read instead. */
  positionStates(): PositionState[] {
    return [];
  }

  positions(): PortfolioPosition[] {
    return this.book.accounts().flatMap((account) =>
      account.positions.map((p) => {
        const done = this.book.dealsOf(p);
        const unrealized = tidy(p.profit + p.swap);
        const realizedInCurrency = this.convert(done.realized, p.currency);
        const unrealizedInCurrency = this.convert(unrealized, p.currency);
        return {
          venue: p.venue,
          mode: 'live' as const,
          symbol: p.symbol,
          base: baseOf(p.symbol),
          quote: p.currency,
          quantity: p.side === 'buy' ? p.volume : -p.volume,
          averagePrice: p.openPrice,
          mark: p.currentPrice ?? null,
          unrealized,
          realized: tidy(done.realized),
          realizedFifo: tidy(done.realized),
          fees: tidy(done.fees),
          openLots: 1,
          trades: done.deals,
          realizedInCurrency: realizedInCurrency === undefined ? null : tidy(realizedInCurrency),
          unrealizedInCurrency: unrealizedInCurrency === undefined ? null : tidy(unrealizedInCurrency),
        };
      }),
    );
  }

  summary(at: number): PortfolioSummary {
    const valuation = this.valuation();
    let realized = 0;
    let unrealized = 0;
    let fees = 0;
    let unconvertedCount = 0;
    const add = (amount: number, from: string, to: (value: number) => void) => {
      const value = this.convert(amount, from);
      if (value === undefined) unconvertedCount += 1;
      else to(value);
    };
    for (const fill of this.book.fills()) {
      add(fill.pnl, fill.quote, (v) => (realized += v));
      add(fill.fee, fill.quote, (v) => (fees += v));
    }
    for (const account of this.book.accounts()) {
      for (const p of account.positions) add(p.profit + p.swap, p.currency, (v) => (unrealized += v));
    }
    return {
      view: this.view,
      currency: this.currency,
      at,
      ...valuationFigures(valuation),
      realized: tidy(realized),
      unrealized: tidy(unrealized),
      fees: tidy(fees),
      unconvertedFees: [],
      // Deposits to a broker account are balance operations, not trading deals: not read yet.
      deposits: 0,
      withdrawals: 0,
      unconvertedCount,
    };
  }
}
