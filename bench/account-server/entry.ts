// What the account-server benchmark measures: the real server wired to the fake Stripe and provider, and the app's
// offline check of an entitlement token.
export { startAccountServer } from '../../fakes/account-server';
export { EntitlementKey } from '../../src-main/billing/entitlement-token';
