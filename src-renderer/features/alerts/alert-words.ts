// How the alerts tab says things: kinds, statuses and the form's checks, in words a trader acts on.
import { NewAlertRule, type AlertKind, type AlertRule } from '../../../src-shared';
import { clockTime, formatWith, sameDay } from '../../format/time';

export const KIND_LABELS: Record<AlertKind, string> = {
  above: 'Price rises above',
  below: 'Price falls below',
  crossing: 'Price crosses',
  'change-pct': 'Price moves by % within a window',
};

/** The status column: what the rule is doing now, and what happens next. */
export function statusWords(rule: Pick<AlertRule, 'status' | 'detail' | 'kind'>): { label: string; hint?: string } {
  switch (rule.status) {
    case 'armed':
      return rule.detail ? { label: 'Armed', hint: rule.detail } : { label: 'Armed' };
    case 'beyond':
      // The hysteresis of src-main/alerts/rule-logic.ts, said so that a quiet alert near its line is not a surprise.
      return rule.kind === 'change-pct'
        ? { label: 'Move reached', hint: 'Fires again once the move has faded below 90 % of the percentage and grows back.' }
        : { label: 'Past the line', hint: 'Fires again after the price comes back past the line by 0.1 % and crosses once more.' };
    case 'waiting-for-price':
      return { label: 'Waiting for price', hint: rule.detail ?? 'The price feed is starting.' };
    case 'waiting-for-venue':
      return { label: 'Waiting for venue', hint: rule.detail ?? 'The venue is not connected.' };
    case 'paused':
      return { label: 'Paused', hint: 'Never fires until resumed.' };
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
    return 'The price is already above this line: the alert fires only after it falls back below and rises through it again.';
  }
  if (kind === 'below' && last < threshold) {
    return 'The price is already below this line: the alert fires only after it rises back above and falls through it again.';
  }
  return undefined;
}

const FIELD_NAMES: Record<string, string> = {
  threshold: 'Threshold',
  windowMinutes: 'Window',
  note: 'Note',
  symbol: 'Symbol',
  venue: 'Venue',
  kind: 'Condition',
};

export interface AlertDraft {
  kind: AlertKind;
  /** As typed: "65,000.5" and "65000.5" both read as 65000.5. */
  threshold: string;
  windowMinutes: string;
  note: string;
}

export function parseDecimal(text: string): number {
  const cleaned = text.replace(/[\s,]/g, '');
  return cleaned === '' ? Number.NaN : Number(cleaned);
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
    return { ok: false, errors: { threshold: `Threshold: enter a ${draft.kind === 'change-pct' ? 'percentage' : 'price'}` } };
  }
  const checked = NewAlertRule.safeParse(rule);
  if (checked.success) return { ok: true, rule };
  const errors: Record<string, string> = {};
  for (const issue of checked.error.issues) {
    const field = String(issue.path[0] ?? 'threshold');
    errors[field] ??= `${FIELD_NAMES[field] ?? 'Alert'}: ${issue.message}`;
  }
  return { ok: false, errors };
}
