// What the trader does in MetaTrader 5, once per terminal (docs/mt5.md says the same at more length).
import { Trans } from 'react-i18next';
import { useT } from '../../i18n';

/** The markup the steps' words may use: menu paths and buttons in bold, file names and inputs as code. */
const MARKUP = { b: <strong />, code: <code />, em: <em /> };

export function Mt5Steps({ port }: { port: number | undefined }) {
  const { t } = useT('accounts');
  return (
    <ol className="mt5-steps" aria-label={t('mt5.steps.label')}>
      <li>
        <Trans t={t} i18nKey="mt5.steps.compile" components={MARKUP} />
      </li>
      <li>
        <Trans t={t} i18nKey="mt5.steps.options" components={MARKUP} />
      </li>
      <li>
        {port !== undefined ? (
          <Trans t={t} i18nKey="mt5.steps.attachPort" values={{ port }} components={MARKUP} />
        ) : (
          <Trans t={t} i18nKey="mt5.steps.attach" components={MARKUP} />
        )}
      </li>
      <li>
        <Trans t={t} i18nKey="mt5.steps.algo" components={MARKUP} />
      </li>
    </ol>
  );
}
