// The Portfolio tab: what is held and what it is worth in the reporting currency, positions and P&L, the equity
// curve with its drawdown, statistics, and CSV downloads. Live, paper, demo and MT5 are never added together: the
// switch chooses one (live by default).
import { useState } from 'react';
import { EQUITY_RANGES, EXPORT_KINDS, PORTFOLIO_VIEWS, REPORTING_CURRENCIES, type EquityRange, type ExportKind, type PortfolioView, type ReportingCurrency } from '../../../src-shared';
import { api } from '../../api';
import { errorMessage } from '../../format/error-message';
import { useT } from '../../i18n';
import { EquityChart } from './EquityChart';
import { HoldingsTable, PositionsTable, StatisticsTable } from './portfolio-tables';
import { amount, money, viewLabel } from './portfolio-words';
import { usePortfolio } from './use-portfolio';

function download(filename: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function PortfolioPanel({ initialView = 'live' }: { initialView?: PortfolioView }) {
  const [view, setView] = useState<PortfolioView>(initialView);
  const [range, setRange] = useState<EquityRange>('1D');
  const [exporting, setExporting] = useState<ExportKind | undefined>(undefined);
  const [exportError, setExportError] = useState<string | undefined>(undefined);
  const { summary, positions, curve, stats, error, reload } = usePortfolio(view, range);
  const { t } = useT('portfolio');
  const currency = summary?.currency ?? 'USDT';

  const chooseCurrency = async (next: ReportingCurrency) => {
    try {
      await api.call('portfolio:update-settings', { currency: next });
      reload();
    } catch (failure) {
      setExportError(errorMessage(failure));
    }
  };

  const exportCsv = async (kind: ExportKind) => {
    setExporting(kind);
    setExportError(undefined);
    try {
      const file = await api.call('portfolio:export', { view, kind });
      download(file.filename, file.csv);
    } catch (failure) {
      setExportError(errorMessage(failure));
    } finally {
      setExporting(undefined);
    }
  };

  return (
    <div className="portfolio-panel">
      <div className="portfolio-bar">
        <div role="radiogroup" aria-label={t('whichMoney')} className="segmented">
          {PORTFOLIO_VIEWS.map((v) => (
            <button key={v} role="radio" aria-checked={v === view} className={v === view ? 'active' : ''} onClick={() => setView(v)}>
              {viewLabel(v)}
            </button>
          ))}
        </div>
        <label className="portfolio-currency">
          {t('currency')}
          <select value={currency} onChange={(event) => void chooseCurrency(event.target.value as ReportingCurrency)}>
            {REPORTING_CURRENCIES.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <div className="portfolio-downloads">
          {EXPORT_KINDS.map((kind) => (
            <button key={kind} onClick={() => void exportCsv(kind)} disabled={exporting !== undefined} aria-busy={exporting === kind}>
              {t(`download.${kind}`)}
            </button>
          ))}
        </div>
      </div>
      {error && <p role="alert" className="error">{error}</p>}
      {exportError && <p role="alert" className="error">{exportError}</p>}
      {summary && (
        <dl className="portfolio-totals" aria-label={t('totals.label')}>
          <div>
            <dt>{t('totals.equity')}</dt>
            <dd data-testid="portfolio-equity">{money(summary.equity, currency)}</dd>
          </div>
          <div>
            <dt>{t('totals.realized')}</dt>
            <dd data-testid="portfolio-realized" data-value={summary.realized}>{money(summary.realized, currency)}</dd>
          </div>
          <div>
            <dt>{t('totals.unrealized')}</dt>
            <dd data-testid="portfolio-unrealized">{money(summary.unrealized, currency)}</dd>
          </div>
          <div>
            <dt>{t('totals.fees')}</dt>
            <dd>{money(summary.fees, currency)}</dd>
          </div>
          <div>
            <dt>{t('totals.depositsWithdrawals')}</dt>
            <dd>{`${money(summary.deposits, currency)} / ${money(summary.withdrawals, currency)}`}</dd>
          </div>
          {summary.unpriced.length > 0 && (
            <div className="unpriced">
              <dt>{t('totals.notPriced')}</dt>
              <dd data-testid="portfolio-unpriced">{t('totals.notInTotal', { holdings: summary.unpriced.map((h) => `${amount(h.amount)} ${h.asset}`).join(', ') })}</dd>
            </div>
          )}
        </dl>
      )}
      {summary && summary.holdings.length === 0 && positions.length === 0 && (
        <p className="empty">{t('empty', { view: viewLabel(view) })}</p>
      )}
      <div className="portfolio-grid">
        <section aria-label={t('curve.label')} className="portfolio-curve">
          <div role="group" aria-label={t('curve.range')} className="segmented">
            {EQUITY_RANGES.map((r) => (
              <button key={r} aria-pressed={r === range} className={r === range ? 'active' : ''} onClick={() => setRange(r)}>
                {r === 'all' ? t('curve.all') : r}
              </button>
            ))}
          </div>
          <EquityChart curve={curve} />
        </section>
        {stats && <StatisticsTable stats={stats} />}
      </div>
      {summary && summary.holdings.length > 0 && <HoldingsTable summary={summary} />}
      {positions.length > 0 && <PositionsTable positions={positions} currency={currency} />}
    </div>
  );
}
