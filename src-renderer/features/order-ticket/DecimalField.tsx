import type { Ref } from 'react';

interface Props {
  id: string;
  label: string;
  unit: string;
  value: string;
  /** Shown under the field; empty when the value is fine or the field has not been touched. */
  messages: string[];
  placeholder?: string;
  inputRef?: Ref<HTMLInputElement>;
  onChange: (text: string) => void;
}

/** A number typed as text (so "0." and "0.00" survive while typing), with its unit and its messages under it. */
export function DecimalField({ id, label, unit, value, messages, placeholder, inputRef, onChange }: Props) {
  const errorId = `${id}-error`;
  const invalid = messages.length > 0;
  return (
    <div className="ticket-field">
      <label htmlFor={id}>{label}</label>
      <div className="input-with-unit" data-invalid={invalid || undefined}>
        <input
          id={id}
          ref={inputRef}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          spellCheck={false}
          className="numeric"
          value={value}
          placeholder={placeholder}
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? errorId : undefined}
          onChange={(event) => onChange(event.target.value)}
        />
        <span className="unit" aria-hidden="true">
          {unit}
        </span>
      </div>
      {invalid && (
        <p id={errorId} className="field-error">
          {messages.join('; ')}
        </p>
      )}
    </div>
  );
}
