// Terminals the bridge turned away, newest first, each with what to do about it in main's words.
import type { Mt5Refusal } from '../../../src-shared';
import { Trans } from 'react-i18next';
import { useT } from '../../i18n';
import { refusalWords, refusedWho, whenText } from './mt5-words';

export function Mt5Refusals({ refusals }: { refusals: readonly Mt5Refusal[] }) {
  const { t } = useT('accounts');
  if (refusals.length === 0) return null;
  return (
    <div className="mt5-refusals">
      <h3 id="mt5-refusals-heading">{t('mt5.refusals.heading')}</h3>
      <ul aria-labelledby="mt5-refusals-heading">
        {refusals.map((refusal, index) => (
          <li key={`${refusal.at}-${index}`} className="account-problem" data-reason={refusal.reason}>
            <Trans
              t={t}
              i18nKey="mt5.refusals.item"
              values={{ reason: refusalWords(refusal.reason), who: refusedWho(refusal), when: whenText(refusal.at), message: refusal.message }}
              components={{ b: <strong />, time: <time dateTime={new Date(refusal.at).toISOString()} /> }}
            />
          </li>
        ))}
      </ul>
    </div>
  );
}
