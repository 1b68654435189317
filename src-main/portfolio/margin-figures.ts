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
          realizedInCurrency: this.inCurrency(done.realized, p.currency),
          unrealizedInCurrency: this.inCurrency(unrealized, p.currency),
        };
      }),
    );
  }

  summary(at: number): PortfolioSummary {
    const totals = this.totals();
    for (const fill of this.book.fills()) {
      totals.add('realized', fill.pnl, fill.quote);
      totals.add('fees', fill.fee, fill.quote);
    }
    for (const account of this.book.accounts()) {
      for (const p of account.positions) totals.add('unrealized', p.profit + p.swap, p.currency);
    }
    // Deposits to a broker account are balance operations, not trading deals: not read yet, so none are added.
    return { view: this.view, currency: this.currency, at, ...valuationFigures(this.valuation()), ...totals.figures(), unconvertedFees: [] };
  }
}
