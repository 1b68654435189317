// The Sign-in section of the settings (the Accounts screen): the Auth0 domain, the client id and the audience.
// All three, or none to remove sign-in; main refuses a half-filled section and says what is missing. When the
// TBS_AUTH_* variables are set they win: the section shows their values read-only and says so.
import { useEffect, useState, type FormEvent } from 'react';
import type { SignInSettingsValues } from '../../../src-shared';
import { api } from '../../api';
import { useSignInSettings } from './sign-in-settings-store';

const EMPTY: SignInSettingsValues = { issuer: '', clientId: '', audience: '' };

const FIELDS: { name: keyof SignInSettingsValues; label: string; placeholder: string; hint?: string }[] = [
  { name: 'issuer', label: 'Issuer (Auth0 domain)', placeholder: 'tenant.eu.auth0.com', hint: 'https:// is assumed.' },
  { name: 'clientId', label: 'Client id', placeholder: 'the Native application’s client id' },
  { name: 'audience', label: 'Audience', placeholder: 'https://api.tradebot.example' },
];

export function SignInSettingsSection() {
  const { settings, saving, error, load, save } = useSignInSettings();
  const [fields, setFields] = useState<SignInSettingsValues>(EMPTY);
  const [saved, setSaved] = useState<string>();

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
      setSaved(cleared ? 'Sign-in removed.' : 'Saved: sign-in uses these settings now.');
    }
  }

  return (
    <section className="sign-in-settings" aria-labelledby="sign-in-settings-heading">
      <h2 id="sign-in-settings-heading">Sign-in</h2>
      <p className="hint">
        Where the app signs in to your Trade Bot Scratch account (Auth0). Leave all three empty for no sign-in at all. Changing where
        the app signs in signs you out first.
      </p>
      {fromEnvironment && (
        <p className="hint" role="note">
          Set by TBS_AUTH_* in the app’s environment: change or unset those variables to change this.
          {settings.problem && <> Sign-in is off: {settings.problem}</>}
        </p>
      )}
      <form aria-label="Sign-in settings" noValidate onSubmit={(event) => void submit(event, fields)}>
        {FIELDS.map(({ name, label, placeholder, hint }) => (
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
        {saved && !error && <p role="status">{saved}</p>}
        {!fromEnvironment && (
          <>
            <button type="submit" className="primary" disabled={saving} aria-busy={saving}>
              Save sign-in
            </button>{' '}
            <button type="button" disabled={saving || settings?.source !== 'settings'} onClick={(event) => void submit(event, EMPTY)}>
              Remove sign-in
            </button>
          </>
        )}
      </form>
    </section>
  );
}
