// The delivery log: every notification on every channel with its outcome, the server's answer or why it failed.
// Used by the settings screen and the "Notifications log" tab; new deliveries arrive as `notification.logged`.
import { useEffect } from 'react';
import { api } from '../../api';
import { CHANNEL_WORDS, localTime, OUTCOME_WORDS, typeWords } from './delivery-words';
import { useNotifications } from './notifications-store';

export function useLiveDeliveryLog() {
  const { log, loadLog, logged } = useNotifications();
  useEffect(() => {
    void loadLog(api);
    return api.on('notification.logged', logged);
  }, [loadLog, logged]);
  return log;
}

export function DeliveryLog({ limit }: { limit?: number }) {
  const log = useLiveDeliveryLog();
  const rows = limit === undefined ? log : log.slice(0, limit);
  if (rows.length === 0) {
    return <p className="empty">No notification yet. Send a test from Notifications settings, or wait for a trade or an alert.</p>;
  }
  return (
    <table className="delivery-log" aria-label="Delivery log">
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Type</th>
          <th scope="col">Channel</th>
          <th scope="col">Outcome</th>
          <th scope="col">Subject</th>
          <th scope="col">Details</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((entry) => (
          <tr key={entry.id} className={`delivery-${entry.outcome}`}>
            <td className="delivery-time">{localTime(entry.at)}</td>
            <td>{typeWords(entry.type)}</td>
            <td>{CHANNEL_WORDS[entry.channel]}</td>
            <td>
              <span className={`badge outcome-${entry.outcome}`}>{OUTCOME_WORDS[entry.outcome]}</span>
              {entry.attempts > 1 && <span className="muted"> ({entry.attempts} attempts)</span>}
            </td>
            <td>{entry.subject}</td>
            <td className="delivery-detail">{entry.detail}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
