// Performance figures over a set of fills and an equity curve, as a freqtrade user reads them in its profit summary.
// A closed trade is a fill that reduced a position; its result is net of its own fee and its share of the opening
// fees (see ledger.ts). Amounts are converted into the reporting currency with the rate given; a fill whose quote has
// no rate is counted in `unconverted` and left out of the sums rather than added as if it were the same currency.
import { tidy } from './holdings';
import type { FillResult } from './ledger';

export interface EquityPoint {
  at: number;
  equity: number;
}

export interface Statistics {
  trades: number;
  closedTrades: number;
  wins: number;
  losses: number;
  /** Share of closed trades that won, 0…1; null with no closed trade. */
  winRate: number | null;
  averageWin: number | null;
  averageLoss: number | null;
  /** Gross wins ÷ gross losses; null with no losing trade. */
  profitFactor: number | null;
  realized: number;
  fees: number;
  /** Largest fall from a peak of the equity curve, in the currency, and as a share of that peak. */
  maxDrawdown: number;
  maxDrawdownPct: number | null;
  /** Fills whose amounts had no rate into the currency. */
  unconverted: number;
}

export type ToCurrency = (amount: number, from: string) => number | undefined;

export function computeStatistics(fills: readonly FillResult[], equity: readonly EquityPoint[], toCurrency: ToCurrency): Statistics {
  const tally = new StatisticsTally(toCurrency);
  for (const fill of fills) tally.add(fill);
  return tally.result(equity);
}

/** The same figures gathered one fill at a time, so that one pass over a long history fills several tallies at once. */
export class StatisticsTally {
  private trades = 0;
  private closedTrades = 0;
  private wins = 0;
  private losses = 0;
  private grossWin = 0;
  private grossLoss = 0;
  private realized = 0;
  private fees = 0;
  private unconverted = 0;

  constructor(private readonly toCurrency: ToCurrency) {}

  add(fill: FillResult): void {
    this.trades += 1;
    const pnl = this.toCurrency(fill.pnl, fill.quote);
    const fee = this.toCurrency(fill.fee, fill.quote);
    if (pnl === undefined || fee === undefined) {
      this.unconverted += 1;
      return;
    }
    this.realized += pnl;
    this.fees += fee;
    if (fill.closed <= 0) return;
    this.closedTrades += 1;
    if (pnl > 0) {
      this.wins += 1;
      this.grossWin += pnl;
    } else if (pnl < 0) {
      this.losses += 1;
      this.grossLoss -= pnl;
    }
  }

  result(equity: readonly EquityPoint[]): Statistics {
    const { closedTrades, wins, losses, grossWin, grossLoss } = this;
    const { maxDrawdown, maxDrawdownPct } = drawdown(equity);
    return {
      trades: this.trades,
      closedTrades,
      wins,
      losses,
      winRate: closedTrades === 0 ? null : wins / closedTrades,
      averageWin: wins === 0 ? null : tidy(grossWin / wins),
      averageLoss: losses === 0 ? null : tidy(-grossLoss / losses),
      profitFactor: grossLoss === 0 ? null : tidy(grossWin / grossLoss),
      realized: tidy(this.realized),
      fees: tidy(this.fees),
      maxDrawdown: tidy(maxDrawdown),
      maxDrawdownPct,
      unconverted: this.unconverted,
    };
  }
}

/** The drawdown under each point of an equity curve (0 at a new peak, negative below one). */
export function drawdownSeries(equity: readonly EquityPoint[]): EquityPoint[] {
  let peak = Number.NEGATIVE_INFINITY;
  return equity.map((point) => {
    peak = Math.max(peak, point.equity);
    return { at: point.at, equity: tidy(point.equity - peak) };
  });
}

function drawdown(equity: readonly EquityPoint[]): { maxDrawdown: number; maxDrawdownPct: number | null } {
  let peak = Number.NEGATIVE_INFINITY;
  let maxDrawdown = 0;
  let maxDrawdownPct: number | null = null;
  for (const point of equity) {
    peak = Math.max(peak, point.equity);
    const fall = peak - point.equity;
    if (fall > maxDrawdown) {
      maxDrawdown = fall;
      maxDrawdownPct = peak > 0 ? fall / peak : null;
    }
  }
  return { maxDrawdown, maxDrawdownPct };
}
