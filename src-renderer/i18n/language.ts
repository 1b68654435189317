// Which language the screen speaks, and the Intl locale its numbers and dates use. Kept apart from i18next so that
// pure formatters (format/) can read it without importing the catalogues.
import type { Language } from '../../src-shared';

export const LANGUAGES: readonly Language[] = ['en', 'vi'];

/** The system's language when it is one of ours, else English (issue 19). `languageTag` is BCP 47 (`vi-VN`). */
export function systemLanguage(languageTag: string | undefined = globalThis.navigator?.language): Language {
  const primary = languageTag?.toLowerCase().split('-')[0];
  return LANGUAGES.find((language) => language === primary) ?? 'en';
}

/**
 * The Intl locale per language. Pinned to a region so separators do not drift with the machine: `en-US` writes
 * 1,000.5 and `vi-VN` writes 1.000,5 (UI.md: thousands separators, the trader's own convention).
 */
export const INTL_LOCALE: Record<Language, string> = { en: 'en-US', vi: 'vi-VN' };

let current: Language = systemLanguage();

/** The language on screen now; formatters read it at every call, so a switch needs no restart. */
export function currentLanguage(): Language {
  return current;
}

export function intlLocale(): string {
  return INTL_LOCALE[current];
}

/** Only `setLanguage` in index.ts calls this, so i18next and the formatters never disagree. */
export function rememberLanguage(language: Language): void {
  current = language;
}
