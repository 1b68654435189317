import type { ConnectionStatus } from '../../api/connection-status';
import { useT } from '../../i18n';
import { useConnection } from '../../stores/connection';

export function ConnectionBadge() {
  const status: ConnectionStatus = useConnection((state) => state.status);
  const { t } = useT('topBar');
  return (
    <span className={`badge connection connection-${status}`} role="status" aria-label={t('connection.label')} data-status={status}>
      {t(`connection.${status}`)}
    </span>
  );
}
