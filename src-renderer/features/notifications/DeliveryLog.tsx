// The delivery log: every notification on every channel with its outcome, the server's answer or why it failed.
// Used by the settings screen and the "Notifications log" tab; new deliveries arrive as `notification.logged`.
import { useEffect } from 'react';
import { api } from '../../api';
import { useT } from '../../i18n';
import { channelWords, localTime, outcomeWords, typeWords } from './delivery-words';
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
  const { t } = useT('notifications');
  if (rows.length === 0) {
    return <p className="empty">{t('log.empty')}</p>;
  }
  return (
    <table className="delivery-log" aria-label={t('log.label')}>
      <thead>
        <tr>
          <th scope="col">{t('log.time')}</th>
          <th scope="col">{t('log.type')}</th>
          <th scope="col">{t('log.channel')}</th>
          <th scope="col">{t('log.outcome')}</th>
          <th scope="col">{t('log.subject')}</th>
          <th scope="col">{t('log.details')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((entry) => (
          <tr key={entry.id} className={`delivery-${entry.outcome}`}>
            <td className="delivery-time">{localTime(entry.at)}</td>
            <td>{typeWords(entry.type)}</td>
            <td>{channelWords(entry.channel)}</td>
            <td>
              <span className={`badge outcome-${entry.outcome}`}>{outcomeWords(entry.outcome)}</span>
              {entry.attempts > 1 && <span className="muted">{t('log.attempts', { count: entry.attempts })}</span>}
            </td>
            <td>{entry.subject}</td>
            <td className="delivery-detail">{entry.detail}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
