// The five limits of one scope (global, or one account). An empty field is no limit.
import { useT } from '../../i18n';
import type { LimitsText } from './limits-form';

interface Props {
  /** "Global" or the venue's name: prefixes every label so each input is unambiguous for screen readers. */
  scope: string;
  value: LimitsText;
  onChange: (value: LimitsText) => void;
}

const FIELDS: { key: keyof LimitsText; unit: 'quote' | 'orders' | undefined }[] = [
  { key: 'maxOrderNotional', unit: 'quote' },
  { key: 'maxPositionNotional', unit: 'quote' },
  { key: 'maxOpenOrders', unit: 'orders' },
  { key: 'maxDailyLoss', unit: 'quote' },
  { key: 'allowedSymbols', unit: undefined },
];

export function LimitsFields({ scope, value, onChange }: Props) {
  const { t } = useT('risk');
  return (
    <div className="limits-fields">
      {FIELDS.map(({ key, unit }) => (
        <label key={key} className={key === 'allowedSymbols' ? 'field field-wide' : 'field'}>
          <span>{t(`fields.${key}`)}</span>
          <input
            aria-label={t('fields.fieldLabel', { scope, field: t(`form.paths.${key}`) })}
            inputMode={key === 'allowedSymbols' ? 'text' : 'decimal'}
            className={key === 'allowedSymbols' ? undefined : 'numeric'}
            value={value[key]}
            placeholder={key === 'allowedSymbols' ? t('fields.symbolsHint') : t('fields.noLimit')}
            onChange={(event) => onChange({ ...value, [key]: event.target.value })}
          />
          {unit && <span className="unit">{t(`fields.${unit}`)}</span>}
        </label>
      ))}
    </div>
  );
}
