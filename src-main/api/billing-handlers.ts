// `billing:*`: the plan (Free or Pro), Stripe Checkout and the customer portal. Without a system browser of its own
// (the headless host), the page that asked opens the Stripe page in a new tab, as for a sign-in.
import type { Handlers } from './dispatcher';
import type { ApiServices } from './services';

type BillingChannels = 'billing:status' | 'billing:refresh' | 'billing:checkout' | 'billing:portal';

export function billingHandlers({ billing, openBrowser }: Pick<ApiServices, 'billing' | 'openBrowser'>): Pick<Handlers, BillingChannels> {
  return {
    'billing:status': () => billing.status(),
    'billing:refresh': () => billing.refresh(),
    'billing:checkout': ({ interval }, session) => billing.checkout(interval, openBrowser ?? ((url) => session.push('auth.open-url', { url }))),
    'billing:portal': (_request, session) => billing.portal(openBrowser ?? ((url) => session.push('auth.open-url', { url }))),
  };
}
