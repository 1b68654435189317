// The health of the venues' REST access (`system:health`) and whether each venue answers (`system:connectivity`,
// probed again at once by `system:retry-now` and `system:network-online`).
import { z } from 'zod';
import { VenueId } from './domain';

const NoPayload = z.object({}).strict();
const VenueRef = z.object({ venue: VenueId }).strict();

/** Health of one venue's REST access, as the resilience layer sees it (`system:health`). */
export const VenueHealth = z.object({
  venue: VenueId,
  breaker: z.enum(['closed', 'open', 'half-open']),
  /** While the circuit is open: time until the next trial call. */
  retryAfterMs: z.number().int().nonnegative().optional(),
  rateBudget: z.object({
    windows: z.array(z.object({ id: z.string(), used: z.number().nonnegative(), limit: z.number().positive() })),
  }),
  /** Requests paused until then after the venue's Retry-After. */
  pausedUntil: z.number().int().nonnegative().optional(),
  /** The venue banned this address until then (Binance 418): no requests go to it before. */
  bannedUntil: z.number().int().nonnegative().optional(),
});
export type VenueHealth = z.infer<typeof VenueHealth>;

export const OperationMetrics = z.object({
  operation: z.string(),
  venue: VenueId,
  count: z.number().int().nonnegative(),
  errors: z.number().int().nonnegative(),
  p50Ms: z.number().nonnegative(),
  p95Ms: z.number().nonnegative(),
  p99Ms: z.number().nonnegative(),
});
export type OperationMetrics = z.infer<typeof OperationMetrics>;

/**
 * Whether a venue answers, as its reachability link sees it: live; connecting (its saved account, at start); offline
 * (unreachable, retried by itself at `retryAt`); rejected (the venue refused the account's keys: the trader must act);
 * none (no account: not used).
 */
export const VenueConnectivity = z.object({
  venue: VenueId,
  state: z.enum(['live', 'connecting', 'offline', 'rejected', 'none']),
  retryAt: z.number().int().nonnegative().optional(),
  reason: z.string().optional(),
});
export type VenueConnectivity = z.infer<typeof VenueConnectivity>;

export const SystemHealth = z.object({ venues: z.array(VenueHealth), operations: z.array(OperationMetrics) });
export type SystemHealth = z.infer<typeof SystemHealth>;

export const healthChannels = {
  'system:health': {
    req: NoPayload,
    res: SystemHealth,
  },
} as const;

export const connectivityChannels = {
  /** Each venue's connectivity (the top bar); changes are pushed as `venue.connectivity-changed`. */
  'system:connectivity': {
    req: NoPayload,
    res: z.array(VenueConnectivity),
  },
  /** Probes an offline venue at once (the chart's Retry now): its streams and account resume if it answers. */
  'system:retry-now': {
    req: VenueRef,
    res: z.object({ probing: z.boolean() }),
  },
  /**
   * The window saw the network come back (the browser's `online` event; Electron's main process has none): every
   * offline venue is probed at once instead of at its next slow probe. Says how many were.
   */
  'system:network-online': {
    req: NoPayload,
    res: z.object({ probing: z.number().int().nonnegative() }),
  },
} as const;

export const connectivityEvents = {
  'venue.connectivity-changed': VenueConnectivity,
} as const;
