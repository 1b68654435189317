import { useEffect, useRef } from 'react';

/**
 * A `<dialog>` shown modally while `open`: showModal traps focus and closes on Esc, as a trader expects of a dialog
 * that asks before anything happens. Attach the returned ref to the element.
 */
export function useModalDialog(open: boolean) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  return dialog;
}
