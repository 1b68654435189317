// Asks before a whole position is closed: a close at market cannot be undone.
import type { Position } from '../../../src-shared';
import { formatPrice } from '../../format/numbers';

interface Props {
  position: Position;
  volumeDecimals: number;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

export function ClosePositionConfirm({ position, volumeDecimals, busy, onConfirm, onCancel }: Props) {
  return (
    <span className="confirm" role="group" aria-label={`Confirm closing ${position.symbol} #${position.id}`}>
      <span>
        Close {position.symbol} {formatPrice(position.volume, volumeDecimals)} lots at market?
      </span>
      <button type="button" className="danger" onClick={onConfirm} disabled={busy} aria-busy={busy}>
        {busy ? 'Closing…' : 'Close position'}
      </button>
      <button type="button" autoFocus onClick={onCancel} disabled={busy}>
        Keep it
      </button>
    </span>
  );
}
