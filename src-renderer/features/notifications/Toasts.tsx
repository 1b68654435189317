// Desktop notifications in the browser: the system's Notification when the trader allowed it, otherwise a toast in
// the app. Toasts sit in a polite live region, so a screen reader announces them without interrupting.
import { useEffect, useState } from 'react';
import type { NotificationShown } from '../../../src-shared';
import { api } from '../../api';
import { useT } from '../../i18n';

const TOAST_MS = 10_000;
const MAX_TOASTS = 4;

interface Toast extends NotificationShown {
  key: number;
}

let nextKey = 1;

function showInBrowser(notification: NotificationShown): boolean {
  if (!('Notification' in window) || Notification.permission !== 'granted') return false;
  try {
    new Notification(notification.title, { body: notification.body, tag: `${notification.type}-${notification.at}` });
    return true;
  } catch {
    // Some browsers allow notifications only from a service worker: fall back to a toast.
    return false;
  }
}

export function Toasts() {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const { t } = useT('notifications');
  const dismiss = (key: number) => setToasts((current) => current.filter((toast) => toast.key !== key));

  useEffect(
    () =>
      api.on('notification.shown', (notification) => {
        if (showInBrowser(notification)) return;
        const toast = { ...notification, key: nextKey++ };
        setToasts((current) => [...current, toast].slice(-MAX_TOASTS));
        setTimeout(() => dismiss(toast.key), TOAST_MS);
      }),
    [],
  );

  return (
    <div className="toasts" role="status" aria-live="polite" aria-label={t('toasts.label')}>
      {toasts.map((toast) => (
        <div key={toast.key} className={`toast toast-${toast.type}`}>
          <strong>{toast.title}</strong>
          {toast.body && <span>{toast.body}</span>}
          <button type="button" aria-label={t('toasts.dismiss', { title: toast.title })} onClick={() => dismiss(toast.key)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
