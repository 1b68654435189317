// The Portfolio tab's tables: holdings per asset, positions with their P&L, statistics in total and per symbol.
import type { PerformanceStatistics, PortfolioPosition, PortfolioStatistics, PortfolioSummary } from '../../../src-shared';
import { age, amount, money, percent, ratio } from './portfolio-words';

export function HoldingsTable({ summary }: { summary: PortfolioSummary }) {
  const now = Date.now();
  return (
    <table className="orders-table" aria-label="Holdings">
      <thead>
        <tr>
          <th>Asset</th>
          <th>Venue</th>
          <th className="numeric">Amount</th>
          <th className="numeric">{`Value (${summary.currency})`}</th>
          <th>Rate</th>
        </tr>
      </thead>
      <tbody>
        {summary.holdings.map((h) => (
          <tr key={`${h.venue}|${h.mode}|${h.asset}`} data-asset={h.asset}>
            <td>{h.asset}</td>
            <td>{h.venue}</td>
            <td className="numeric">{amount(h.amount)}</td>
            <td className={h.value === null ? 'numeric unpriced' : 'numeric'}>{money(h.value, summary.currency)}</td>
            <td className="muted">{h.rateSource === null ? '' : `${h.rateSource} ${age(h.rateAt, now)}`.trim()}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function PositionsTable({ positions, currency }: { positions: PortfolioPosition[]; currency: string }) {
  return (
    <table className="orders-table" aria-label="Portfolio positions">
      <thead>
        <tr>
          <th>Symbol</th>
          <th>Venue</th>
          <th className="numeric">Quantity</th>
          <th className="numeric">Average cost</th>
          <th className="numeric">Last</th>
          <th className="numeric">Unrealized</th>
          <th className="numeric">Realized</th>
          <th className="numeric">Fees</th>
          <th className="numeric">{`Realized (${currency})`}</th>
        </tr>
      </thead>
      <tbody>
        {positions.map((p) => (
          <tr key={`${p.venue}|${p.mode}|${p.symbol}`} data-symbol={p.symbol}>
            <td>{p.symbol}</td>
            <td>{p.venue}</td>
            <td className="numeric">{amount(p.quantity)}</td>
            <td className="numeric">{p.quantity === 0 ? '—' : money(p.averagePrice, p.quote)}</td>
            <td className="numeric">{money(p.mark, p.quote)}</td>
            <td className="numeric">{money(p.unrealized, p.quote)}</td>
            <td className="numeric" data-value={p.realized}>{money(p.realized, p.quote)}</td>
            <td className="numeric">{money(p.fees, p.quote)}</td>
            <td className="numeric">{money(p.realizedInCurrency, currency)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function StatsRow({ label, s, currency }: { label: string; s: PerformanceStatistics; currency: string }) {
  return (
    <tr data-row={label}>
      <th scope="row">{label}</th>
      <td className="numeric">{s.trades}</td>
      <td className="numeric">{s.closedTrades}</td>
      <td className="numeric">{percent(s.winRate)}</td>
      <td className="numeric">{s.averageWin === null ? '—' : money(s.averageWin, currency)}</td>
      <td className="numeric">{s.averageLoss === null ? '—' : money(s.averageLoss, currency)}</td>
      <td className="numeric">{ratio(s.profitFactor)}</td>
      <td className="numeric">{money(s.realized, currency)}</td>
      <td className="numeric">{money(s.fees, currency)}</td>
      <td className="numeric">{`${money(s.maxDrawdown, currency)}${s.maxDrawdownPct === null ? '' : ` (${percent(s.maxDrawdownPct)})`}`}</td>
    </tr>
  );
}

export function StatisticsTable({ stats }: { stats: PortfolioStatistics }) {
  return (
    <table className="orders-table portfolio-stats" aria-label="Statistics">
      <thead>
        <tr>
          <th />
          <th className="numeric">Trades</th>
          <th className="numeric">Closed</th>
          <th className="numeric">Win rate</th>
          <th className="numeric">Avg win</th>
          <th className="numeric">Avg loss</th>
          <th className="numeric">Profit factor</th>
          <th className="numeric">Realized</th>
          <th className="numeric">Fees</th>
          <th className="numeric">Max drawdown</th>
        </tr>
      </thead>
      <tbody>
        <StatsRow label="Total" s={stats.total} currency={stats.currency} />
        {stats.perSymbol.map((s) => (
          <StatsRow key={s.symbol} label={s.symbol} s={s} currency={stats.currency} />
        ))}
      </tbody>
    </table>
  );
}
