// The plan domain's public face. jose stays inside this folder (eslint-rules/layering.mjs).
export { BillingService, type BillingServiceDeps, type EntitlementStore } from './billing-service';
export { billingConfigFromEnv, BILLING_ENV, type BillingConfig } from './config';
export { entitlementStoreIn, ENTITLEMENT_KEY } from './entitlement-store';
