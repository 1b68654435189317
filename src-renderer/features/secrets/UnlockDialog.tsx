// The key file's passphrase prompt: asked once after start while the keys are locked, and again from "Unlock keys"
// in the top bar or a screen's notice. With no key file yet it creates one, so the passphrase is typed twice.
import { useState, type FormEvent } from 'react';
import { useModalDialog } from '../../hooks/use-modal-dialog';
import { MIN_NEW_PASSPHRASE_LENGTH } from '../../../src-shared';
import { api } from '../../api';
import { useSecrets } from './secrets-store';

export function UnlockDialog() {
  const { status, promptOpen, unlock, closePrompt } = useSecrets();
  const open = promptOpen && status?.state === 'locked';
  const creating = status?.fileExists === false;
  const dialog = useModalDialog(open);

  const title = creating ? 'Create the key file' : 'Unlock keys';
  return (
    <dialog ref={dialog} className="settings-dialog unlock-dialog" aria-label={title} onClose={closePrompt}>
      {open && <UnlockForm key={String(creating)} creating={creating} title={title} onUnlock={(p) => unlock(api, p)} onCancel={closePrompt} />}
    </dialog>
  );
}

interface FormProps {
  creating: boolean;
  title: string;
  onUnlock: (passphrase: string) => Promise<string | undefined>;
  onCancel: () => void;
}

function UnlockForm({ creating, title, onUnlock, onCancel }: FormProps) {
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!passphrase) return setError('Enter the passphrase.');
    if (creating && passphrase.length < MIN_NEW_PASSPHRASE_LENGTH) {
      return setError(`Choose a passphrase of at least ${MIN_NEW_PASSPHRASE_LENGTH} characters.`);
    }
    if (creating && passphrase !== repeat) return setError('The two passphrases differ: type them again.');
    setPending(true);
    const failure = await onUnlock(passphrase);
    setPending(false);
    if (failure) {
      setError(failure);
      setPassphrase('');
      setRepeat('');
    }
  };

  return (
    <form className="unlock-form" aria-label={title} onSubmit={(event) => void submit(event)}>
      <h2>{title}</h2>
      <p className="muted">
        {creating
          ? 'No system keychain here: exchange and data-provider keys are kept in an encrypted file in the data folder. Choose its passphrase; it cannot be recovered if lost.'
          : 'Exchange and data-provider keys are kept in an encrypted file. Enter its passphrase to use them.'}
      </p>
      <label className="field">
        <span>Passphrase</span>
        <input
          type="password"
          autoComplete={creating ? 'new-password' : 'current-password'}
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
          aria-invalid={error !== undefined}
          autoFocus
        />
      </label>
      {creating && (
        <label className="field">
          <span>Repeat the passphrase</span>
          <input type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} />
        </label>
      )}
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      <div className="confirm-actions">
        <button type="submit" disabled={pending} aria-busy={pending}>
          {pending ? (creating ? 'Creating…' : 'Unlocking…') : creating ? 'Create key file' : 'Unlock'}
        </button>
        <button type="button" onClick={onCancel}>
          Not now
        </button>
      </div>
    </form>
  );
}
