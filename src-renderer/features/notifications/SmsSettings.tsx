// SMS through Twilio: Account SID, the auth token write-only, sending and receiving numbers; a test button that
// saves the form, sends a test SMS and shows Twilio's answer. Changing the Account SID clears the saved auth token
// unless it is typed again here.
import type { NotificationSettings, SmsConfig } from '../../../src-shared';
import { api } from '../../api';
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
  const { form, setForm, text, pending, result, submit, sendTest, moved, retyped } = useChannelForm('sms', toConfig(settings), {
    secretField: 'twilioAuthToken',
    moves: (current) => settings.authTokenSet && current.accountSid.trim() !== settings.accountSid,
    // Twilio is always https://; its address is not a setting of this screen.
    plainText: () => undefined,
  });

  return (
    <section className="notification-channel" aria-labelledby="sms-heading">
      <h2 id="sms-heading">SMS (Twilio)</h2>
      <form className="settings-form" aria-label="SMS settings" onSubmit={(e) => void submit(e)}>
        <label className="checkbox">
          <input type="checkbox" checked={form.enabled} onChange={(e) => setForm({ ...form, enabled: e.target.checked })} />
          Send notifications by SMS
        </label>
        <label htmlFor="sms-accountSid">Account SID</label>
        <input {...text('accountSid')} placeholder="AC…" autoComplete="off" spellCheck={false} />
        <label htmlFor="sms-from">From (your Twilio number)</label>
        <input {...text('from')} type="tel" placeholder="+15005550006" />
        <label htmlFor="sms-to">To (your phone)</label>
        <input {...text('to')} type="tel" placeholder="+14155550100" />
        {moved && (
          <>
            <p className="hint" id="sms-moved-note">
              Changing the Account SID clears the saved auth token: enter it again.
            </p>
            <label htmlFor="sms-token-again">Twilio auth token for this account</label>
            <input id="sms-token-again" type="password" autoComplete="off" spellCheck={false} aria-describedby="sms-moved-note" {...retyped} />
          </>
        )}
        <div className="account-actions">
          <button type="submit" className="primary" disabled={pending !== undefined}>
            {pending === 'saving' ? 'Saving…' : 'Save SMS settings'}
          </button>
          <button type="button" onClick={() => void sendTest()} disabled={pending !== undefined}>
            {pending === 'testing' ? 'Sending…' : 'Send test SMS'}
          </button>
        </div>
      </form>
      <SecretField
        id="sms-token"
        label="Twilio auth token"
        isSet={settings.authTokenSet}
        onSave={(value) => setSecret(api, 'twilio-auth-token', value)}
        onRemove={() => removeSecret(api, 'twilio-auth-token')}
      />
      <TestResult result={result} what="Test SMS" />
    </section>
  );
}
