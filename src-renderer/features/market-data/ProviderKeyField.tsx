// A data provider's API key: typed once into a password field, then shown only as "set", with replace and remove
// (UI.md). The key goes to main, which keeps it in the OS keychain; nothing here keeps it after sending.
import type { FormEvent } from 'react';
import type { ProviderInfo } from '../../../src-shared';
import { useWriteOnlySecret } from '../../hooks/use-write-only-secret';
import { useT } from '../../i18n';

interface Props {
  provider: ProviderInfo;
  onSave: (apiKey: string) => Promise<void>;
  onRemove: () => Promise<void>;
}

export function ProviderKeyField({ provider, onSave, onRemove }: Props) {
  const { editing, setEditing, value, setValue, pending, error, run, save } = useWriteOnlySecret(!provider.keySet);
  const { t } = useT('marketData');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save(onSave, t('key.pasteFirst'), true);
  };

  const inputId = `key-${provider.id}`;
  if (provider.keySet && !editing) {
    return (
      <div className="key-field">
        <span className="badge key-set" aria-label={t('key.label', { name: provider.name })}>
          {t('key.set')}
        </span>
        <button type="button" onClick={() => setEditing(true)} disabled={pending}>
          {t('key.replace')}
        </button>
        <button type="button" onClick={() => void run(onRemove).then((ok) => ok && setEditing(true))} disabled={pending}>
          {pending ? t('key.removing') : t('key.remove')}
        </button>
        {error && <span role="alert" className="error-text">{error}</span>}
      </div>
    );
  }
  return (
    <form className="key-field" onSubmit={submit}>
      <label htmlFor={inputId}>{t('key.label', { name: provider.name })}</label>
      <input
        id={inputId}
        type="password"
        autoComplete="off"
        spellCheck={false}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        placeholder={provider.keySet ? t('key.newKey') : t('key.pasteYourKey')}
      />
      <button type="submit" disabled={pending}>
        {pending ? t('key.saving') : t('key.save')}
      </button>
      {provider.keySet && (
        <button type="button" onClick={() => setEditing(false)} disabled={pending}>
          {t('key.cancel')}
        </button>
      )}
      {error && <span role="alert" className="error-text">{error}</span>}
    </form>
  );
}
