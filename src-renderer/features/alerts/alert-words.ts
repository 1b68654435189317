// How the alerts tab says things: kinds, statuses and the form's checks, in words a trader acts on.
import { NewAlertRule, type AlertKind, type AlertRule, type AlertTriggered } from '../../../src-shared';
import { numberHint } from '../../format/number-hint';
import { formatNumber } from '../../format/numbers';
import { parseDecimal as parseNumber } from '../../format/parse-number';
import { clockTime, formatWith, sameDay } from '../../format/time';
import { t } from '../../i18n';

export const kindLabel = (kind: AlertKind): string => t(`alerts:kinds.${kind}`);

/** A rule in words, "BTC/USDT above 65,000", in the language on screen (main's description is English). */
export function ruleText(rule: { symbol: string; kind: AlertKind; threshold: number; windowMinutes?: number | undefined }): string {
  return t(`alerts:rule.${rule.kind}`, { symbol: rule.symbol, value: formatNumber(rule.threshold, 8), minutes: rule.windowMinutes ?? '?' });
}

/** What fired, with which way the price went; main's description when the firing predates terms. */
export function firingText(firing: Pick<AlertTriggered, 'symbol' | 'description' | 'terms' | 'offline'>): string {
  if (!firing.terms) return firing.description;
  const { direction, ...terms } = firing.terms;
  const rule = ruleText({ symbol: firing.symbol, ...terms });
  const turned =
    terms.kind === 'crossing'
      ? t(direction === 'up' ? 'alerts:fired.crossingUp' : 'alerts:fired.crossingDown', { rule })
      : terms.kind === 'change-pct'
        ? t(direction === 'up' ? 'alerts:fired.changeUp' : 'alerts:fired.changeDown', { rule })
        : rule;
  return firing.offline ? t('alerts:fired.offline', { rule: turned, from: clockTime(firing.offline.from, false), to: clockTime(firing.offline.to, false) }) : turned;
}

/** The status column: what the rule is doing now, and what happens next. */
export function statusWords(rule: Pick<AlertRule, 'status' | 'detail' | 'kind'>): { label: string; hint?: string } {
  switch (rule.status) {
    case 'armed':
      return rule.detail ? { label: t('alerts:status.armed'), hint: rule.detail } : { label: t('alerts:status.armed') };
    case 'beyond':
      // The hysteresis of src-main/alerts/rule-logic.ts, said so that a quiet alert near its line is not a surprise.
      return rule.kind === 'change-pct'
        ? { label: t('alerts:status.moveReached'), hint: t('alerts:status.moveReachedHint') }
        : { label: t('alerts:status.beyond'), hint: t('alerts:status.beyondHint') };
    case 'waiting-for-price':
      return { label: t('alerts:status.waitingForPrice'), hint: rule.detail ?? t('alerts:status.waitingForPriceHint') };
    case 'waiting-for-venue':
      return { label: t('alerts:status.waitingForVenue'), hint: rule.detail ?? t('alerts:status.waitingForVenueHint') };
    case 'paused':
      return { label: t('alerts:status.paused'), hint: t('alerts:status.pausedHint') };
  }
}

/** The time in the chosen zone, with the date when it is not today. */
export function firedAt(at: number, now = Date.now()): string {
  const time = clockTime(at);
  return sameDay(at, now) ? time : `${formatWith(at, { year: 'numeric', month: 'numeric', day: 'numeric' })} ${time}`;
}

/**
 * A warning when the line is already behind the price: the rule would start "past the line" and stay quiet until the
 * price comes back and crosses (UI.md: say what happens next).
 */
export function alreadyPastWarning(kind: AlertKind, threshold: number, last: number | undefined): string | undefined {
  if (last === undefined || !Number.isFinite(threshold)) return undefined;
  if (kind === 'above' && last > threshold) {
    return t('alerts:alreadyAbove');
  }
  if (kind === 'below' && last < threshold) {
    return t('alerts:alreadyBelow');
  }
  return undefined;
}

const FIELDS = ['threshold', 'windowMinutes', 'note', 'symbol', 'venue', 'kind'] as const;
const fieldName = (field: string): string =>
  (FIELDS as readonly string[]).includes(field) ? t(`alerts:fields.${field as (typeof FIELDS)[number]}`) : t('alerts:fields.alert');

export interface AlertDraft {
  kind: AlertKind;
  /** As typed in the language on screen: en "65,000.5" and vi "65.000,5" both read as 65000.5. */
  threshold: string;
  windowMinutes: string;
  note: string;
}

/** A typed number, NaN when it cannot be read (the form then says how to type it). */
export function parseDecimal(text: string): number {
  const parsed = parseNumber(text);
  return parsed.ok ? parsed.value : Number.NaN;
}

/** The draft as the contract's request, checked by the same schema main enforces; errors per field, in words. */
export function checkDraft(
  draft: AlertDraft,
  where: { venue: NewAlertRule['venue']; symbol: string },
): { ok: true; rule: NewAlertRule } | { ok: false; errors: Record<string, string> } {
  const rule: NewAlertRule = { ...where, kind: draft.kind, threshold: parseDecimal(draft.threshold) };
  if (draft.kind === 'change-pct') rule.windowMinutes = parseDecimal(draft.windowMinutes);
  if (draft.note.trim()) rule.note = draft.note.trim();
  if (Number.isNaN(rule.threshold)) {
    const typed = parseNumber(draft.threshold);
    // Typed but unreadable (`1.000` in Vietnamese): say how to type it; nothing typed: say what to type.
    if (!typed.ok && typed.reason !== 'empty') {
      return { ok: false, errors: { threshold: t('alerts:fieldError', { field: fieldName('threshold'), message: numberHint(typed, draft.threshold) }) } };
    }
    return { ok: false, errors: { threshold: draft.kind === 'change-pct' ? t('alerts:enterPercentage') : t('alerts:enterPrice') } };
  }
  const checked = NewAlertRule.safeParse(rule);
  if (checked.success) return { ok: true, rule };
  const errors: Record<string, string> = {};
  for (const issue of checked.error.issues) {
    const field = String(issue.path[0] ?? 'threshold');
    errors[field] ??= t('alerts:fieldError', { field: fieldName(field), message: issue.message });
  }
  return { ok: false, errors };
}
