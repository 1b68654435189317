// What an unreadable number input says, in the screen's language: the hint names what to type instead.
import { t } from '../i18n';
import { currentLanguage } from '../i18n/language';
import { MARKS, parseDecimal, type NumberProblem } from './parse-number';

export function numberHint(problem: NumberProblem, typed: string): string {
  const { decimal, group } = MARKS[currentLanguage()];
  const example = `1${group}000${decimal}5`;
  switch (problem.reason) {
    case 'empty':
      return t('format:number.empty');
    case 'notANumber':
      return t('format:number.notANumber', { example: `0${decimal}5` });
    case 'ambiguous':
      return t('format:number.ambiguous', { text: typed.trim(), asThousands: problem.asThousands, asDecimal: problem.asDecimal });
    case 'wrongDecimalMark':
      return t('format:number.wrongDecimalMark', { mark: decimal, suggestion: problem.suggestion });
    case 'badGrouping':
      return t('format:number.badGrouping', { example });
  }
}

/** A typed number for a form: its value, nothing typed (undefined), or the hint to show. */
export function readNumber(text: string): { value: number | undefined; error?: undefined } | { value?: undefined; error: string } {
  if (text.trim() === '') return { value: undefined };
  const parsed = parseDecimal(text);
  return parsed.ok ? { value: parsed.value } : { error: numberHint(parsed, text) };
}
