// Email: the SMTP server, its security and login, sender and recipient; the password write-only; a test button that
// saves the form, sends a test email and shows the server's answer. Moving the server clears the saved password
// unless it is typed again here, and security "None" to another machine is saved only after a confirmation.
import { plainTextSmtpProblem, type EmailConfig, type EmailSecurity, type NotificationSettings } from '../../../src-shared';
import { api } from '../../api';
import { PlainTextConfirmDialog } from '../../components/PlainTextConfirmDialog';
import { SecretField } from './SecretField';
import { TestResult } from './TestResult';
import { useNotifications } from './notifications-store';
import { useChannelForm } from './use-channel-form';

const SECURITY: Array<{ value: EmailSecurity; label: string; port: number }> = [
  { value: 'starttls', label: 'STARTTLS (usually port 587)', port: 587 },
  { value: 'tls', label: 'TLS (usually port 465)', port: 465 },
  { value: 'none', label: 'None (local relay only)', port: 25 },
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
  const { form, setForm, text, pending, result, submit, sendTest, moved, retyped, plainText } = useChannelForm('email', toConfig(settings), {
    secretField: 'smtpPassword',
    moves: (current) => movesPassword(current, settings),
    plainText: (current) => plainTextSmtpProblem({ host: current.host.trim(), security: current.security }),
  });

  return (
    <section className="notification-channel" aria-labelledby="email-heading">
      <h2 id="email-heading">Email</h2>
      <form className="settings-form" aria-label="Email settings" onSubmit={(e) => void submit(e)}>
        <label className="checkbox">
          <input type="checkbox" checked={form.enabled} onChange={(e) => setForm({ ...form, enabled: e.target.checked })} />
          Send notifications by email
        </label>
        <label htmlFor="email-host">SMTP server</label>
        <input {...text('host')} placeholder="smtp.example.com" autoComplete="off" />
        <label htmlFor="email-port">Port</label>
        <input
          id="email-port"
          type="number"
          min={1}
          max={65535}
          value={form.port}
          onChange={(e) => setForm({ ...form, port: Number(e.target.value) })}
        />
        <label htmlFor="email-security">Security</label>
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
              {s.label}
            </option>
          ))}
        </select>
        <label htmlFor="email-user">User</label>
        <input {...text('user')} autoComplete="off" />
        <label htmlFor="email-from">From</label>
        <input {...text('from')} type="email" placeholder="bot@example.com" />
        <label htmlFor="email-to">To</label>
        <input {...text('to')} type="email" placeholder="you@example.com" />
        {moved && (
          <>
            <p className="hint" id="email-moved-note">
              Changing the server, port, security or user clears the saved password: enter it again.
            </p>
            <label htmlFor="email-password-again">SMTP password for this server</label>
            <input id="email-password-again" type="password" autoComplete="off" spellCheck={false} aria-describedby="email-moved-note" {...retyped} />
          </>
        )}
        <div className="account-actions">
          <button type="submit" className="primary" disabled={pending !== undefined}>
            {pending === 'saving' ? 'Saving…' : 'Save email settings'}
          </button>
          <button type="button" onClick={() => void sendTest()} disabled={pending !== undefined}>
            {pending === 'testing' ? 'Sending…' : 'Send test email'}
          </button>
        </div>
      </form>
      <SecretField
        id="email-password"
        label="SMTP password"
        isSet={settings.passwordSet}
        onSave={(value) => setSecret(api, 'smtp-password', value)}
        onRemove={() => removeSecret(api, 'smtp-password')}
      />
      <TestResult result={result} what="Test email" />
      <PlainTextConfirmDialog {...plainText} />
    </section>
  );
}
