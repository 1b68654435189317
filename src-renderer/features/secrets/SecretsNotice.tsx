// One line, once per screen, when keys cannot be used: locked (with the way to unlock) or no store here (what to
// do). Screens that need keys show it instead of repeating the store's failure on every row.
import { useT } from '../../i18n';
import { useSecrets } from './secrets-store';

export function SecretsNotice() {
  const { status, openPrompt } = useSecrets();
  const { t } = useT('secrets');
  if (!status || status.state === 'ready') return null;
  return (
    <p className="secrets-notice" role="status" aria-label={t('notice.label')}>
      {status.state === 'locked' ? (
        <>
          {t('notice.locked')}{' '}
          <button type="button" onClick={openPrompt}>
            {t('unlockKeys')}
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
  const { t } = useT('secrets');
  if (status?.state !== 'locked') return null;
  return (
    <button type="button" className="unlock-keys" onClick={openPrompt}>
      {t('unlockKeys')}
    </button>
  );
}
