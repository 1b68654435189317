// Closes part of a position: the volume is checked against what the position holds before anything is sent.
import { useState, type FormEvent } from 'react';
import type { Position } from '../../../src-shared';
import { formatPrice } from '../../format/numbers';
import { useT } from '../../i18n';
import { FormActions } from './FormActions';
import { parseCloseVolume, positionName } from './position-words';

interface Props {
  position: Position;
  volumeDecimals: number;
  busy: boolean;
  /** Resolves to whether it was closed (the form then goes away). */
  onClose: (volume: number) => Promise<boolean>;
  onCancel: () => void;
}

export function PartialCloseForm({ position, volumeDecimals, busy, onClose, onCancel }: Props) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string>();
  const { t } = useT('positions');
  const id = `partial-${position.account}-${position.id}`;

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    const parsed = parseCloseVolume(text, position, volumeDecimals);
    if (!parsed.ok) return setError(parsed.message);
    setError(undefined);
    if (await onClose(parsed.value)) onCancel();
  }

  return (
    <form className="position-form" aria-label={t('partial.form', { name: positionName(position) })} noValidate onSubmit={(e) => void submit(e)}>
      <label htmlFor={id}>{t('partial.volume', { max: formatPrice(position.volume, volumeDecimals) })}</label>
      <input
        id={id}
        inputMode="decimal"
        autoFocus
        value={text}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => event.key === 'Escape' && onCancel()}
      />
      <FormActions label={t('partial.submit')} busyLabel={t('partial.closing')} busy={busy} danger onCancel={onCancel} />
      {error && (
        <span id={`${id}-error`} className="row-error" role="alert">
          {error}
        </span>
      )}
    </form>
  );
}
