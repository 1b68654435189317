// The in-app sign that an alert fired, from `alert.triggered` (pushed to every window): a banner at the top of the
// screen that a screen reader announces at once (role=alert) and that stays until dismissed or a minute has passed.
import { useEffect, useState } from 'react';
import type { AlertTriggered } from '../../../src-shared';
import { api } from '../../api';
import { formatNumber } from '../../format/numbers';
import { useT } from '../../i18n';
import { firedAt, firingText } from './alert-words';

const SHOWN_MS = 60_000;
const MAX_SHOWN = 3;

interface Shown extends AlertTriggered {
  key: number;
}

let nextKey = 1;

export function AlertBanner() {
  const [shown, setShown] = useState<Shown[]>([]);
  const { t } = useT('alerts');
  const dismiss = (key: number): void => setShown((current) => current.filter((each) => each.key !== key));

  useEffect(() => {
    const timers = new Set<ReturnType<typeof setTimeout>>();
    const stop = api.on('alert.triggered', (alert) => {
      const entry = { ...alert, key: nextKey++ };
      setShown((current) => [...current, entry].slice(-MAX_SHOWN));
      const timer = setTimeout(() => {
        timers.delete(timer);
        dismiss(entry.key);
      }, SHOWN_MS);
      timers.add(timer);
    });
    return () => {
      stop();
      for (const timer of timers) clearTimeout(timer);
    };
  }, []);

  if (shown.length === 0) return null;
  return (
    <div className="alert-banners">
      {shown.map((alert) => {
        const rule = firingText(alert);
        const price = formatNumber(alert.price, 8);
        return (
        <div key={alert.key} className="alert-banner" role="alert" aria-label={t('banner.label', { rule })}>
          <strong>{t('banner.title', { rule })}</strong>
          <span>
            {alert.venue === 'demo' ? t('banner.demo') : ''}
            {alert.offline
              ? // Found in the bars fetched after the feed came back: the price went there between these times.
                t('banner.reachedWhileDown', { price, from: firedAt(alert.offline.from), to: firedAt(alert.offline.to) })
              : t('banner.priceAt', { price, time: firedAt(alert.at) })}
          </span>
          <button type="button" aria-label={t('banner.dismiss', { rule })} onClick={() => dismiss(alert.key)}>
            ×
          </button>
        </div>
        );
      })}
    </div>
  );
}
