// Email: the SMTP server, its security and login, sender and recipient; the password write-only; a test button that
// saves the form, sends a test email and shows the server's answer. Moving the server clears the saved password
// unless it is typed again here, and security "None" to another machine is saved only after a confirmation.
import { plainTextSmtpProblem, type EmailConfig, type EmailSecurity, type NotificationSettings } from '../../../src-shared';
import { api } from '../../api';
import { PlainTextConfirmDialog } from '../../components/PlainTextConfirmDialog';
import { useT } from '../../i18n';
import { SecretField } from './SecretField';
import { TestResult } from './TestResult';
import { useNotifications } from './notifications-store';
import { useChannelForm } from './use-channel-form';

/** Each security choice and its usual port; the label is notifications:email.securities.<value>. */
const SECURITY: Array<{ value: EmailSecurity; port: number }> = [
  { value: 'starttls', port: 587 },
  { value: 'tls', port: 465 },
  { value: 'none', port: 25 },
];

function toConfig(settings: NotificationSettings['email']): EmailConfig {
  const { passwordSet: _set, ...config } = settings;
  return config;
}

/** Whether the form sends the saved password to another login than the one it was saved for (as main compares). */
function movesPassword(form: EmailConfig, saved: NotificationSettings['email']): boolean {
  return (
    saved.passwordSet &&
    (form.host.trim().toLowerCase() !== saved.host.toLowerCase() ||
      form.port !== saved.port ||
      form.security !== saved.security ||
      form.user.trim() !== saved.user)
  );
}

export function EmailSettings({ settings }: { settings: NotificationSettings['email'] }) {
  const { setSecret, removeSecret } = useNotifications();
  const { t } = useT('notifications');
  const { form, setForm, text, pending, result, submit, sendTest, moved, retyped, plainText } = useChannelForm('email', toConfig(settings), {
    secretField: 'smtpPassword',
    moves: (current) => movesPassword(current, settings),
    plainText: (current) => plainTextSmtpProblem({ host: current.host.trim(), security: current.security }),
  });

  return (
    <section className="notification-channel" aria-labelledby="email-heading">
      <h2 id="email-heading">{t('email.heading')}</h2>
      <form className="settings-form" aria-label={t('email.form')} onSubmit={(e) => void submit(e)}>
        <label className="checkbox">
          <input type="checkbox" checked={form.enabled} onChange={(e) => setForm({ ...form, enabled: e.target.checked })} />
          {t('email.enabled')}
        </label>
        <label htmlFor="email-host">{t('email.server')}</label>
        <input {...text('host')} placeholder={t('email.hostExample')} autoComplete="off" />
        <label htmlFor="email-port">{t('email.port')}</label>
        <input
          id="email-port"
          type="number"
          min={1}
          max={65535}
          value={form.port}
          onChange={(e) => setForm({ ...form, port: Number(e.target.value) })}
        />
        <label htmlFor="email-security">{t('email.security')}</label>
        <select
          id="email-security"
          value={form.security}
          onChange={(e) => {
            const security = e.target.value as EmailSecurity;
            const usual = SECURITY.find((s) => s.value === security)!.port;
            // The usual port follows the security choice unless the trader typed another one.
            setForm({ ...form, security, port: SECURITY.some((s) => s.port === form.port) ? usual : form.port });
          }}
        >
          {SECURITY.map((s) => (
            <option key={s.value} value={s.value}>
              {t(`email.securities.${s.value}`)}
            </option>
          ))}
        </select>
        <label htmlFor="email-user">{t('email.user')}</label>
        <input {...text('user')} autoComplete="off" />
        <label htmlFor="email-from">{t('email.from')}</label>
        <input {...text('from')} type="email" placeholder={t('email.fromExample')} />
        <label htmlFor="email-to">{t('email.to')}</label>
        <input {...text('to')} type="email" placeholder={t('email.toExample')} />
        {moved && (
          <>
            <p className="hint" id="email-moved-note">
              {t('email.moved')}
            </p>
            <label htmlFor="email-password-again">{t('email.passwordAgain')}</label>
            <input id="email-password-again" type="password" autoComplete="off" spellCheck={false} aria-describedby="email-moved-note" {...retyped} />
          </>
        )}
        <div className="account-actions">
          <button type="submit" className="primary" disabled={pending !== undefined}>
            {pending === 'saving' ? t('email.saving') : t('email.save')}
          </button>
          <button type="button" onClick={() => void sendTest()} disabled={pending !== undefined}>
            {pending === 'testing' ? t('email.sending') : t('email.sendTest')}
          </button>
        </div>
      </form>
      <SecretField
        id="email-password"
        label={t('email.password')}
        inSentence={t('email.passwordInSentence')}
        isSet={settings.passwordSet}
        onSave={(value) => setSecret(api, 'smtp-password', value)}
        onRemove={() => removeSecret(api, 'smtp-password')}
      />
      <TestResult result={result} what={t('email.testWhat')} />
      <PlainTextConfirmDialog {...plainText} />
    </section>
  );
}
