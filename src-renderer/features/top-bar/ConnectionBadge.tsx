import type { ConnectionStatus } from '../../api/connection-status';
import { useConnection } from '../../stores/connection';

const LABELS: Record<ConnectionStatus, string> = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  unauthorized: 'Not authorized',
};

export function ConnectionBadge() {
  const status = useConnection((state) => state.status);
  return (
    <span className={`badge connection connection-${status}`} role="status" aria-label="Connection" data-status={status}>
      {LABELS[status]}
    </span>
  );
}
