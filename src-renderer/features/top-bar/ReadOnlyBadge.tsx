import { useT } from '../../i18n';
// Tells a viewer (the host's read-only token) why there is no ticket, no kill switch and no settings: it is the token,
// not a fault. The explanation is the badge's tooltip and its accessible description.

export function ReadOnlyBadge() {
  const { t } = useT('topBar');
  const explanation = t('readOnlyExplanation');
  return (
    <span className="badge read-only" role="status" title={explanation} aria-description={explanation} tabIndex={0}>
      {t('readOnly')}
    </span>
  );
}
