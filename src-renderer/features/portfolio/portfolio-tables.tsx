// The Portfolio tab's tables: holdings per asset, positions with their P&L, statistics in total and per symbol.
import type { PerformanceStatistics, PortfolioPosition, PortfolioStatistics, PortfolioSummary } from '../../../src-shared';
import { formatNumber } from '../../format/numbers';
import { useT } from '../../i18n';
import { age, amount, money, percent, ratio } from './portfolio-words';

export function HoldingsTable({ summary }: { summary: PortfolioSummary }) {
  const now = Date.now();
  const { t } = useT('portfolio');
  return (
    <table className="orders-table" aria-label={t('holdings.label')}>
      <thead>
        <tr>
          <th>{t('holdings.asset')}</th>
          <th>{t('holdings.venue')}</th>
          <th className="numeric">{t('holdings.amount')}</th>
          <th className="numeric">{t('holdings.value', { currency: summary.currency })}</th>
          <th>{t('holdings.rate')}</th>
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
  const { t } = useT('portfolio');
  return (
    <table className="orders-table" aria-label={t('positions.label')}>
      <thead>
        <tr>
          <th>{t('positions.symbol')}</th>
          <th>{t('positions.venue')}</th>
          <th className="numeric">{t('positions.quantity')}</th>
          <th className="numeric">{t('positions.averageCost')}</th>
          <th className="numeric">{t('positions.last')}</th>
          <th className="numeric">{t('positions.unrealized')}</th>
          <th className="numeric">{t('positions.realized')}</th>
          <th className="numeric">{t('positions.fees')}</th>
          <th className="numeric">{t('positions.realizedIn', { currency })}</th>
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

function StatsRow({ row, label, s, currency }: { row: string; label: string; s: PerformanceStatistics; currency: string }) {
  return (
    <tr data-row={row}>
      <th scope="row">{label}</th>
      <td className="numeric">{formatNumber(s.trades, 0)}</td>
      <td className="numeric">{formatNumber(s.closedTrades, 0)}</td>
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
  const { t } = useT('portfolio');
  return (
    <table className="orders-table portfolio-stats" aria-label={t('statistics.label')}>
      <thead>
        <tr>
          <th />
          <th className="numeric">{t('statistics.trades')}</th>
          <th className="numeric">{t('statistics.closed')}</th>
          <th className="numeric">{t('statistics.winRate')}</th>
          <th className="numeric">{t('statistics.avgWin')}</th>
          <th className="numeric">{t('statistics.avgLoss')}</th>
          <th className="numeric">{t('statistics.profitFactor')}</th>
          <th className="numeric">{t('statistics.realized')}</th>
          <th className="numeric">{t('statistics.fees')}</th>
          <th className="numeric">{t('statistics.maxDrawdown')}</th>
        </tr>
      </thead>
      <tbody>
        <StatsRow row="Total" label={t('statistics.total')} s={stats.total} currency={stats.currency} />
        {stats.perSymbol.map((s) => (
          <StatsRow key={s.symbol} row={s.symbol} label={s.symbol} s={s} currency={stats.currency} />
        ))}
      </tbody>
    </table>
  );
}
