// Shared mode (several processes on one Redis): a status line while Redis is unreachable and the processes seen,
// with their age. Shown only when the app runs in shared mode (or was refused it); ages are read again every few
// seconds, and a process silent for 15 s is left out by main.
import { useEffect, useState } from 'react';
import type { SharedModeStatus } from '../../../src-shared';
import { api } from '../../api';
import { clockTime } from '../../format/time';
import { t as translate, useT } from '../../i18n';

const REFRESH_MS = 3_000;

const age = (ms: number) =>
  ms < 60_000 ? translate('sharedMode:seconds', { s: Math.round(ms / 1000) }) : translate('sharedMode:minutes', { m: Math.round(ms / 60_000) });

export function ProcessesPanel() {
  const [status, setStatus] = useState<SharedModeStatus | undefined>();
  const { t } = useT('sharedMode');
  useEffect(() => {
    let live = true;
    const load = () =>
      void api.call('shared:status', {}).then(
        (next) => live && setStatus(next),
        () => undefined,
      );
    load();
    const timer = setInterval(load, REFRESH_MS);
    const off = api.on('shared.status', (next) => setStatus(next));
    return () => {
      live = false;
      clearInterval(timer);
      off();
    };
  }, []);
  if (!status || (!status.enabled && status.problem === undefined)) return null;
  return (
    <section className="processes-panel" aria-label={t('region')}>
      <h2>{t('region')}</h2>
      {status.problem && <p role="status">{t('off', { problem: status.problem })}</p>}
      {status.unreachableSince !== undefined && (
        <p role="alert" className="error-banner">
          {t('unreachable', { time: clockTime(status.unreachableSince) })}
          {status.outboxBacklog > 0 ? t('waiting', { count: status.outboxBacklog }) : ''}
        </p>
      )}
      {status.processes.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>{t('columns.name')}</th>
              <th>{t('columns.host')}</th>
              <th>{t('columns.role')}</th>
              <th>{t('columns.accounts')}</th>
              <th>{t('columns.version')}</th>
              <th>{t('columns.age')}</th>
            </tr>
          </thead>
          <tbody>
            {status.processes.map((p) => (
              <tr key={p.id} data-self={p.self || undefined}>
                <td>{p.self ? t('thisOne', { name: p.name }) : p.name}</td>
                <td>{p.host}</td>
                <td>{p.role}</td>
                <td>{p.accounts.join(', ') || '—'}</td>
                <td>{p.version}</td>
                <td>{age(p.ageMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
