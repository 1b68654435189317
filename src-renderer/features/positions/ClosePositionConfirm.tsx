// Asks before a whole position is closed: a close at market cannot be undone.
import type { Position } from '../../../src-shared';
import { formatPrice } from '../../format/numbers';
import { useT } from '../../i18n';
import { positionName } from './position-words';

interface Props {
  position: Position;
  volumeDecimals: number;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

export function ClosePositionConfirm({ position, volumeDecimals, busy, onConfirm, onCancel }: Props) {
  const { t } = useT('positions');
  return (
    <span className="confirm" role="group" aria-label={t('confirm.label', { name: positionName(position) })}>
      <span>{t('confirm.question', { symbol: position.symbol, volume: formatPrice(position.volume, volumeDecimals) })}</span>
      <button type="button" className="danger" onClick={onConfirm} disabled={busy} aria-busy={busy}>
        {busy ? t('confirm.closing') : t('confirm.closePosition')}
      </button>
      <button type="button" autoFocus onClick={onCancel} disabled={busy}>
        {t('confirm.keep')}
      </button>
    </span>
  );
}
