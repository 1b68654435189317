// Shared mode in the settings (the Accounts screen): the Redis address, its password, this process's name and the
// egress label. Saved for the next start (the desktop app has no command line); main keeps the password in the key
// store and never sends it back, only whether one is set. A host started with --redis shows that it wins.
import { useEffect, useState, type FormEvent } from 'react';
import type { SharedModeSettings, SharedModeUpdate } from '../../../src-shared';
import { api } from '../../api';
import { errorMessage } from '../../format/error-message';
import { useT } from '../../i18n';

interface Fields {
  url: string;
  password: string;
  name: string;
  egress: string;
}

const fieldsOf = (settings: SharedModeSettings | undefined): Fields => ({ url: settings?.url ?? '', password: '', name: settings?.name ?? '', egress: settings?.egress ?? '' });

/** What the form asks main to save: an empty name or label removes it, an empty password keeps the saved one. */
function updateOf(fields: Fields): SharedModeUpdate {
  return {
    url: fields.url.trim(),
    ...(fields.password === '' ? {} : { password: fields.password }),
    name: fields.name.trim() === '' ? null : fields.name.trim(),
    egress: fields.egress.trim() === '' ? null : fields.egress.trim(),
  };
}

export function SharedModeSettingsSection() {
  const { t } = useT('sharedMode');
  const [settings, setSettings] = useState<SharedModeSettings>();
  const [fields, setFields] = useState<Fields>(fieldsOf(undefined));
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    api.call('shared:settings', {}).then(
      (next) => {
        setSettings(next);
        setFields(fieldsOf(next));
      },
      (failure: unknown) => setError(errorMessage(failure)),
    );
  }, []);

  async function save(event: FormEvent | undefined, update: SharedModeUpdate): Promise<void> {
    event?.preventDefault();
    setBusy(true);
    setError(undefined);
    setSaved(false);
    try {
      const next = await api.call('shared:update-settings', update);
      setSettings(next);
      setFields(fieldsOf(next));
      setSaved(true);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  const field = (key: keyof Fields, label: string, options: { placeholder?: string; type?: string; hint?: string } = {}) => (
    <div className="field-row">
      <label htmlFor={`shared-${key}`}>{label}</label>
      <input
        id={`shared-${key}`}
        type={options.type ?? 'text'}
        value={fields[key]}
        placeholder={options.placeholder}
        autoComplete="off"
        spellCheck={false}
        maxLength={key === 'url' ? 500 : key === 'password' ? 1024 : 100}
        onChange={(event) => setFields((current) => ({ ...current, [key]: event.target.value }))}
      />
      {options.hint && <span className="hint">{options.hint}</span>}
    </div>
  );

  return (
    <section className="shared-mode-settings" aria-labelledby="shared-mode-settings-heading">
      <h2 id="shared-mode-settings-heading">{t('settings.heading')}</h2>
      <p className="hint">{t('settings.intro')}</p>
      {settings?.fromCommandLine && (
        <p className="hint" role="note">
          {t('settings.fromCommandLine')}
        </p>
      )}
      <form aria-label={t('settings.form')} noValidate onSubmit={(event) => void save(event, updateOf(fields))}>
        {field('url', t('settings.url'), { placeholder: 'rediss://redis.example.com:6380' })}
        {field('password', t('settings.password'), { type: 'password', placeholder: settings?.passwordSet ? t('settings.passwordKept') : '' })}
        {field('name', t('settings.name'), { hint: t('settings.nameHint') })}
        {field('egress', t('settings.egress'), { hint: t('settings.egressHint') })}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        {saved && !error && <p role="status">{settings?.url ? t('settings.saved') : t('settings.removed')}</p>}
        {!saved && settings?.restartNeeded && <p role="status">{t('settings.restart')}</p>}
        <button type="submit" className="primary" disabled={busy} aria-busy={busy}>
          {t('settings.save')}
        </button>{' '}
        <button type="button" disabled={busy || settings?.url === undefined} onClick={() => void save(undefined, { url: null })}>
          {t('settings.remove')}
        </button>
      </form>
    </section>
  );
}
