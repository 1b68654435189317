// Asks before a setting sends keys or passwords in clear text to another machine (an http:// or ws:// exchange URL,
// SMTP without TLS). Main refuses such a request unless it says the trader confirmed; this dialog is the only place
// the renderer sets that confirmation. The problem text is main's own words (src-shared/plain-text.ts).
import { useModalDialog } from '../hooks/use-modal-dialog';

interface Props {
  /** What would travel in clear text; the dialog is closed without one. */
  problems: string[] | undefined;
  onConfirm: () => void;
  onCancel: () => void;
}

export function PlainTextConfirmDialog({ problems, onConfirm, onCancel }: Props) {
  const open = problems !== undefined && problems.length > 0;
  const dialog = useModalDialog(open);

  return (
    <dialog ref={dialog} className="confirm-dialog" aria-label="Confirm plain text" onClose={onCancel}>
      {open && (
        <>
          <h2>Send in clear text?</h2>
          {problems.map((problem) => (
            <p key={problem}>{problem}</p>
          ))}
          <p className="muted">Anyone on the network path can read it. Only accept this for a network you control.</p>
          <div className="confirm-actions">
            <button type="button" autoFocus onClick={onCancel}>
              Cancel
            </button>
            <button type="button" className="danger" onClick={onConfirm}>
              Accept plain text
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
