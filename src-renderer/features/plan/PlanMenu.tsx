// The top bar's Plan menu: Free or Pro, when it renews (or ends), a failed payment's deadline, Upgrade (Stripe
// Checkout) and Manage (the billing portal: cancel, card, invoices). Shown only when an account server is configured.
import { api } from '../../api';
import { planStanding } from './plan-words';
import { usePlan } from './plan-store';

export function PlanMenu() {
  const { status, busy, error, refresh, upgrade, manage } = usePlan();
  if (!status?.configured) return null;
  const name = status.plan === 'pro' ? 'Pro' : 'Free';
  const sentence = planStanding(status);
  const problem = error ?? status.problem;
  return (
    <details className="display-menu plan-menu">
      <summary aria-label={`Plan: ${name}`}>Plan: {name}</summary>
      <div className="display-menu-panel" role="group" aria-label="Plan">
        <p className="plan-name" aria-live="polite">
          You are on <strong>{name}</strong>
        </p>
        {sentence && <p className="plan-standing">{sentence}</p>}
        {!status.signedIn && <p className="hint">Sign in to your Trade Bot Scratch account to upgrade or manage your plan.</p>}
        {status.plan === 'free' && (
          <>
            <p className="hint">Pro adds any number of live accounts, MetaTrader 5, SMS alerts and scale-out.</p>
            <button type="button" disabled={busy || !status.signedIn} onClick={() => void upgrade(api, 'monthly')}>
              Upgrade (monthly)
            </button>
            <button type="button" disabled={busy || !status.signedIn} onClick={() => void upgrade(api, 'yearly')}>
              Upgrade (yearly)
            </button>
          </>
        )}
        {status.status !== 'none' && (
          <button type="button" disabled={busy || !status.signedIn} onClick={() => void manage(api)}>
            Manage
          </button>
        )}
        <button type="button" disabled={busy || !status.signedIn} onClick={() => void refresh(api)}>
          Check again
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
