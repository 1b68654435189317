// One symbol's price from every source side by side, each with its age and pair, and each failing source with its
// reason in words. Polled: the aggregator caches per source, so a poll costs a rate-limited free tier nothing
// until the cache expires.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CompareResult, Symbol } from '../../../src-shared';
import { api } from '../../api';
import { formatPrice } from '../../format/numbers';
import { STALE_AFTER_MS, failureWords, formatAge } from './age';
import { errorMessage } from '../../format/error-message';
import { useT } from '../../i18n';

interface Props {
  symbol: Symbol;
  decimals: number;
  pollMs?: number;
  load?: (symbol: Symbol) => Promise<CompareResult>;
}

export function ComparisonPanel({ symbol, decimals, pollMs = 15_000, load = (s) => api.call('providers:compare', { symbol: s }) }: Props) {
  const [result, setResult] = useState<{ data: CompareResult; receivedAt: number } | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [pending, setPending] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const loadRef = useRef(load);
  loadRef.current = load;

  const refresh = useCallback(async () => {
    setPending(true);
    try {
      const data = await loadRef.current(symbol);
      setResult({ data, receivedAt: Date.now() });
      setError(undefined);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setPending(false);
    }
  }, [symbol]);

  useEffect(() => {
    setResult(undefined);
    void refresh();
    const poll = setInterval(() => void refresh(), pollMs);
    // Ages move every second between polls.
    const tick = setInterval(() => setNow(Date.now()), 1_000);
    return () => {
      clearInterval(poll);
      clearInterval(tick);
    };
  }, [refresh, pollMs]);

  const sinceReceived = result ? Math.max(0, now - result.receivedAt) : 0;
  const { t } = useT('marketData');
  return (
    <section className="comparison" aria-label={t('comparison.region')}>
      <header className="comparison-head">
        <h2>{t('comparison.title', { symbol })}</h2>
        <button type="button" onClick={() => void refresh()} disabled={pending} aria-busy={pending}>
          {pending ? t('comparison.refreshing') : t('comparison.refresh')}
        </button>
      </header>
      {error && <p role="alert" className="error-text">{t('comparison.couldNotCompare', { error })}</p>}
      {!result && !error && <p className="empty">{t('comparison.asking')}</p>}
      {result && result.data.rows.length === 0 && (
        <p className="empty">{t('comparison.noSource')}</p>
      )}
      {result && result.data.rows.length > 0 && (
        <table className="comparison-table">
          <thead>
            <tr>
              <th scope="col">{t('comparison.source')}</th>
              <th scope="col">{t('comparison.pair')}</th>
              <th scope="col" className="numeric">
                {t('comparison.price')}
              </th>
              <th scope="col" className="numeric">
                {t('comparison.age')}
              </th>
            </tr>
          </thead>
          <tbody>
            {result.data.rows.map((row) =>
              row.ok ? (
                <tr key={row.quote.provider} data-provider={row.quote.provider} data-status="ok">
                  <th scope="row">{row.quote.name}</th>
                  <td>{row.quote.pair}</td>
                  <td className="numeric">{formatPrice(row.quote.price, decimals)}</td>
                  <td className="numeric" data-stale={row.quote.ageMs + sinceReceived > STALE_AFTER_MS}>
                    {formatAge(row.quote.ageMs + sinceReceived)}
                  </td>
                </tr>
              ) : (
                <tr key={row.failure.provider} data-provider={row.failure.provider} data-status="failed">
                  <th scope="row">{row.failure.name}</th>
                  <td colSpan={3} className="failure-text">
                    {failureWords(row.failure.message, row.failure.retryAfterMs)}
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      )}
    </section>
  );
}
