// What a failed create means for the order. Either the venue (or our own resilience stack, before sending) refused it
// for certain — the order does not exist and can be marked rejected — or the answer leaves its fate open: the request
// may have reached the venue and been accepted, so it is marked unknown and looked up by its client order id.
// Guessing "refused" wrongly would invite a second order; guessing "unknown" wrongly only costs a lookup.
import { AppError, type ErrorCode } from '../../src-shared';
import { BulkheadRejectedError } from '../resilience';

/**
 * Codes that prove no order was created. The venue's refusals (funds, filters, keys, a bad request, an unknown
 * market) and the ones raised before anything was sent: an open circuit, an exhausted rate budget, a ban. A venue's
 * own 429 or 418 also refuses the request unprocessed.
 */
const DEFINITE: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'INSUFFICIENT_FUNDS',
  'ORDER_REJECTED',
  'INVALID_REQUEST',
  'AUTH_FAILED',
  'NOT_FOUND',
  'CIRCUIT_OPEN',
  'RATE_LIMITED',
  'BANNED',
  'RISK_LIMIT',
]);

export type CreateOutcome = { kind: 'refused'; reason: string } | { kind: 'ambiguous'; reason: string };

export function classifyCreateFailure(error: unknown, venueName: string): CreateOutcome {
  // A full or timed-out bulkhead queue never started the call, whatever its code says (a queue timeout is TIMEOUT).
  if (error instanceof BulkheadRejectedError) return { kind: 'refused', reason: `${error.message} The order was not sent.` };
  if (error instanceof AppError && DEFINITE.has(error.code)) return { kind: 'refused', reason: error.message };
  // TIMEOUT, VENUE_UNAVAILABLE (5xx, reset, unreadable answer), INTERNAL, or something that is not an AppError.
  const detail = error instanceof Error ? error.message : String(error);
  // The resilience stack's own create timeout already says all of this.
  if (/client order id/.test(detail)) return { kind: 'ambiguous', reason: detail };
  return {
    kind: 'ambiguous',
    reason:
      `${venueName} did not confirm the order (${detail.replace(/\.$/, '')}). It may or may not have been placed: ` +
      'the app is checking by its client order id. Do not place it again until this is resolved.',
  };
}
