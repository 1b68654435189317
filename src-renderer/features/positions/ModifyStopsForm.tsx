// New stop loss and take profit of a position. Both are sent: a field left empty removes that level (null).
import { useState, type FormEvent } from 'react';
import type { Position } from '../../../src-shared';
import { useT } from '../../i18n';
import { FormActions } from './FormActions';
import { parseStop, positionName, stopFieldText } from './position-words';

interface Props {
  position: Position;
  priceDecimals: number;
  busy: boolean;
  /** Resolves to whether the venue took them (the form then goes away). */
  onSave: (stops: { stopLoss: number | null; takeProfit: number | null }) => Promise<boolean>;
  onCancel: () => void;
}

export function ModifyStopsForm({ position, priceDecimals, busy, onSave, onCancel }: Props) {
  const [stopLoss, setStopLoss] = useState(stopFieldText(position.stopLoss, priceDecimals));
  const [takeProfit, setTakeProfit] = useState(stopFieldText(position.takeProfit, priceDecimals));
  const [error, setError] = useState<string>();
  const { t } = useT('positions');
  const id = `stops-${position.account}-${position.id}`;

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    const sl = parseStop(stopLoss, 'stopLoss');
    const tp = parseStop(takeProfit, 'takeProfit');
    const problems = [sl, tp].flatMap((parsed) => (parsed.ok ? [] : [parsed.message]));
    if (!sl.ok || !tp.ok) return setError(problems.join(' '));
    setError(undefined);
    if (await onSave({ stopLoss: sl.value, takeProfit: tp.value })) onCancel();
  }

  const escape = (event: { key: string }) => event.key === 'Escape' && onCancel();
  return (
    <form className="position-form" aria-label={t('stops.form', { name: positionName(position) })} noValidate onSubmit={(e) => void submit(e)}>
      <label htmlFor={`${id}-sl`}>{t('stops.stopLoss')}</label>
      <input id={`${id}-sl`} inputMode="decimal" autoFocus value={stopLoss} placeholder={t('stops.none')} onChange={(e) => setStopLoss(e.target.value)} onKeyDown={escape} />
      <label htmlFor={`${id}-tp`}>{t('stops.takeProfit')}</label>
      <input id={`${id}-tp`} inputMode="decimal" value={takeProfit} placeholder={t('stops.none')} onChange={(e) => setTakeProfit(e.target.value)} onKeyDown={escape} />
      <FormActions label={t('stops.save')} busyLabel={t('stops.saving')} busy={busy} onCancel={onCancel} />
      <span className="hint">{t('stops.emptyRemoves')}</span>
      {error && (
        <span className="row-error" role="alert">
          {error}
        </span>
      )}
    </form>
  );
}
