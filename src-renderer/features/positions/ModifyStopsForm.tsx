// New stop loss and take profit of a position. Both are sent: a field left empty removes that level (null).
import { useState, type FormEvent } from 'react';
import type { Position } from '../../../src-shared';
import { FormActions } from './FormActions';
import { parseStop, stopFieldText } from './position-words';

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
  const id = `stops-${position.account}-${position.id}`;

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    const sl = parseStop(stopLoss, 'Stop loss');
    const tp = parseStop(takeProfit, 'Take profit');
    const problems = [sl, tp].flatMap((parsed) => (parsed.ok ? [] : [parsed.message]));
    if (!sl.ok || !tp.ok) return setError(problems.join(' '));
    setError(undefined);
    if (await onSave({ stopLoss: sl.value, takeProfit: tp.value })) onCancel();
  }

  const escape = (event: { key: string }) => event.key === 'Escape' && onCancel();
  return (
    <form className="position-form" aria-label={`SL/TP of ${position.symbol} #${position.id}`} noValidate onSubmit={(e) => void submit(e)}>
      <label htmlFor={`${id}-sl`}>Stop loss</label>
      <input id={`${id}-sl`} inputMode="decimal" autoFocus value={stopLoss} placeholder="none" onChange={(e) => setStopLoss(e.target.value)} onKeyDown={escape} />
      <label htmlFor={`${id}-tp`}>Take profit</label>
      <input id={`${id}-tp`} inputMode="decimal" value={takeProfit} placeholder="none" onChange={(e) => setTakeProfit(e.target.value)} onKeyDown={escape} />
      <FormActions label="Save SL/TP" busyLabel="Saving…" busy={busy} onCancel={onCancel} />
      <span className="hint">Empty removes it.</span>
      {error && (
        <span className="row-error" role="alert">
          {error}
        </span>
      )}
    </form>
  );
}
