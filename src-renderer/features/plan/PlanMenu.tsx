// The top bar's Plan menu: Free or Pro, when it renews (or ends), a failed payment's deadline, Upgrade (Stripe
// Checkout) and Manage (the billing portal: cancel, card, invoices). Shown only when an account server is configured.
import { api } from '../../api';
import { useT } from '../../i18n';
import { planStanding } from './plan-words';
import { usePlan } from './plan-store';

export function PlanMenu() {
  const { status, busy, error, refresh, upgrade, manage } = usePlan();
  const { t } = useT('plan');
  if (!status?.configured) return null;
  const name = t(`names.${status.plan}`);
  const sentence = planStanding(status);
  const problem = error ?? status.problem;
  return (
    <details className="display-menu plan-menu">
      <summary aria-label={t('summary', { name })}>{t('summary', { name })}</summary>
      <div className="display-menu-panel" role="group" aria-label={t('group')}>
        <p className="plan-name" aria-live="polite">
          {t('youAreOnBefore')}
          <strong>{name}</strong>
        </p>
        {sentence && <p className="plan-standing">{sentence}</p>}
        {!status.signedIn && <p className="hint">{t('signInToManage')}</p>}
        {status.plan === 'free' && (
          <>
            <p className="hint">{t('proAdds')}</p>
            <button type="button" disabled={busy || !status.signedIn} onClick={() => void upgrade(api, 'monthly')}>
              {t('upgradeMonthly')}
            </button>
            <button type="button" disabled={busy || !status.signedIn} onClick={() => void upgrade(api, 'yearly')}>
              {t('upgradeYearly')}
            </button>
          </>
        )}
        {status.status !== 'none' && (
          <button type="button" disabled={busy || !status.signedIn} onClick={() => void manage(api)}>
            {t('manage')}
          </button>
        )}
        <button type="button" disabled={busy || !status.signedIn} onClick={() => void refresh(api)}>
          {t('checkAgain')}
        </button>
        {problem && (
          <p className="plan-problem" role="alert">
            {problem}
          </p>
        )}
      </div>
    </details>
  );
}
