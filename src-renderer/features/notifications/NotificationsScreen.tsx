// Notification settings: their own screen (UI.md). Channels and their credentials, which types go where, quiet
// hours, and the delivery log with failures explained.
import { useEffect } from 'react';
import { api } from '../../api';
import { useT } from '../../i18n';
import { SecretsNotice } from '../secrets/SecretsNotice';
import { useSecrets } from '../secrets/secrets-store';
import { ScreenHeader } from '../top-bar/ScreenHeader';
import { ChannelLanguages } from './ChannelLanguages';
import { DeliveryLog } from './DeliveryLog';
import { DesktopSettings } from './DesktopSettings';
import { EmailSettings } from './EmailSettings';
import { QuietHoursForm } from './QuietHoursForm';
import { RoutingMatrix } from './RoutingMatrix';
import { SmsSettings } from './SmsSettings';
import { Toasts } from './Toasts';
import { useNotifications } from './notifications-store';

export function NotificationsScreen({ onBack }: { onBack: () => void }) {
  const { settings, error, load } = useNotifications();
  // Again once the keys are unlocked: whether each secret is set is known only then.
  const unlocks = useSecrets((state) => state.unlocks);
  const { t } = useT('notifications');
  useEffect(() => {
    void load(api);
  }, [load, unlocks]);

  return (
    <div className="app">
      <ScreenHeader title={t('screen.title')} onBack={onBack} />
      <main className="notifications-screen">
        <SecretsNotice />
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        {!settings ? (
          // A failed load says why (above) instead of loading forever.
          !error && (
            <p className="empty" role="status">
              {t('screen.loading')}
            </p>
          )
        ) : (
          <>
            <div className="notification-channels">
              <DesktopSettings enabled={settings.desktop.enabled} />
              <EmailSettings settings={settings.email} />
              <SmsSettings settings={settings.sms} />
            </div>
            <ChannelLanguages languages={settings.languages} />
            <RoutingMatrix routing={settings.routing} />
            <QuietHoursForm quietHours={settings.quietHours} />
            <section className="notification-log" aria-labelledby="log-heading">
              <h2 id="log-heading">{t('screen.logHeading')}</h2>
              <DeliveryLog />
            </section>
          </>
        )}
      </main>
      <Toasts />
    </div>
  );
}
