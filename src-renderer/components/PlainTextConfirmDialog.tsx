// Asks before a setting sends keys or passwords in clear text to another machine (an http:// or ws:// exchange URL,
// SMTP without TLS). Main refuses such a request unless it says the trader confirmed; this dialog is the only place
// the renderer sets that confirmation. The problem text is main's own words (src-shared/plain-text.ts).
import { useModalDialog } from '../hooks/use-modal-dialog';
import { useT } from '../i18n';

interface Props {
  /** What would travel in clear text; the dialog is closed without one. */
  problems: string[] | undefined;
  onConfirm: () => void;
  onCancel: () => void;
}

export function PlainTextConfirmDialog({ problems, onConfirm, onCancel }: Props) {
  const { t } = useT();
  const open = problems !== undefined && problems.length > 0;
  const dialog = useModalDialog(open);

  return (
    <dialog ref={dialog} className="confirm-dialog" aria-label={t('plainText.label')} onClose={onCancel}>
      {open && (
        <>
          <h2>{t('plainText.title')}</h2>
          {problems.map((problem) => (
            <p key={problem}>{problem}</p>
          ))}
          <p className="muted">{t('plainText.warning')}</p>
          <div className="confirm-actions">
            <button type="button" autoFocus onClick={onCancel}>
              {t('actions.cancel')}
            </button>
            <button type="button" className="danger" onClick={onConfirm}>
              {t('plainText.accept')}
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
