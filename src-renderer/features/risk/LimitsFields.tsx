// The five limits of one scope (global, or one account). An empty field is no limit.
import type { LimitsText } from './limits-form';

interface Props {
  /** "Global" or the venue's name: prefixes every label so each input is unambiguous for screen readers. */
  scope: string;
  value: LimitsText;
  onChange: (value: LimitsText) => void;
}

const FIELDS: { key: keyof LimitsText; label: string; unit: string; hint?: string }[] = [
  { key: 'maxOrderNotional', label: 'Maximum order value', unit: 'quote' },
  { key: 'maxPositionNotional', label: 'Maximum position per symbol', unit: 'quote' },
  { key: 'maxOpenOrders', label: 'Maximum open orders', unit: 'orders' },
  { key: 'maxDailyLoss', label: 'Maximum daily loss', unit: 'quote' },
  { key: 'allowedSymbols', label: 'Allowed symbols', unit: '', hint: 'e.g. BTC/USDT, ETH/USDT — empty allows every symbol' },
];

export function LimitsFields({ scope, value, onChange }: Props) {
  return (
    <div className="limits-fields">
      {FIELDS.map(({ key, label, unit, hint }) => (
        <label key={key} className={key === 'allowedSymbols' ? 'field field-wide' : 'field'}>
          <span>{label}</span>
          <input
            aria-label={`${scope} ${label.toLowerCase()}`}
            inputMode={key === 'allowedSymbols' ? 'text' : 'decimal'}
            className={key === 'allowedSymbols' ? undefined : 'numeric'}
            value={value[key]}
            placeholder={hint ?? 'no limit'}
            onChange={(event) => onChange({ ...value, [key]: event.target.value })}
          />
          {unit && <span className="unit">{unit}</span>}
        </label>
      ))}
    </div>
  );
}
