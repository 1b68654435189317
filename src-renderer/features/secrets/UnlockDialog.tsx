// The key file's passphrase prompt: asked once after start while the keys are locked, and again from "Unlock keys"
// in the top bar or a screen's notice. With no key file yet it creates one, so the passphrase is typed twice.
import { useState, type FormEvent } from 'react';
import { useModalDialog } from '../../hooks/use-modal-dialog';
import { MIN_NEW_PASSPHRASE_LENGTH } from '../../../src-shared';
import { api } from '../../api';
import { useT } from '../../i18n';
import { useSecrets } from './secrets-store';

export function UnlockDialog() {
  const { status, promptOpen, unlock, closePrompt } = useSecrets();
  const open = promptOpen && status?.state === 'locked';
  const creating = status?.fileExists === false;
  const dialog = useModalDialog(open);
  const { t } = useT('secrets');

  const title = creating ? t('dialog.createTitle') : t('unlockKeys');
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
  const { t } = useT('secrets');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!passphrase) return setError(t('dialog.enterPassphrase'));
    if (creating && passphrase.length < MIN_NEW_PASSPHRASE_LENGTH) {
      return setError(t('dialog.tooShort', { min: MIN_NEW_PASSPHRASE_LENGTH }));
    }
    if (creating && passphrase !== repeat) return setError(t('dialog.differ'));
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
        {creating ? t('dialog.createIntro') : t('dialog.unlockIntro')}
      </p>
      <label className="field">
        <span>{t('dialog.passphrase')}</span>
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
          <span>{t('dialog.repeat')}</span>
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
          {pending ? (creating ? t('dialog.creating') : t('dialog.unlocking')) : creating ? t('dialog.create') : t('dialog.unlock')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('dialog.notNow')}
        </button>
      </div>
    </form>
  );
}
