// Every refusal, warning and kill-switch engagement with its reason, newest first; refreshed as they happen.
import { useCallback, useEffect, useState } from 'react';
import type { RiskLogEntry } from '../../../src-shared';
import { api } from '../../api';
import { errorMessage } from '../../format/error-message';
import { isoDateTime } from '../../format/time';
import { useT } from '../../i18n';

export function RiskLog() {
  const [entries, setEntries] = useState<RiskLogEntry[]>();
  const [error, setError] = useState<string>();
  const { t } = useT('risk');
  const load = useCallback(() => {
    api.call('risk:log', { limit: 200 }).then(
      (list) => {
        setEntries(list);
        setError(undefined);
      },
      (e: unknown) => setError(errorMessage(e)),
    );
  }, []);
  useEffect(() => {
    load();
    const offs = [api.on('risk.limit.exceeded', load), api.on('risk.limit.warning', load), api.on('risk.kill-switch.changed', load)];
    return () => offs.forEach((off) => off());
  }, [load]);

  if (error) return <p className="form-error" role="alert">{t('log.couldNotRead', { error })}</p>;
  if (!entries) return <p className="empty" role="status">{t('log.loading')}</p>;
  if (entries.length === 0) return <p className="empty">{t('log.empty')}</p>;
  return (
    <table className="risk-log" aria-label={t('screen.log')}>
      <thead>
        <tr>
          <th scope="col">{t('log.time')}</th>
          <th scope="col">{t('log.what')}</th>
          <th scope="col">{t('log.details')}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr key={entry.id}>
            <td className="numeric">{isoDateTime(entry.at)}</td>
            <td>{t(`log.kinds.${entry.kind as RiskLogEntry['kind']}`)}</td>
            <td>{entry.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
