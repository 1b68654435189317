// Typed keys: `t('orders:cancel')` checks the namespace and the key against the English catalogue, so a misspelled or
// missing key fails `tsc` instead of showing the key on screen.
import 'i18next';
import type en from './en';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: typeof en;
    returnNull: false;
  }
}
