// The UI's languages: English and Vietnamese, switched without a restart.
//
// HOWTO move a component's strings into the catalogues:
//  1. Add the English text under the feature's namespace in `en/<namespace>.ts` (nest keys by screen or part:
//     `ticket.buy`), and the Vietnamese in `vi/<namespace>.ts`; the typecheck refuses a key missing from either.
//  2. In the component: `const { t } = useT('orders');` then `t('cancel')`, or `t('common:save')` from any namespace.
//     Values go in as parameters, never glued on: `t('rows', { count })` with `rows_one` / `rows_other` keys (plurals),
//     `t('placed', { side, amount: formatAmount(x, 4) })` with `{{amount}}` in the text (interpolation).
//  3. Outside React (stores, `*-words.ts` helpers): `import { t } from '../../i18n'` — it reads the current language
//     at each call, so call it when the text is shown, not once at import.
//  4. Numbers and dates go through `format/` (it follows the language); typed numbers through `format/parse-number`.
//  5. Errors from main: `errorMessage(error)` (format/error-message.ts) translates the code and its parameters.
// The lint rule `i18n/no-display-literal` refuses text written inline in a component.
import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import type { Language } from '../../src-shared';
import en from './en';
import { currentLanguage, rememberLanguage } from './language';
import vi from './vi';

export { currentLanguage, intlLocale, systemLanguage, LANGUAGES } from './language';

export const NAMESPACES = Object.keys(en) as (keyof typeof en)[];

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: { en, vi },
  lng: currentLanguage(),
  fallbackLng: 'en',
  supportedLngs: ['en', 'vi'],
  ns: NAMESPACES,
  defaultNS: 'common',
  // React escapes what it renders; escaping here too would show `&amp;` on screen.
  interpolation: { escapeValue: false },
  returnNull: false,
  // Resources are bundled: initialise synchronously so the first render already has its words.
  initAsync: false,
});

/** Switches every string, number and date on screen; components re-render through react-i18next's subscription. */
export function setLanguage(language: Language): void {
  if (language === currentLanguage() && i18n.language === language) return;
  rememberLanguage(language);
  void i18n.changeLanguage(language);
}

/** For code outside components (stores, word helpers): the current language at each call. */
export const t = i18n.t.bind(i18n);

/** The component hook: `const { t } = useT('orders')`. */
export const useT = useTranslation;
