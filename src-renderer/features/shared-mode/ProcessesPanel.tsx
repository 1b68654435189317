// Shared mode (several processes on one Redis): a status line while Redis is unreachable and the processes seen,
// with their age. Shown only when the app runs in shared mode (or was refused it); ages are read again every few
// seconds, and a process silent for 15 s is left out by main.
import { useEffect, useState } from 'react';
import type { SharedModeStatus } from '../../../src-shared';
import { api } from '../../api';
import { useT } from '../../i18n';
import { processesPanelWords } from './processes-words';

const REFRESH_MS = 3_000;

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
  const words = processesPanelWords(status);
  if (!words) return null;
  return (
    <section className="processes-panel" aria-label={t('region')}>
      <h2>{t('region')}</h2>
      {words.problem && <p role="status">{words.problem}</p>}
      {words.unreachable && (
        <p role="alert" className="error-banner">
          {words.unreachable}
        </p>
      )}
      {words.rows.length > 0 && (
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
            {words.rows.map((row) => (
              <tr key={row.key} data-self={row.self || undefined}>
                <td>{row.name}</td>
                <td>{row.host}</td>
                <td>{row.role}</td>
                <td>{row.accounts}</td>
                <td>{row.version}</td>
                <td>{row.age}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
