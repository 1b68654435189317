// A write-only secret (SMTP password, Twilio auth token): typed once into a password field, then shown only as
// "set", with replace and remove (UI.md). Nothing here keeps the value after sending it.
import type { FormEvent } from 'react';
import { useWriteOnlySecret } from '../../hooks/use-write-only-secret';

interface Props {
  id: string;
  label: string;
  isSet: boolean;
  onSave: (value: string) => Promise<void>;
  onRemove: () => Promise<void>;
}

export function SecretField({ id, label, isSet, onSave, onRemove }: Props) {
  const { editing, setEditing, value, setValue, pending, error, run, save } = useWriteOnlySecret(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save(onSave, `Enter the ${label.toLowerCase()} first.`, false);
  };

  if (isSet && !editing) {
    return (
      <div className="key-field">
        <span className="muted">{label}</span>
        <span className="badge key-set" aria-label={`${label} is set`}>
          Set
        </span>
        <button type="button" onClick={() => setEditing(true)} disabled={pending}>
          Replace {label}
        </button>
        <button type="button" onClick={() => void run(onRemove)} disabled={pending}>
          {pending ? 'Removing…' : `Remove ${label}`}
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
        {pending ? 'Saving…' : `Save ${label}`}
      </button>
      {isSet && (
        <button type="button" onClick={() => setEditing(false)} disabled={pending}>
          Cancel
        </button>
      )}
      {error && <span role="alert" className="error-text">{error}</span>}
    </form>
  );
}
