import { useT } from '../../i18n';

/** The send and cancel buttons of a row's form: disabled, and saying so, while the request is in flight. */
export function FormActions({ label, busyLabel, busy, danger = false, onCancel }: { label: string; busyLabel: string; busy: boolean; danger?: boolean; onCancel: () => void }) {
  const { t } = useT('common');
  return (
    <>
      <button type="submit" className={danger ? 'danger' : 'primary'} disabled={busy} aria-busy={busy}>
        {busy ? busyLabel : label}
      </button>
      <button type="button" onClick={onCancel} disabled={busy}>
        {t('actions.cancel')}
      </button>
    </>
  );
}
