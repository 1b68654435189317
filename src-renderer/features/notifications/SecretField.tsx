// A write-only secret (SMTP password, Twilio auth token): typed once into a password field, then shown only as
// "set", with replace and remove (UI.md). Nothing here keeps the value after sending it.
import type { FormEvent } from 'react';
import { useWriteOnlySecret } from '../../hooks/use-write-only-secret';
import { useT } from '../../i18n';

interface Props {
  id: string;
  label: string;
  /** The label as it reads inside a sentence ("Enter the smtp password first."). */
  inSentence: string;
  isSet: boolean;
  onSave: (value: string) => Promise<void>;
  onRemove: () => Promise<void>;
}

export function SecretField({ id, label, inSentence, isSet, onSave, onRemove }: Props) {
  const { editing, setEditing, value, setValue, pending, error, run, save } = useWriteOnlySecret(false);
  const { t } = useT(['notifications', 'common']);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save(onSave, t('secret.enterFirst', { label: inSentence }), false);
  };

  if (isSet && !editing) {
    return (
      <div className="key-field">
        <span className="muted">{label}</span>
        <span className="badge key-set" aria-label={t('secret.isSet', { label })}>
          {t('secret.set')}
        </span>
        <button type="button" onClick={() => setEditing(true)} disabled={pending}>
          {t('secret.replace', { label })}
        </button>
        <button type="button" onClick={() => void run(onRemove)} disabled={pending}>
          {pending ? t('secret.removing') : t('secret.remove', { label })}
        </button>
        {error && <span role="alert" className="error-text">{error}</span>}
      </div>
    );
  }
  return (
    <form className="key-field" onSubmit={submit} aria-label={label}>
      <label htmlFor={id}>{label}</label>
      <input id={id} type="password" autoComplete="off" spellCheck={false} value={value} onChange={(e) => setValue(e.target.value)} />
      <button type="submit" disabled={pending}>
        {pending ? t('secret.saving') : t('secret.save', { label })}
      </button>
      {isSet && (
        <button type="button" onClick={() => setEditing(false)} disabled={pending}>
          {t('common:actions.cancel')}
        </button>
      )}
      {error && <span role="alert" className="error-text">{error}</span>}
    </form>
  );
}
