// Shared mode (several processes on one Redis): a status line while Redis is unreachable and the processes seen,
// with their age. Shown only when the app runs in shared mode (or was refused it); ages are read again every few
// seconds, and a process silent for 15 s is left out by main.
import { useEffect, useState } from 'react';
import type { SharedModeStatus } from '../../../src-shared';
import { api } from '../../api';
import { clockTime } from '../../format/time';

const REFRESH_MS = 3_000;

const age = (ms: number) => (ms < 60_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`);

export function ProcessesPanel() {
  const [status, setStatus] = useState<SharedModeStatus | undefined>();
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
    <section className="processes-panel" aria-label="Processes">
      <h2>Processes</h2>
      {status.problem && <p role="status">shared mode off: {status.problem}</p>}
      {status.unreachableSince !== undefined && (
        <p role="alert" className="error-banner">
          shared mode: Redis unreachable since {clockTime(status.unreachableSince)}
          {status.outboxBacklog > 0 ? ` (${status.outboxBacklog} events waiting)` : ''}
        </p>
      )}
      {status.processes.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>Name</th>
              <th>Host</th>
              <th>Role</th>
              <th>Accounts</th>
              <th>Version</th>
              <th>Age</th>
            </tr>
          </thead>
          <tbody>
            {status.processes.map((p) => (
              <tr key={p.id} data-self={p.self || undefined}>
                <td>{p.self ? `${p.name} (this one)` : p.name}</td>
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
