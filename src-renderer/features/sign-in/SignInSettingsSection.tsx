// The Sign-in section of the settings (the Accounts screen): the Auth0 domain, the client id and the audience.
// All three, or none to remove sign-in; main refuses a half-filled section and says what is missing. When the
// TBS_AUTH_* variables are set they win: the section shows their values read-only and says so.
import { useEffect, useState, type FormEvent } from 'react';
import type { SignInSettingsValues } from '../../../src-shared';
import { api } from '../../api';
import { useT } from '../../i18n';
import { useSignInSettings } from './sign-in-settings-store';

const EMPTY: SignInSettingsValues = { issuer: '', clientId: '', audience: '' };

type Fields = (t: ReturnType<typeof useT<'signIn'>>['t']) => { name: keyof SignInSettingsValues; label: string; placeholder: string; hint?: string }[];

// Example values (a domain, a URL) are the same in every language.
const fieldsIn: Fields = (t) => [
  { name: 'issuer', label: t('settings.issuer'), placeholder: 'tenant.eu.auth0.com', hint: t('settings.issuerHint') },
  { name: 'clientId', label: t('settings.clientId'), placeholder: t('settings.clientIdPlaceholder') },
  { name: 'audience', label: t('settings.audience'), placeholder: 'https://api.tradebot.example' },
];

export function SignInSettingsSection() {
  const { settings, saving, error, load, save } = useSignInSettings();
  const [fields, setFields] = useState<SignInSettingsValues>(EMPTY);
  const [saved, setSaved] = useState<'removed' | 'saved'>();
  const { t } = useT('signIn');

  useEffect(() => {
    void load(api);
  }, [load]);
  // The form starts from what is in force.
  useEffect(() => {
    setFields(settings?.values ?? EMPTY);
  }, [settings]);

  const fromEnvironment = settings?.source === 'environment';

  async function submit(event: FormEvent, values: SignInSettingsValues): Promise<void> {
    event.preventDefault();
    setSaved(undefined);
    if (await save(api, values)) {
      const cleared = !values.issuer.trim() && !values.clientId.trim() && !values.audience.trim();
      setSaved(cleared ? 'removed' : 'saved');
    }
  }

  return (
    <section className="sign-in-settings" aria-labelledby="sign-in-settings-heading">
      <h2 id="sign-in-settings-heading">{t('settings.heading')}</h2>
      <p className="hint">{t('settings.intro')}</p>
      {fromEnvironment && (
        <p className="hint" role="note">
          {t('settings.fromEnvironment')}
          {settings.problem && <> {t('settings.off', { problem: settings.problem })}</>}
        </p>
      )}
      <form aria-label={t('settings.form')} noValidate onSubmit={(event) => void submit(event, fields)}>
        {fieldsIn(t).map(({ name, label, placeholder, hint }) => (
          <div key={name} className="field-row">
            <label htmlFor={`sign-in-${name}`}>{label}</label>
            <input
              id={`sign-in-${name}`}
              value={fields[name]}
              placeholder={placeholder}
              readOnly={fromEnvironment}
              autoComplete="off"
              spellCheck={false}
              maxLength={256}
              aria-describedby={hint ? `sign-in-${name}-hint` : undefined}
              onChange={(event) => setFields((current) => ({ ...current, [name]: event.target.value }))}
            />
            {hint && (
              <span id={`sign-in-${name}-hint`} className="hint">
                {hint}
              </span>
            )}
          </div>
        ))}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        {saved && !error && <p role="status">{t(`settings.${saved}`)}</p>}
        {!fromEnvironment && (
          <>
            <button type="submit" className="primary" disabled={saving} aria-busy={saving}>
              {t('settings.save')}
            </button>{' '}
            <button type="button" disabled={saving || settings?.source !== 'settings'} onClick={(event) => void submit(event, EMPTY)}>
              {t('settings.remove')}
            </button>
          </>
        )}
      </form>
    </section>
  );
}
