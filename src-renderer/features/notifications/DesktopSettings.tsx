// Desktop notifications: on or off, and the browser's permission to show them outside the page. Without that
// permission they appear as toasts inside the app.
import { useState } from 'react';
import { api } from '../../api';
import { errorMessage } from '../../format/error-message';
import { useT } from '../../i18n';
import { useNotifications } from './notifications-store';

type Permission = NotificationPermission | 'unsupported';

const currentPermission = (): Permission => ('Notification' in window ? Notification.permission : 'unsupported');

export function DesktopSettings({ enabled }: { enabled: boolean }) {
  const update = useNotifications((state) => state.update);
  const test = useNotifications((state) => state.test);
  const [permission, setPermission] = useState<Permission>(currentPermission);
  const [error, setError] = useState<string>();
  const { t } = useT('notifications');

  const toggle = async (next: boolean) => setError(await update(api, { desktop: { enabled: next } }));
  const allow = async () => setPermission(await Notification.requestPermission());

  return (
    <section className="notification-channel" aria-labelledby="desktop-heading">
      <h2 id="desktop-heading">{t('desktop.heading')}</h2>
      <label className="checkbox">
        <input type="checkbox" checked={enabled} onChange={(e) => void toggle(e.target.checked)} />
        {t('desktop.show')}
      </label>
      <p className="hint">{t(`desktop.permission.${permission}`)}</p>
      <div className="account-actions">
        {permission === 'default' && (
          <button type="button" onClick={() => void allow()}>
            {t('desktop.allow')}
          </button>
        )}
        <button type="button" onClick={() =>
            void test(api, 'desktop').then(
              () => setError(undefined),
              // e.g. RATE_LIMITED: "Desktop: at most 5 test messages a minute; the next is allowed in 42 s"
              (e: unknown) => setError(errorMessage(e)),
            )
          }>
          {t('desktop.test')}
        </button>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
