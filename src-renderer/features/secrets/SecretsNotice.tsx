// One line, once per screen, when keys cannot be used: locked (with the way to unlock) or no store here (what to
// do). Screens that need keys show it instead of repeating the store's failure on every row.
import { useSecrets } from './secrets-store';

export function SecretsNotice() {
  const { status, openPrompt } = useSecrets();
  if (!status || status.state === 'ready') return null;
  return (
    <p className="secrets-notice" role="status" aria-label="Keys">
      {status.state === 'locked' ? (
        <>
          Keys are locked: enter the passphrase to use them.{' '}
          <button type="button" onClick={openPrompt}>
            Unlock keys
          </button>
        </>
      ) : (
        status.problem
      )}
    </p>
  );
}

/** The top bar's way to the prompt, shown while the keys are locked. */
export function UnlockKeysButton() {
  const { status, openPrompt } = useSecrets();
  if (status?.state !== 'locked') return null;
  return (
    <button type="button" className="unlock-keys" onClick={openPrompt}>
      Unlock keys
    </button>
  );
}
