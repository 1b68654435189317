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
  let closedTrades = 0;
  let wins = 0;
  let losses = 0;
  let grossWin = 0;
  let grossLoss = 0;
  let realized = 0;
  let fees = 0;
  let unconverted = 0;
  for (const fill of fills) {
    const pnl = toCurrency(fill.pnl, fill.quote);
    const fee = toCurrency(fill.fee, fill.quote);
    if (pnl === undefined || fee === undefined) {
      unconverted += 1;
      continue;
    }
    realized += pnl;
    fees += fee;
    if (fill.closed <= 0) continue;
    closedTrades += 1;
    if (pnl > 0) {
      wins += 1;
      grossWin += pnl;
    } else if (pnl < 0) {
      losses += 1;
      grossLoss -= pnl;
    }
  }
  const { maxDrawdown, maxDrawdownPct } = drawdown(equity);
  return {
    trades: fills.length,
    closedTrades,
    wins,
    losses,
    winRate: closedTrades === 0 ? null : wins / closedTrades,
    averageWin: wins === 0 ? null : tidy(grossWin / wins),
    averageLoss: losses === 0 ? null : tidy(-grossLoss / losses),
    profitFactor: grossLoss === 0 ? null : tidy(grossWin / grossLoss),
    realized: tidy(realized),
    fees: tidy(fees),
    maxDrawdown: tidy(maxDrawdown),
    maxDrawdownPct,
    unconverted,
  };
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
