// What the trader types, read in the screen's language: vi `1.000,5` and en `1,000.5` both mean 1000.5. A number
// that could be read two ways is refused with a hint rather than guessed: an order for 1000 typed as `1.000` must
// never leave as an order for 1 (or the other way round).
import type { Language } from '../../src-shared';
import { currentLanguage } from '../i18n/language';

/** Why a text is not a number, with what the trader could type instead (in their own convention). */
export type NumberProblem =
  /** Nothing typed. */
  | { reason: 'empty' }
  /** Letters, two signs, two decimal marks… */
  | { reason: 'notANumber' }
  /** vi `1.000`: a thousand by the Vietnamese convention, one by the decimal point most trading apps use. */
  | { reason: 'ambiguous'; asThousands: string; asDecimal: string }
  /** The other language's decimal mark (`0.5` in vi, `0,5` in en): what they meant is shown, not assumed. */
  | { reason: 'wrongDecimalMark'; suggestion: string }
  /** Thousands marks in the wrong places (`1.00.0`). */
  | { reason: 'badGrouping' };

export type ParsedNumber = { ok: true; value: number } | ({ ok: false } & NumberProblem);

interface Marks {
  decimal: string;
  group: string;
}

export const MARKS: Record<Language, Marks> = { en: { decimal: '.', group: ',' }, vi: { decimal: ',', group: '.' } };

/** Spaces (including the no-break spaces Intl writes) may group thousands in either language. */
const SPACES = /[\s\u00a0\u202f]/g;

const fail = (problem: NumberProblem): ParsedNumber => ({ ok: false, ...problem });

/** Reads a decimal number as typed in `language` (the screen's by default). Bounded: inputs are a few characters. */
export function parseDecimal(text: string, language: Language = currentLanguage()): ParsedNumber {
  if (text.length > 64) return fail({ reason: 'notANumber' });
  const { decimal, group } = MARKS[language];
  const compact = text.trim().replace(SPACES, '');
  if (compact === '') return fail({ reason: 'empty' });
  const sign = compact.startsWith('-') ? '-' : compact.startsWith('+') ? '+' : '';
  const body = compact.slice(sign.length);
  if (!/^[\d.,]+$/.test(body)) return fail({ reason: 'notANumber' });

  const decimals = body.split(decimal).length - 1;
  if (decimals > 1) return fail({ reason: 'notANumber' });
  const [integer = '', fraction = ''] = body.split(decimal);
  if (fraction.includes(group)) return fail({ reason: 'badGrouping' });
  const groups = integer.split(group);

  if (groups.length > 1) {
    if (decimals === 0 && groups.length === 2) {
      const [head = '', tail = ''] = groups;
      // `1.000` in vi: a thousands mark to one reader, the decimal point of every English app to another. (A comma
      // is no such trap in English: `1,000` is a thousand to anyone typing in English.)
      const grouped = tail.length === 3 && /^\d{1,3}$/.test(head);
      if (grouped && group === '.') {
        return fail({ reason: 'ambiguous', asThousands: `${sign}${head}${tail}`, asDecimal: `${sign}${head}${decimal}${tail}` });
      }
      // `0.5` in vi, `0,5` in en: the other convention's decimal mark; say what to type instead.
      if (!grouped && /^\d*$/.test(head) && /^\d+$/.test(tail)) {
        return fail({ reason: 'wrongDecimalMark', suggestion: `${sign}${head || '0'}${decimal}${tail}` });
      }
    }
    const [first = '', ...rest] = groups;
    if (!/^\d{1,3}$/.test(first) || rest.some((g) => !/^\d{3}$/.test(g))) return fail({ reason: 'badGrouping' });
  }

  const digits = groups.join('');
  if (digits === '' && fraction === '') return fail({ reason: 'notANumber' });
  if (!/^\d*$/.test(digits) || !/^\d*$/.test(fraction)) return fail({ reason: 'notANumber' });
  const value = Number(`${sign}${digits || '0'}.${fraction || '0'}`);
  return Number.isFinite(value) ? { ok: true, value } : fail({ reason: 'notANumber' });
}

/** A number as an input holds it: fixed decimals, the language's decimal mark, no thousands marks (`0,50` in vi). */
export function inputText(value: number, decimals: number, language: Language = currentLanguage()): string {
  return value.toFixed(decimals).replace('.', MARKS[language].decimal);
}
