// The plan in force at a moment, from the last verified entitlement: the rules of grace in one pure function.
//   - No account server configured: everything is available.
//   - A valid token: its plan. A past-due payment keeps Pro until PAST_DUE_GRACE_MS after the paid period ended.
//   - An expired token (the account server could not be reached to renew it): its plan for OFFLINE_GRACE_MS more.
//   - Past both: Free. Free never touches an order; it only refuses new live orders beyond its allowance.
import { OFFLINE_GRACE_MS, PAST_DUE_GRACE_MS, PLAN_FEATURES, PlanFeature, type PlanStatus } from '../../src-shared';
import type { VerifiedEntitlement } from './entitlement-token';

export interface PlanInputs {
  configured: boolean;
  signedIn: boolean;
  entitlement: VerifiedEntitlement | undefined;
  /** When the account server last answered with this entitlement. */
  verifiedAt?: number;
  problem?: string;
  now: number;
}

export function planStatusAt(inputs: PlanInputs): PlanStatus {
  const { entitlement: e, now } = inputs;
  const base = {
    configured: inputs.configured,
    signedIn: inputs.signedIn,
    cancelAtPeriodEnd: e?.cancelAtPeriodEnd ?? false,
    ...(inputs.problem ? { problem: inputs.problem } : {}),
    ...(inputs.verifiedAt !== undefined ? { verifiedAt: inputs.verifiedAt } : {}),
  };
  if (!inputs.configured) return { ...base, plan: 'free', status: 'none', features: [...PlanFeature.options] };
  if (!e) return { ...base, plan: 'free', status: 'none', features: [] };
  const periodEnd = e.periodEnd === null ? undefined : e.periodEnd * 1000;
  const withPeriod = { ...base, status: e.status, ...(periodEnd !== undefined ? { periodEnd } : {}) };
  const limits: number[] = [];
  if (now >= e.expiresAt) limits.push(e.expiresAt + OFFLINE_GRACE_MS);
  if (e.status === 'past_due') limits.push((periodEnd ?? e.issuedAt) + PAST_DUE_GRACE_MS);
  const graceUntil = limits.length > 0 ? Math.min(...limits) : undefined;
  if (e.plan === 'free' || (graceUntil !== undefined && now >= graceUntil)) {
    return { ...withPeriod, plan: 'free', features: [...PLAN_FEATURES.free] };
  }
  return { ...withPeriod, plan: 'pro', features: [...PLAN_FEATURES.pro], ...(graceUntil !== undefined ? { graceUntil } : {}) };
}
