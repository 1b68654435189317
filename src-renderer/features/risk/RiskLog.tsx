// Every refusal, warning and kill-switch engagement with its reason, newest first; refreshed as they happen.
import { useCallback, useEffect, useState } from 'react';
import type { RiskLogEntry } from '../../../src-shared';
import { api } from '../../api';
import { errorMessage } from '../../format/error-message';
import { isoDateTime } from '../../format/time';

const KIND_WORDS: Record<RiskLogEntry['kind'], string> = {
  refused: 'Refused',
  warning: 'Warning',
  exceeded: 'Limit reached',
  'kill-switch-engaged': 'Kill switch engaged',
  'kill-switch-released': 'Kill switch released',
  'kill-switch-report': 'Kill switch result',
  'limits-changed': 'Limits saved',
  'dead-man-report': 'Dead-man countdown',
  'caught-up': 'Back online',
};

export function RiskLog() {
  const [entries, setEntries] = useState<RiskLogEntry[]>();
  const [error, setError] = useState<string>();
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

  if (error) return <p className="form-error" role="alert">{`The risk log could not be read: ${error}`}</p>;
  if (!entries) return <p className="empty" role="status">Loading the risk log…</p>;
  if (entries.length === 0) return <p className="empty">Nothing yet: refusals, warnings and kill-switch use will be listed here.</p>;
  return (
    <table className="risk-log" aria-label="Risk log">
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">What</th>
          <th scope="col">Details</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr key={entry.id}>
            <td className="numeric">{isoDateTime(entry.at)}</td>
            <td>{KIND_WORDS[entry.kind]}</td>
            <td>{entry.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
