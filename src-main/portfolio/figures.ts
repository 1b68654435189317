// The portfolio's figures for one view, from the ledger, the holdings and the rates: what the summary, the positions
// table and the `portfolio.updated` push show. Everything in the reporting currency is converted at the current rate;
// an amount whose currency has no rate is counted as unconverted and left out, never added as if it were the same.
import type { PortfolioPosition, PortfolioSummary, PortfolioView } from '../../src-shared';
import { tidy, type Holdings, type Transfer } from './holdings';
import type { PositionLedger, PositionState } from './ledger';
import type { RateBook } from './rates';
import { valueHoldings, type Valuation } from './valuation';
import { priceSourceFor, viewOf } from './views';

export interface FigureSources {
  ledger: PositionLedger;
  holdings: Holdings;
  rates: RateBook;
  transfers: readonly Transfer[];
}

/** Amounts into the reporting currency at the current rates of the prices that may value a view. */
export class Converter {
  /** Rates found once per figures object: a statistics run converts every fill, in a few currencies. */
  private readonly rateCache = new Map<string, number | undefined>();
  protected readonly allow;

  constructor(
    protected readonly rates: RateBook,
    readonly view: PortfolioView,
    readonly currency: string,
  ) {
    this.allow = priceSourceFor(view);
  }

  convert(amount: number, from: string): number | undefined {
    if (amount === 0) return 0;
    if (!from) return undefined;
    let rate: number | undefined;
    if (this.rateCache.has(from)) rate = this.rateCache.get(from);
    else {
      rate = this.rates.rate(from, this.currency, this.allow)?.value;
      this.rateCache.set(from, rate);
    }
    return rate === undefined ? undefined : amount * rate;
  }

  /** An amount in the reporting currency as the screen shows it: null when it has no rate. */
  inCurrency(amount: number | undefined, from: string): number | null {
    const value = amount === undefined ? undefined : this.convert(amount, from);
    return value === undefined ? null : tidy(value);
  }

  /** Sums of P&L, fees and transfers in the reporting currency; what has no rate is counted, not added. */
  protected totals(): Totals {
    const totals = { realized: 0, unrealized: 0, fees: 0, deposits: 0, withdrawals: 0, unconvertedCount: 0 };
    const add = (field: keyof typeof totals, amount: number | undefined, from: string) => {
      const value = amount === undefined ? undefined : this.convert(amount, from);
      if (value === undefined) totals.unconvertedCount += 1;
      else if (field === 'deposits' && value < 0) totals.withdrawals -= value;
      else totals[field] += value;
    };
    const figures = () => ({
      realized: tidy(totals.realized),
      unrealized: tidy(totals.unrealized),
      fees: tidy(totals.fees),
      deposits: tidy(totals.deposits),
      withdrawals: tidy(totals.withdrawals),
      unconvertedCount: totals.unconvertedCount,
    });
    return { add, figures };
  }
}

type TotalField = 'realized' | 'unrealized' | 'fees' | 'deposits';

interface Totals {
  /** Adds an amount to one sum; a transfer goes to deposits, or to withdrawals when negative. */
  add(field: TotalField, amount: number | undefined, from: string): void;
  figures(): Pick<PortfolioSummary, 'realized' | 'unrealized' | 'fees' | 'deposits' | 'withdrawals' | 'unconvertedCount'>;
}

export class ViewFigures extends Converter {
  constructor(
    private readonly sources: FigureSources,
    view: PortfolioView,
    currency: string,
  ) {
    super(sources.rates, view, currency);
  }

  valuation(): Valuation {
    const holdings = this.sources.holdings.list((venue, mode) => viewOf(venue, mode) === this.view);
    return valueHoldings(holdings, this.currency, (from, to) => this.sources.rates.rate(from, to, this.allow));
  }

  positionStates(): PositionState[] {
    return this.sources.ledger.positions().filter((p) => viewOf(p.venue, p.mode) === this.view);
  }

  /** The position's last price: its own venue's first, else the best rate between its base and quote. */
  mark(position: PositionState): number | undefined {
    return this.sources.rates.price(position.venue, position.symbol) ?? this.sources.rates.rate(position.base, position.quote, this.allow)?.value;
  }

  unrealized(position: PositionState): number | undefined {
    if (position.quantity === 0) return 0;
    const mark = this.mark(position);
    return mark === undefined ? undefined : position.quantity * (mark - position.averagePrice) - position.openFees;
  }

  positions(): PortfolioPosition[] {
    const { ledger } = this.sources;
    return this.positionStates().map((p) => {
      const mark = this.mark(p);
      const unrealized = this.unrealized(p);
      return {
        venue: p.venue,
        mode: p.mode,
        symbol: p.symbol,
        base: p.base,
        quote: p.quote,
        quantity: tidy(p.quantity),
        averagePrice: tidy(p.averagePrice),
        mark: mark ?? null,
        unrealized: unrealized === undefined ? null : tidy(unrealized),
        realized: tidy(p.realized),
        realizedFifo: tidy(p.realizedFifo),
        fees: tidy(p.fees),
        openLots: ledger.lots(p.venue, p.mode, p.symbol).length,
        trades: p.trades,
        realizedInCurrency: this.inCurrency(p.realized, p.quote),
        unrealizedInCurrency: this.inCurrency(unrealized, p.quote),
      };
    });
  }

  summary(at: number): PortfolioSummary {
    const totals = this.totals();
    const unconvertedFees = new Map<string, number>();
    for (const p of this.positionStates()) {
      totals.add('realized', p.realized, p.quote);
      totals.add('unrealized', this.unrealized(p), p.quote);
      totals.add('fees', p.fees, p.quote);
      for (const [asset, amount] of Object.entries(p.unconvertedFees)) unconvertedFees.set(asset, (unconvertedFees.get(asset) ?? 0) + amount);
    }
    for (const t of this.sources.transfers) if (viewOf(t.venue, t.mode) === this.view) totals.add('deposits', t.amount, t.asset);
    return {
      view: this.view,
      currency: this.currency,
      at,
      ...valuationFigures(this.valuation()),
      ...totals.figures(),
      unconvertedFees: [...unconvertedFees].map(([asset, amount]) => ({ asset, amount: tidy(amount) })),
    };
  }
}

/** The summary's equity, holdings, unpriced amounts and accounts from a valuation (spot and margin views alike). */
export function valuationFigures(valuation: Valuation): Pick<PortfolioSummary, 'equity' | 'holdings' | 'unpriced' | 'accounts'> {
  const accounts = new Map<string, PortfolioSummary['accounts'][number]>();
  for (const h of valuation.holdings) {
    const key = `${h.venue}|${h.mode}`;
    const account = accounts.get(key) ?? { venue: h.venue, mode: h.mode, equity: 0, unpricedCount: 0 };
    if (h.value === undefined) account.unpricedCount += 1;
    else account.equity = tidy(account.equity + h.value);
    accounts.set(key, account);
  }
  return {
    equity: valuation.total,
    holdings: valuation.holdings.map((h) => ({
      venue: h.venue,
      mode: h.mode,
      asset: h.asset,
      amount: h.amount,
      value: h.value ?? null,
      rate: h.rate?.value ?? null,
      rateSource: h.rate?.source ?? null,
      rateAt: h.rate && Number.isFinite(h.rate.at) ? h.rate.at : null,
    })),
    unpriced: valuation.unpriced.map((h) => ({ venue: h.venue, asset: h.asset, amount: h.amount })),
    accounts: [...accounts.values()],
  };
}
