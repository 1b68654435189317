// SMS through Twilio: Account SID, the auth token write-only, sending and receiving numbers; a test button that
// saves the form, sends a test SMS and shows Twilio's answer. Changing the Account SID clears the saved auth token
// unless it is typed again here.
import type { NotificationSettings, SmsConfig } from '../../../src-shared';
import { api } from '../../api';
import { useT } from '../../i18n';
import { SecretField } from './SecretField';
import { TestResult } from './TestResult';
import { useNotifications } from './notifications-store';
import { useChannelForm } from './use-channel-form';

function toConfig(settings: NotificationSettings['sms']): SmsConfig {
  const { authTokenSet: _set, ...config } = settings;
  return config;
}

export function SmsSettings({ settings }: { settings: NotificationSettings['sms'] }) {
  const { setSecret, removeSecret } = useNotifications();
  const { t } = useT('notifications');
  const { form, setForm, text, pending, result, submit, sendTest, moved, retyped } = useChannelForm('sms', toConfig(settings), {
    secretField: 'twilioAuthToken',
    moves: (current) => settings.authTokenSet && current.accountSid.trim() !== settings.accountSid,
    // Twilio is always https://; its address is not a setting of this screen.
    plainText: () => undefined,
  });

  return (
    <section className="notification-channel" aria-labelledby="sms-heading">
      <h2 id="sms-heading">{t('sms.heading')}</h2>
      <form className="settings-form" aria-label={t('sms.form')} onSubmit={(e) => void submit(e)}>
        <label className="checkbox">
          <input type="checkbox" checked={form.enabled} onChange={(e) => setForm({ ...form, enabled: e.target.checked })} />
          {t('sms.enabled')}
        </label>
        <label htmlFor="sms-accountSid">{t('sms.accountSid')}</label>
        <input {...text('accountSid')} placeholder={t('sms.sidExample')} autoComplete="off" spellCheck={false} />
        <label htmlFor="sms-from">{t('sms.from')}</label>
        <input {...text('from')} type="tel" placeholder="+15005550006" />
        <label htmlFor="sms-to">{t('sms.to')}</label>
        <input {...text('to')} type="tel" placeholder="+14155550100" />
        {moved && (
          <>
            <p className="hint" id="sms-moved-note">
              {t('sms.moved')}
            </p>
            <label htmlFor="sms-token-again">{t('sms.tokenAgain')}</label>
            <input id="sms-token-again" type="password" autoComplete="off" spellCheck={false} aria-describedby="sms-moved-note" {...retyped} />
          </>
        )}
        <div className="account-actions">
          <button type="submit" className="primary" disabled={pending !== undefined}>
            {pending === 'saving' ? t('sms.saving') : t('sms.save')}
          </button>
          <button type="button" onClick={() => void sendTest()} disabled={pending !== undefined}>
            {pending === 'testing' ? t('sms.sending') : t('sms.sendTest')}
          </button>
        </div>
      </form>
      <SecretField
        id="sms-token"
        label={t('sms.token')}
        inSentence={t('sms.tokenInSentence')}
        isSet={settings.authTokenSet}
        onSave={(value) => setSecret(api, 'twilio-auth-token', value)}
        onRemove={() => removeSecret(api, 'twilio-auth-token')}
      />
      <TestResult result={result} what={t('sms.testWhat')} />
    </section>
  );
}
