// Create or edit an alert on one market: the condition, its threshold (prefilled with the last price), the window of
// a percent-change alert, and a note.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { ALERT_KINDS, ALERT_WINDOW_MINUTES, decimalPlaces, type AlertKind, type AlertRule, type NewAlertRule, type Symbol, type VenueId } from '../../../src-shared';
import { formatPrice } from '../../format/numbers';
import { inputText } from '../../format/parse-number';
import { useT } from '../../i18n';
import { alreadyPastWarning, checkDraft, kindLabel, parseDecimal, ruleText, type AlertDraft } from './alert-words';
import { useLastPrice } from '../../hooks/use-last-price';

interface Props {
  venue: VenueId;
  symbol: Symbol;
  /** Price decimals of the market, for the prefill and the last-price hint. */
  decimals: number;
  /** Quote asset, shown as the unit of a price threshold. */
  quote: string;
  /** Editing this rule; creating a new one when absent. */
  editing?: AlertRule;
  /** Resolves to an error in words, or undefined once saved. */
  onSubmit: (rule: NewAlertRule) => Promise<string | undefined>;
  onCancel?: () => void;
}

const DEFAULT_PERCENT = '2';
const DEFAULT_WINDOW = '15';

/** One price step beyond the last price, on the side the condition watches: the nearest line that can fire. */
function prefillPrice(kind: AlertKind, last: number | undefined, decimals: number): string {
  if (last === undefined) return '';
  const step = 10 ** -decimals;
  const line = kind === 'above' ? last + step : kind === 'below' ? last - step : last;
  return inputText(line, decimals);
}

function draftOf(rule: AlertRule | undefined): AlertDraft {
  if (!rule) return { kind: 'above', threshold: '', windowMinutes: DEFAULT_WINDOW, note: '' };
  return {
    kind: rule.kind,
    threshold: inputText(rule.threshold, decimalPlaces(rule.threshold)),
    windowMinutes: String(rule.windowMinutes ?? DEFAULT_WINDOW),
    note: rule.note ?? '',
  };
}

export function AlertForm({ venue, symbol, decimals, quote, editing, onSubmit, onCancel }: Props) {
  const id = useId();
  const last = useLastPrice(venue, symbol);
  const [draft, setDraft] = useState<AlertDraft>(() => draftOf(editing));
  // Until the trader types a threshold, it follows the market: prefilled with the last price once it is known.
  const [touched, setTouched] = useState(editing !== undefined);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string>();
  const [pending, setPending] = useState(false);
  const [saved, setSaved] = useState<string>();
  const { t } = useT('alerts');

  const isPercent = draft.kind === 'change-pct';
  useEffect(() => {
    if (touched) return;
    const prefill = isPercent ? DEFAULT_PERCENT : prefillPrice(draft.kind, last, decimals);
    setDraft((current) => (current.threshold === prefill ? current : { ...current, threshold: prefill }));
  }, [touched, isPercent, draft.kind, last, decimals]);

  const change = (field: keyof AlertDraft, value: string): void => {
    if (field === 'threshold') setTouched(true);
    setDraft((current) => ({ ...current, [field]: value }));
    setSaved(undefined);
  };
  const chooseKind = (kind: AlertKind): void => {
    // A percentage typed for a price alert (or the other way round) is never kept: the units differ.
    if ((kind === 'change-pct') !== isPercent) setTouched(false);
    setDraft((current) => ({ ...current, kind }));
  };

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (pending) return;
    const checked = checkDraft(draft, { venue, symbol });
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    setFailure(undefined);
    setPending(true);
    // The price this form showed: main arms the rule from it, as the "already past" warning here did.
    const rule = last !== undefined && !isPercent ? { ...checked.rule, referencePrice: last } : checked.rule;
    const problem = await onSubmit(rule);
    setPending(false);
    if (problem) {
      setFailure(problem);
      return;
    }
    if (!editing) {
      const condition = kindLabel(checked.rule.kind).toLocaleLowerCase();
      setSaved(t('form.created', { symbol: checked.rule.symbol, condition, threshold: draft.threshold.trim(), unit: isPercent ? ' %' : '' }));
      setDraft((current) => ({ ...current, note: '' }));
      setTouched(false);
    }
  }

  const warning = isPercent ? undefined : alreadyPastWarning(draft.kind, parseDecimal(draft.threshold), last);
  const field = (name: keyof AlertDraft) => ({
    id: `${id}-${name}`,
    value: draft[name],
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': errors[name] ? `${id}-${name}-error` : undefined,
    onChange: (event: { target: { value: string } }) => change(name, event.target.value),
  });
  const fieldError = (name: keyof AlertDraft) =>
    errors[name] && (
      <p id={`${id}-${name}-error`} className="field-error">
        {errors[name]}
      </p>
    );

  return (
    <form
      className="alert-form"
      aria-label={editing ? t('form.editLabel', { rule: ruleText(editing) }) : t('form.newLabel', { symbol })}
      noValidate
      onSubmit={(event) => void submit(event)}
    >
      {!editing && <h3>{t('form.newLabel', { symbol })}</h3>}
      <div className="ticket-field">
        <label htmlFor={`${id}-kind`}>{t('form.condition')}</label>
        <select id={`${id}-kind`} value={draft.kind} onChange={(event) => chooseKind(event.target.value as AlertKind)}>
          {ALERT_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {kindLabel(kind)}
            </option>
          ))}
        </select>
      </div>
      <div className="ticket-field">
        <label htmlFor={`${id}-threshold`}>{isPercent ? t('form.percent') : t('form.price')}</label>
        <div className="input-with-unit" data-invalid={errors.threshold ? '' : undefined}>
          {/* Once the trader is in the field it stops following the market: no digit moves under the cursor. */}
          <input {...field('threshold')} onFocus={() => setTouched(true)} inputMode="decimal" autoComplete="off" spellCheck={false} />
          <span className="unit">{isPercent ? '%' : quote}</span>
        </div>
        {fieldError('threshold')}
        <span className="hint numeric-hint">{t('form.lastPrice', { price: formatPrice(last, decimals) })}</span>
      </div>
      {isPercent && (
        <div className="ticket-field">
          <label htmlFor={`${id}-windowMinutes`}>{t('form.window')}</label>
          <div className="input-with-unit" data-invalid={errors.windowMinutes ? '' : undefined}>
            <input {...field('windowMinutes')} inputMode="numeric" autoComplete="off" />
            <span className="unit">{t('form.minutes')}</span>
          </div>
          {fieldError('windowMinutes')}
          <span className="hint">
            {t('form.windowHint', { min: ALERT_WINDOW_MINUTES.min, max: ALERT_WINDOW_MINUTES.max })}
          </span>
        </div>
      )}
      <div className="ticket-field">
        <label htmlFor={`${id}-note`}>{t('form.note')}</label>
        <input {...field('note')} className="text-input" placeholder={t('form.notePlaceholder')} maxLength={200} autoComplete="off" />
        {fieldError('note')}
      </div>
      {warning && (
        <p className="alert-warning" role="status">
          {warning}
        </p>
      )}
      {failure && (
        <p className="form-error" role="alert">
          {failure}
        </p>
      )}
      {saved && (
        <p className="test-ok" role="status">
          {saved}
        </p>
      )}
      <div className="alert-form-actions">
        <button type="submit" className="primary" disabled={pending} aria-busy={pending}>
          {pending ? t('form.saving') : editing ? t('form.saveChanges') : t('form.create')}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel} disabled={pending}>
            {t('form.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
